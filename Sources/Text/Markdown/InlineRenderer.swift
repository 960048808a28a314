import ForgeModel

/// Inline content of one block, as spans ready for wrapping; `"\n"` marks a line break.
struct InlineContent {
    var spans: [TaggedSpan] = []
    /// Indexed by the spans' tags.
    var links: [PendingLink] = []

    var plainText: String { spans.plainText }
}

/// A link found while rendering, before its line is known.
struct PendingLink {
    var text: String
    var target: String
    var kind: DocumentLink.Kind
    /// A place in the document it leads to (see `Fragment.anchors`).
    var anchor: String?
    /// The number shown after its text (`[3]`), when the document numbers its links.
    var number: Int?
}

/// Hands out link numbers across the blocks of one document, in reading order.
final class LinkNumberer {
    private(set) var next: Int

    init(first: Int) { next = first }

    func take() -> Int {
        defer { next += 1 }
        return next
    }
}

/// Turns the inline nodes of a block into styled spans: emphasis, code, links, images,
/// footnote references and inline HTML from cmark, then Allura's text-level dialect on the
/// remaining plain text: macros, `[references]`, `@mentions` and `:emoji:`.
struct InlineRenderer {
    let source: MarkdownSource
    let footnotes: [String: Int]
    /// The role of plain text (`.normal`, `.quote`, `.heading`, `.strong` in table headers).
    var base: Role = .normal
    /// In headings emphasis does not change the role.
    var flattenEmphasis = false
    /// Numbers the links (`[3]` after each); nil leaves them unnumbered.
    var numberer: LinkNumberer?

    private var out = InlineContent()
    private var emphasis = 0
    private var strong = 0
    private var strike = 0
    private var code = 0
    private var linkStack: [OpenLink] = []
    private var imageAlt: String?
    private var pending = ""

    private struct OpenLink {
        var tag: Int
        var url: String
        var firstSpan: Int
        var fromHTML: Bool
    }

    init(
        source: MarkdownSource, footnotes: [String: Int], base: Role = .normal, flattenEmphasis: Bool = false,
        numberer: LinkNumberer? = nil
    ) {
        self.source = source
        self.footnotes = footnotes
        self.base = base
        self.flattenEmphasis = flattenEmphasis
        self.numberer = numberer
    }

    /// The inline content of `block` (a paragraph, heading or table cell).
    func render(_ block: CMarkNode) -> InlineContent {
        var renderer = self
        renderer.out = InlineContent()
        block.walk { node, entering in
            guard node.pointer != block.pointer else { return }
            renderer.visit(node, entering: entering)
        }
        renderer.finish()
        renderer.numberLinks()
        return renderer.out
    }

    /// Raw HTML (an HTML block) as inline content: common tags mapped, others stripped, text
    /// kept with its entities decoded and its whitespace collapsed as a browser would.
    func render(html: String) -> InlineContent {
        var renderer = self
        renderer.out = InlineContent()
        for token in HTMLText.tokens(html) {
            switch token {
            case .tag(let tag):
                renderer.flush()
                renderer.apply(tag)
                if HTMLText.blockElements.contains(tag.name) && tag.name != "br" { renderer.emitRaw("\n") }
            case .text(let text):
                renderer.pending += Self.collapsingWhitespace(text)
            }
        }
        renderer.finish()
        renderer.out.spans = Self.tidyBreaks(renderer.out.spans)
        renderer.numberLinks()
        return renderer.out
    }

    // MARK: - Nodes

    private mutating func visit(_ node: CMarkNode, entering: Bool) {
        switch node.kind {
        case .text:
            if entering {
                if imageAlt != nil { imageAlt? += node.literal } else { pending += node.literal }
            }
        case .softBreak, .lineBreak:
            // Allura: every newline inside a paragraph is a line break.
            guard entering else { return }
            if imageAlt != nil {
                imageAlt? += " "
            } else {
                flush()
                emitRaw("\n")
            }
        case .code:
            guard entering else { return }
            let literal = source.restore(node.literal)
            if imageAlt != nil {
                imageAlt? += literal
            } else {
                flush()
                emit(literal, .code)
            }
        case .htmlInline:
            guard entering, imageAlt == nil else { return }
            flush()
            if let tag = HTMLText.parseTag(source.restore(node.literal)[...]) { apply(tag) }
        case .emphasis:
            flush()
            emphasis += entering ? 1 : -1
        case .strong:
            flush()
            strong += entering ? 1 : -1
        case .strikethrough:
            flush()
            strike += entering ? 1 : -1
        case .link:
            guard imageAlt == nil else { return }
            flush()
            if entering {
                openLink(url: source.restore(node.url), fromHTML: false)
            } else {
                closeLink()
            }
        case .image:
            if entering {
                flush()
                if imageAlt == nil { imageAlt = "" }
            } else if let alt = imageAlt {
                imageAlt = nil
                emitImage(alt: alt, source: source.restore(node.url))
            }
        case .footnoteReference:
            guard entering, imageAlt == nil else { return }
            flush()
            let label = node.literal
            let number = footnotes[label]
            let text = number.map { "[\($0)]" } ?? "[^\(label)]"
            let tag = out.links.count
            out.links.append(
                PendingLink(text: text, target: "^\(label)", kind: .footnote, anchor: number.map { "fn:\($0)" }))
            emit(text, .link, tag: tag)
        default:
            break
        }
    }

