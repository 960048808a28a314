/// Just enough HTML for raw HTML inside Markdown: tags to map or strip, and entities to decode.
public enum HTMLText {
    struct Tag: Equatable {
        /// Lower-cased element name.
        var name: String
        var closing: Bool
        var attributes: [String: String]
    }

    enum Token: Equatable {
        case tag(Tag)
        case text(String)
    }

    /// Elements after which text continues on a new line.
    static let blockElements: Set<String> = [
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "ul", "ol",
        "table", "hr", "dd", "dt", "dl", "section", "article", "details", "summary", "header", "footer",
    ]

    /// Parses one tag such as `<a href="x">`, `</b>` or `<br/>`. Comments, declarations and
    /// processing instructions give nil.
    static func parseTag(_ raw: Substring) -> Tag? {
        guard raw.hasPrefix("<"), raw.hasSuffix(">"), raw.count >= 3 else { return nil }
        var body = raw.dropFirst().dropLast()
        var closing = false
        if body.first == "/" {
            closing = true
            body = body.dropFirst()
        }
        guard let first = body.first, first.isASCII, first.isLetter else { return nil }
        let name = body.prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        var rest = body.dropFirst(name.count)
        var attributes: [String: String] = [:]
        while true {
            rest = rest.drop(while: { $0 == " " || $0 == "\n" || $0 == "/" })
            guard !rest.isEmpty else { break }
            let key = rest.prefix(while: { $0 != "=" && $0 != " " && $0 != "\n" && $0 != "/" && $0 != ">" })
            guard !key.isEmpty else { break }
            rest = rest.dropFirst(key.count).drop(while: { $0 == " " || $0 == "\n" })
            var value = ""
            if rest.first == "=" {
                rest = rest.dropFirst().drop(while: { $0 == " " || $0 == "\n" })
                if let quote = rest.first, quote == "\"" || quote == "'" {
                    let inner = rest.dropFirst().prefix(while: { $0 != quote })
                    value = String(inner)
                    rest = rest.dropFirst(inner.count + 2)
                } else {
                    let bare = rest.prefix(while: { $0 != " " && $0 != "\n" && $0 != ">" })
                    value = String(bare)
                    rest = rest.dropFirst(bare.count)
                }
            }
            attributes[key.lowercased()] = decodeEntities(value)
        }
        return Tag(name: name.lowercased(), closing: closing, attributes: attributes)
    }

    /// Splits an HTML fragment into tags and text (entities decoded). Comments and other
    /// markup declarations are dropped.
    static func tokens(_ html: String) -> [Token] {
        var out: [Token] = []
        var rest = html[...]
        var text = ""
        func flushText() {
            if !text.isEmpty { out.append(.text(decodeEntities(text))) }
            text = ""
        }
        while let open = rest.firstIndex(of: "<") {
            text += rest[..<open]
            let from = rest[open...]
            if from.hasPrefix("<!--") {
                flushText()
                if let end = from.firstRange(of: "-->") {
                    rest = from[end.upperBound...]
                } else {
                    rest = from[from.endIndex...]
                }
                continue
            }
            guard let close = from.firstIndex(of: ">") else {
                text += from
                rest = from[from.endIndex...]
                break
            }
            let raw = from[...close]
            let afterBracket = from.dropFirst().first
            if let tag = parseTag(raw) {
                flushText()
                out.append(.tag(tag))
            } else if afterBracket == "!" || afterBracket == "?" {
                flushText()  // <!DOCTYPE …>, <?xml …?>, <![CDATA[ … ]]>
            } else {
                text += "<"
                rest = from.dropFirst()
                continue
            }
            rest = from[from.index(after: close)...]
        }
        text += rest
        flushText()
        return out
    }

    /// Decodes `&name;`, `&#123;` and `&#x1F600;`. Unknown names stay as written.
    public static func decodeEntities(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "&")) else { return s }
        var out = ""
        var rest = s[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(32).firstIndex(of: ";"), let decoded = decode(after[..<semi]) {
                out += decoded
                rest = after[after.index(after: semi)...]
            } else {
                out += "&"
                rest = after
            }
        }
        out += rest
        return out
    }

    private static func decode(_ entity: Substring) -> String? {
        if entity.hasPrefix("#") {
            let digits = entity.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits, radix: 10)
            }
            guard let value else { return nil }
            guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
            return String(Character(scalar))
        }
        return namedEntities[String(entity)]
    }

    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "shy": "\u{AD}",
        "copy": "©", "reg": "®", "trade": "™", "hellip": "…", "mdash": "—", "ndash": "–", "minus": "−",
        "lsquo": "‘", "rsquo": "’", "sbquo": "‚", "ldquo": "“", "rdquo": "”", "bdquo": "„",
        "laquo": "«", "raquo": "»", "lsaquo": "‹", "rsaquo": "›", "middot": "·", "bull": "•",
        "deg": "°", "plusmn": "±", "times": "×", "divide": "÷", "euro": "€", "pound": "£", "yen": "¥",
        "cent": "¢", "curren": "¤", "sect": "§", "para": "¶", "dagger": "†", "Dagger": "‡", "permil": "‰",
        "prime": "′", "Prime": "″", "larr": "←", "rarr": "→", "uarr": "↑", "darr": "↓", "harr": "↔",
        "lArr": "⇐", "rArr": "⇒", "hArr": "⇔", "hearts": "♥", "spades": "♠", "clubs": "♣", "diams": "♦",
        "check": "✓", "cross": "✗", "star": "☆", "starf": "★", "infin": "∞", "ne": "≠", "le": "≤", "ge": "≥",
        "asymp": "≈", "equiv": "≡", "sum": "∑", "prod": "∏", "radic": "√", "part": "∂", "empty": "∅",
        "isin": "∈", "cap": "∩", "cup": "∪", "and": "∧", "or": "∨", "not": "¬", "micro": "µ",
        "frac12": "½", "frac14": "¼", "frac34": "¾", "sup1": "¹", "sup2": "²", "sup3": "³",
        "iexcl": "¡", "iquest": "¿", "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}",
        "zwj": "\u{200D}", "zwnj": "\u{200C}", "lrm": "\u{200E}", "rlm": "\u{200F}",
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "lambda": "λ", "mu": "μ",
        "pi": "π", "sigma": "σ", "tau": "τ", "phi": "φ", "omega": "ω", "theta": "θ", "Delta": "Δ",
        "Sigma": "Σ", "Omega": "Ω", "Pi": "Π",
        "aacute": "á", "eacute": "é", "iacute": "í", "oacute": "ó", "uacute": "ú", "agrave": "à",
        "egrave": "è", "igrave": "ì", "ograve": "ò", "ugrave": "ù", "acirc": "â", "ecirc": "ê",
        "icirc": "î", "ocirc": "ô", "ucirc": "û", "auml": "ä", "euml": "ë", "iuml": "ï", "ouml": "ö",
        "uuml": "ü", "yuml": "ÿ", "Auml": "Ä", "Ouml": "Ö", "Uuml": "Ü", "Aacute": "Á", "Eacute": "É",
        "szlig": "ß", "ntilde": "ñ", "Ntilde": "Ñ", "ccedil": "ç", "Ccedil": "Ç", "aring": "å",
        "Aring": "Å", "aelig": "æ", "AElig": "Æ", "oslash": "ø", "Oslash": "Ø", "atilde": "ã", "otilde": "õ",
    ]
}
