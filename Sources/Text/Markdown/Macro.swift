/// An Allura macro, `[[name key=value key="quoted value" positional]]` (allura-rest.md §14.13).
struct Macro: Equatable {
    var name: String
    var arguments: [String: String]
    var positional: [String]

    /// The macros Allura expands on the server. Others are shown as typed.
    static let known: Set<String> = [
        "include", "img", "embed", "members", "project_admins", "project_screenshots",
        "project_blog_posts", "neighborhood_feeds", "neighborhood_blog_posts", "projects",
        "my_projects", "download_button", "gittip_button",
    ]

    /// Parses the text between `[[` and `]]`. Words are split like shell words.
    init?(source: String) {
        guard source.hasPrefix("[["), source.hasSuffix("]]"), source.count >= 4 else { return nil }
        let inner = source.dropFirst(2).dropLast(2)
        let words = Self.shellWords(inner)
        guard let first = words.first else { return nil }
        name = first
        arguments = [:]
        positional = []
        for word in words.dropFirst() {
            if let eq = word.firstIndex(of: "="), eq != word.startIndex {
                arguments[String(word[..<eq])] = String(word[word.index(after: eq)...])
            } else {
                positional.append(word)
            }
        }
    }

    enum Display: Equatable {
        /// A placeholder such as `⟦include: Home⟧`, maybe with something to follow.
        case placeholder(String, target: String?)
        /// Text shown as is.
        case verbatim(String)
    }

    /// How the macro whose source is `source` appears in a terminal.
    static func display(_ source: String) -> Display {
        guard let macro = Macro(source: source) else { return .verbatim(source) }
        if macro.name == "quote" {
            // `[[quote text]]` is how Allura users write a literal `[[text]]`.
            let inner = source.dropFirst(2).dropLast(2).drop(while: { $0 != " " }).dropFirst()
            return .verbatim("[[\(inner)]]")
        }
        guard known.contains(macro.name) else { return .verbatim(source) }
        let target: String?
        let detail: String?
        switch macro.name {
        case "include":
            target = macro.arguments["ref"] ?? macro.positional.first
            detail = target
        case "img":
            target = macro.arguments["src"] ?? macro.positional.first
            detail = macro.arguments["alt"].flatMap { $0.isEmpty ? nil : $0 } ?? target
        case "embed":
            target = macro.arguments["url"] ?? macro.positional.first
            detail = target
        default:
            target = nil
            detail = nil
        }
        if let detail, !detail.isEmpty {
            return .placeholder("⟦\(macro.name): \(detail)⟧", target: target)
        }
        return .placeholder("⟦\(macro.name)⟧", target: nil)
    }

    /// Splits on spaces, honouring single and double quotes and backslash escapes.
    static func shellWords(_ s: Substring) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for c in s {
            if escaped {
                current.append(c)
                escaped = false
                continue
            }
            if c == "\\" && quote != "'" {
                escaped = true
                inWord = true
                continue
            }
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
                continue
            }
            if c == "\"" || c == "'" {
                quote = c
                inWord = true
            } else if c == " " {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(c)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