    private mutating func finish() {
        flush()
        while !linkStack.isEmpty { closeLink() }
    }

    /// Puts ` [N]` after the last span of each link, numbered in the order the links appear.
    /// Footnote marks are numbers already and stay as they are.
    private mutating func numberLinks() {
        guard let numberer else { return }
        var last: [Int: Int] = [:]
        for (index, span) in out.spans.enumerated() where out.links.indices.contains(span.tag) {
            last[span.tag] = index
        }
        guard !last.isEmpty else { return }
        var spans: [TaggedSpan] = []
        spans.reserveCapacity(out.spans.count + last.count)
        for (index, span) in out.spans.enumerated() {
            spans.append(span)
            guard last[span.tag] == index, out.links[span.tag].kind != .footnote else { continue }
            let number = numberer.take()
            out.links[span.tag].number = number
            spans.append(TaggedSpan(" [\(number)]", .muted))
        }
        out.spans = spans
    }

    /// Maps an inline HTML tag: `<b>`/`<strong>`, `<i>`/`<em>`, `<s>`/`<del>`/`<strike>`,
    /// `<code>`/`<kbd>`/`<tt>`, `<br>`, `<a href>`, `<img>`. Every other tag is dropped.
    private mutating func apply(_ tag: HTMLText.Tag) {
        func count(_ value: inout Int) { value = tag.closing ? max(0, value - 1) : value + 1 }
        switch tag.name {
        case "b", "strong": count(&strong)
        case "i", "em": count(&emphasis)
        case "s", "del", "strike": count(&strike)
        case "code", "kbd", "tt", "samp": count(&code)
        case "br": emitRaw("\n")
        case "a":
            if tag.closing {
                if linkStack.last?.fromHTML == true { closeLink() }
            } else if let href = tag.attributes["href"], !href.isEmpty {
                openLink(url: href, fromHTML: true)
            }
        case "img":
            if !tag.closing, let src = tag.attributes["src"] {
                emitImage(alt: tag.attributes["alt"] ?? "", source: src)
            }
        default:
            break
        }
    }

    // MARK: - Links

    private mutating func openLink(url: String, fromHTML: Bool) {
        let tag = out.links.count
        out.links.append(PendingLink(text: "", target: url, kind: .url))
        linkStack.append(OpenLink(tag: tag, url: url, firstSpan: out.spans.count, fromHTML: fromHTML))
    }

    private mutating func closeLink() {
        guard let open = linkStack.popLast() else { return }
        // Read the link's spans, then let go of them before emitting: a slice kept alive across
        // an append would copy every span of the document, once per link.
        var (text, hasOwnSpan) = linkSpans(from: open.firstSpan, tag: open.tag)
        if text.trimming(" ").isEmpty {
            emit(open.url, .link, tag: open.tag)
            text = open.url
        } else if !hasOwnSpan {
            // Only an image inside (a badge): the URL is what there is to follow.
            out.links[open.tag].text = Sanitizer.clean(open.url)
            emit(" <\(open.url)>", .link, tag: open.tag)
            return
        }
        out.links[open.tag].text = Sanitizer.clean(text)
        if Self.showsURL(text: text, url: open.url) {
            emit(" <\(open.url)>", linkStack.isEmpty ? .muted : .link, tag: linkStack.last?.tag ?? -1)
        }
    }

    /// The text of the spans from `first` on, and whether one of them belongs to link `tag`.
    private func linkSpans(from first: Int, tag: Int) -> (String, Bool) {
        var text = ""
        var hasOwnSpan = false
        for index in first..<out.spans.count {
            text += out.spans[index].text
            if out.spans[index].tag == tag { hasOwnSpan = true }
        }
        return (text, hasOwnSpan)
    }

