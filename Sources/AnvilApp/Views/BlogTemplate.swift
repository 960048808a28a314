import ForgeModel

/// The text a blog post is written as in the editor: `Title:`, `Labels:` and `State:` lines, a
/// `---` line, then the post in Markdown. Lines starting with `#` before the `---` are comments.
enum BlogTemplate {
    /// The template for `post` (a new post when nil: empty, a draft until the user says otherwise).
    static func text(for post: BlogPost?, blogLabel: String) -> String {
        let intro =
            post == nil
            ? "# New post in \(blogLabel). Lines starting with # are ignored; the title is required."
            : "# Editing a post of \(blogLabel). Lines starting with # are ignored."
        return [
            intro,
            "# State is draft (seen only by those allowed to write) or published. The text goes below ---.",
            "Title: \(post?.title ?? "")",
            "Labels: \((post?.labels ?? []).joined(separator: ", "))",
            "State: \((post?.state ?? .draft).rawValue)",
            "---",
            post?.text ?? "",
        ].joined(separator: "\n")
    }

    enum ParseError: Error, Equatable {
        case missingTitle
        case unknownField(String)
        case badState(String)

        var message: String {
            switch self {
            case .missingTitle: return "The title is empty: nothing sent (the draft is kept)"
            case .unknownField(let name): return "Unknown field '\(name)': nothing sent (the draft is kept)"
            case .badState(let value): return "State '\(value)' is neither draft nor published: nothing sent"
            }
        }
    }

    /// The post a filled-in template describes.
    static func parse(_ text: String) throws(ParseError) -> BlogPostDraft {
        var draft = BlogPostDraft(title: "", text: "", labels: [], state: .draft)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        while let line = lines.first {
            lines = lines.dropFirst()
            let trimmed = line.trimmedOfSpaces
            if trimmed == "---" { break }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let colon = trimmed.firstIndex(of: ":") else { throw .unknownField(trimmed) }
            let name = trimmed[..<colon].trimmedOfSpaces.lowercased()
            let value = trimmed[trimmed.index(after: colon)...].trimmedOfSpaces
            switch name {
            case "title": draft.title = value
            case "labels": draft.labels = LabelList.parse(value)
            case "state":
                guard let state = BlogPostState(rawValue: value.lowercased()) else { throw .badState(value) }
                draft.state = state
            default: throw .unknownField(String(trimmed[..<colon]))
            }
        }
        draft.text = lines.joined(separator: "\n").trimmedOfNewlines + "\n"
        guard !draft.title.isEmpty else { throw .missingTitle }
        return draft
    }
}

/// Labels as typed: comma-separated, trimmed, empty ones dropped.
enum LabelList {
    static func parse(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmedOfSpaces }.filter { !$0.isEmpty }
    }
}