    /// Whether the URL says more than the link text (it is not the text itself, with or
    /// without a scheme or `mailto:`).
    static func showsURL(text: String, url: String) -> Bool {
        let text = text.trimming(" ")
        if url == text || url == "mailto:" + text || url.hasSuffix("://" + text) { return false }
        if url.hasSuffix("/"), url.dropLast() == text || url.dropLast().hasSuffix("://" + text) { return false }
        return true
    }

    private mutating func emitImage(alt: String, source url: String) {
        let name =
            alt.trimming(" ").isEmpty
            ? String(url.split(separator: "/").last ?? "") : alt.trimming(" ")
        let text = name.isEmpty ? "[image]" : "[image: \(name)]"
        let tag = out.links.count
        out.links.append(PendingLink(text: Sanitizer.clean(text), target: url, kind: .image))
        emit(text, .link, tag: tag)
    }

    // MARK: - Text

    private var currentRole: Role {
        if code > 0 { return .code }
        if !linkStack.isEmpty { return .link }
        if strike > 0 { return .strike }
        if !flattenEmphasis {
            if strong > 0 { return .strong }
            if emphasis > 0 { return .emphasis }
        }
        return base
    }

    private var currentTag: Int { linkStack.last?.tag ?? -1 }

    /// Emits buffered plain text, finding the dialect's tokens in it.
    private mutating func flush() {
        guard !pending.isEmpty else { return }
        let text = pending
        pending = ""
        let role = currentRole
        let tag = currentTag
        let plain = linkStack.isEmpty && code == 0
        source.forEachPiece(of: text) { piece in
            switch piece {
            case .macro(let macro):
                switch Macro.display(macro) {
                case .verbatim(let shown):
                    emit(shown, role, tag: tag)
                case .placeholder(let shown, let target):
                    if plain, let target {
                        let macroTag = out.links.count
                        out.links.append(PendingLink(text: Sanitizer.clean(shown), target: target, kind: .macro))
                        emit(shown, .macro, tag: macroTag, keepTogether: true)
                    } else {
                        emit(shown, plain ? .macro : role, tag: tag)
                    }
                }
            case .text(let t):
                if !plain {
                    scanEmoji(t, role: role, tag: tag)
                } else if source.dialect == .gitlab {
                    scanGitLab(t, role: role)
                } else {
                    scanDialect(t, role: role)
                }
            }
        }
    }

    /// `[references]`, `@mentions` and `:emoji:` in plain text.
    private mutating func scanDialect(_ text: String, role: Role) {
        scanPlain(text, role: role, sigils: "[@:") { chars, i in
            guard chars[i] == "[", let close = Self.referenceEnd(chars, from: i) else { return nil }
            let inner = String(chars[(i + 1)..<close])
            return (i, close + 1, inner)
        }
    }

    /// GitLab's references (`#12`, `group/project#12`, `!3`, `~label`, `~"two words"`,
    /// `%milestone`, `%"v1.0"`), `@mentions` and `:emoji:` in plain text.
    private mutating func scanGitLab(_ text: String, role: Role) {
        scanPlain(text, role: role, sigils: "#!~%@:") { chars, i in Self.gitLabReference(chars, at: i) }
    }

    /// Emits plain text, turning into links the references `reference` finds (where one starts,
    /// where it ends, its target) and `@mentions`, and `:emoji:` into emoji. Every token starts at
    /// one of `sigils` (ASCII): a text that cannot hold one is emitted as it is, without looking
    /// at its characters one by one.
    private mutating func scanPlain(
        _ text: String, role: Role, sigils: StaticString,
        reference: ([Character], Int) -> (start: Int, end: Int, target: String)?
    ) {
        guard Self.mayHoldToken(text, sigils: sigils) else { return emit(text, role) }
        let chars = Array(text)
        var plainStart = 0
        var i = 0
        func flushPlain(upTo end: Int) {
            if plainStart < end { emit(String(chars[plainStart..<end]), role) }
        }
        while i < chars.count {
            let c = chars[i]
            if let (start, end, target) = reference(chars, i), start >= plainStart {
                flushPlain(upTo: start)
                let shown = String(chars[start..<end])
                let tag = out.links.count
                out.links.append(
                    PendingLink(text: Sanitizer.clean(shown), target: Sanitizer.clean(target), kind: .reference))
                emit(shown, .reference, tag: tag, keepTogether: true)
                i = end
                plainStart = i
            } else if c == "@", let end = Self.mentionEnd(chars, at: i) {
                flushPlain(upTo: i)
                let mention = String(chars[i..<end])
                let tag = out.links.count
                out.links.append(PendingLink(text: mention, target: mention, kind: .mention))
                emit(mention, .mention, tag: tag)
                i = end
                plainStart = i
            } else if c == ":", let (end, emoji) = Self.emoji(chars, at: i) {
                flushPlain(upTo: i)
                emit(emoji, role)
                i = end
                plainStart = i
            } else {
                i += 1
            }
        }
        flushPlain(upTo: chars.count)
    }

    /// A GitLab reference whose sigil (`#`, `!`, `~`, `%`) is at `at`: where it starts (a
    /// `group/project` path before `#` or `!` belongs to it), where it ends, and its target with
    /// quotes removed. References start at a word boundary; `#` and `!` take digits only.
    static func gitLabReference(_ chars: [Character], at: Int) -> (start: Int, end: Int, target: String)? {
        let sigil = chars[at]
        guard "#!~%".contains(sigil), at + 1 < chars.count else { return nil }
        func isPathCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || "_-./".contains(c) }
        if sigil == "#" || sigil == "!" {
            var start = at
            while start > 0, isPathCharacter(chars[start - 1]) { start -= 1 }
            let path = String(chars[start..<at])
            // Glued to the sigil, only a `group/project` path makes a reference (not `a#1`, `&#1`).
            if !path.isEmpty, !path.contains("/") || path.hasPrefix("/") || path.hasSuffix("/") { return nil }
            if start > 0, chars[start - 1] == "&" { return nil }
            var end = at + 1
            while end < chars.count, chars[end].isASCII, chars[end].isNumber, end - at <= 12 { end += 1 }
            guard end > at + 1 else { return nil }
            if end < chars.count, chars[end].isLetter || chars[end] == "_" { return nil }
            return (start, end, String(chars[start..<end]))
        }
        if at > 0, chars[at - 1].isLetter || chars[at - 1].isNumber || chars[at - 1] == "_" { return nil }
        if chars[at + 1] == "\"" {
            var end = at + 2
            while end < chars.count, chars[end] != "\"", chars[end] != "\n", end - at <= 100 { end += 1 }
            guard end < chars.count, chars[end] == "\"", end > at + 2 else { return nil }
            return (at, end + 1, String(sigil) + String(chars[(at + 2)..<end]))
        }
        var end = at + 1
        while end < chars.count, chars[end].isLetter || chars[end].isNumber || "_-.:?&".contains(chars[end]),
            end - at <= 100
        {
            end += 1
        }
        // Punctuation that ends a sentence is not part of the name.
        while end > at + 1, ".:?&".contains(chars[end - 1]) { end -= 1 }
        guard end > at + 1 else { return nil }
        return (at, end, String(chars[at..<end]))
    }

    private mutating func scanEmoji(_ text: String, role: Role, tag: Int) {
        guard text.utf8.contains(UInt8(ascii: ":")) else {
            emit(text, role, tag: tag)
            return
        }
        let chars = Array(text)
        var plainStart = 0
        var i = 0
        while i < chars.count {
            if chars[i] == ":", let (end, emoji) = Self.emoji(chars, at: i) {
                if plainStart < i { emit(String(chars[plainStart..<i]), role, tag: tag) }
                emit(emoji, role, tag: tag)
                i = end
                plainStart = i
            } else {
                i += 1
            }
        }
        if plainStart < chars.count { emit(String(chars[plainStart...]), role, tag: tag) }
    }

    /// The index of the `]` closing an artifact reference opened at `start`: `[#123]`,
    /// `[bugs:#12]`, `[wiki:Page Name]`, `[r1234]` … At least two characters, no brackets,
    /// no leading or trailing space, and a letter, digit-with-letter or `#` inside.
    static func referenceEnd(_ chars: [Character], from start: Int) -> Int? {
        var j = start + 1
        while j < chars.count, j - start <= 101 {
            let c = chars[j]
            if c == "]" { break }
            if c == "[" || c == "\n" { return nil }
            j += 1
        }
        guard j < chars.count, chars[j] == "]" else { return nil }
        let inner = chars[(start + 1)..<j]
        guard inner.count >= 2, inner.first != " ", inner.last != " ", inner.first != "^" else { return nil }
        guard inner.contains(where: { $0.isLetter || $0 == "#" }) else { return nil }
        // `[text](…)` and `[text][id]` that cmark did not turn into links are not references.
        if j + 1 < chars.count, chars[j + 1] == "(" || chars[j + 1] == "[" { return nil }
        return j
    }

    /// Whether `text` has one of `sigils` where a token could start: any of them, except that a
    /// `:` (emoji) or `@` (mention) counts only before a byte a name can start with.
    static func mayHoldToken(_ text: String, sigils: StaticString) -> Bool {
        let starts = UnsafeBufferPointer(start: sigils.utf8Start, count: sigils.utf8CodeUnitCount)
        var namePending = false
        for byte in text.utf8 {
            if namePending, isNameByte(byte) { return true }
            namePending = false
            guard starts.contains(byte) else { continue }
            if byte == UInt8(ascii: ":") || byte == UInt8(ascii: "@") {
                namePending = true
            } else {
                return true
            }
        }
        return false
    }

    /// The bytes emoji names and user names are made of: `a`–`z`, digits, `_`, `+`, `-`.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x5F || byte == 0x2B || byte == 0x2D
    }

    /// The end of an `@mention` at `at`, following Allura's pattern
    /// `\B@(?![0-9]+$)(?!-)[a-z0-9_-]{2,14}[a-z0-9_]`: 3–15 characters, not after a word
    /// character (so e-mail addresses are not mentions), not starting with `-`, not all digits.
    static func mentionEnd(_ chars: [Character], at: Int) -> Int? {
        if at > 0 {
            let before = chars[at - 1]
            if before.isLetter || before.isNumber || before == "_" { return nil }
        }
        func allowed(_ c: Character) -> Bool {
            c.isASCII && (c.isLowercase || c.isNumber || c == "_" || c == "-")
        }
        var end = at + 1
        while end < chars.count, allowed(chars[end]) { end += 1 }
        // Back off a trailing '-'.
        while end > at + 1, chars[end - 1] == "-" { end -= 1 }
        let name = chars[(at + 1)..<end]
        guard name.count >= 3, name.count <= 15, name.first != "-" else { return nil }
        guard !name.allSatisfy({ $0.isNumber }) else { return nil }
        if end < chars.count, allowed(chars[end]) && chars[end] != "-" { return nil }
        return end
    }

    /// An `:emoji:` shortcode at `at`: the index after it and the emoji.
    static func emoji(_ chars: [Character], at: Int) -> (Int, String)? {
        var j = at + 1
        while j < chars.count, j - at <= 40 {
            let c = chars[j]
            if c == ":" { break }
            guard c.isASCII, c.isLowercase || c.isNumber || c == "_" || c == "+" || c == "-" else { return nil }
            j += 1
        }
        guard j < chars.count, chars[j] == ":", j > at + 1 else { return nil }
        guard let emoji = Emoji.shortcode(String(chars[(at + 1)..<j])[...]) else { return nil }
        return (j + 1, emoji)
    }

    // MARK: - Output

    private mutating func emit(_ text: String, _ role: Role, tag: Int = -1, keepTogether: Bool = false) {
        let clean = Sanitizer.clean(text)
        guard !clean.isEmpty else { return }
        if !keepTogether, let last = out.spans.indices.last, out.spans[last].role == role, out.spans[last].tag == tag,
            !out.spans[last].keepTogether, out.spans[last].text != "\n"
        {
            out.spans[last].text += clean
        } else {
            out.spans.append(TaggedSpan(clean, role, tag: tag, keepTogether: keepTogether))
        }
    }

    /// A line break, which the wrapper turns into a new line.
    private mutating func emitRaw(_ text: String) {
        out.spans.append(TaggedSpan(text, currentRole, tag: -1))
    }

    /// Runs of spaces and newlines as one space, as HTML shows text.
    static func collapsingWhitespace(_ text: String) -> String {
        var out = ""
        var inSpace = false
        for c in text {
            if c == " " || c == "\n" {
                if !inSpace { out.append(" ") }
                inSpace = true
            } else {
                out.append(c)
                inSpace = false
            }
        }
        return out
    }

    /// Removes breaks and blank text at the start and end, and keeps at most one empty line
    /// between lines.
    static func tidyBreaks(_ spans: [TaggedSpan]) -> [TaggedSpan] {
        var out: [TaggedSpan] = []
        var breaks = 0
        for var span in spans {
            if span.text == "\n" {
                breaks += 1
                continue
            }
            if out.isEmpty || breaks > 0 {
                // Text at the start of a line starts with its first visible character.
                span.text = String(span.text.drop(while: { $0 == " " }))
                if span.text.isEmpty { continue }
            }
            if !out.isEmpty && breaks > 0 {
                for _ in 0..<min(breaks, 2) { out.append(TaggedSpan("\n")) }
            }
            breaks = 0
            out.append(span)
        }
        return out
    }
}

extension StringProtocol {
    /// The text without `character` at either end.
    func trimming(_ character: Character) -> String {
        var s = self[...]
        while s.first == character { s = s.dropFirst() }
        while s.last == character { s = s.dropLast() }
        return String(s)
    }
}
