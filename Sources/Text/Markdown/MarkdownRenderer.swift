/// A Markdown text laid out for a terminal of a given width.
public struct RenderedDocument: Hashable, Sendable {
    /// The display lines, each at most the width it was rendered for.
    public var lines: [StyledLine]
    /// Everything the reader may follow, in document order.
    public var links: [DocumentLink]
    /// The headings, in document order.
    public var headings: [DocumentHeading]

    public init(lines: [StyledLine] = [], links: [DocumentLink] = [], headings: [DocumentHeading] = []) {
        self.lines = lines
        self.links = links
        self.headings = headings
    }

    /// The plain text, one display line per text line.
    public var text: String { lines.map(\.text).joined(separator: "\n") }
}

/// Something followable in a rendered document.
public struct DocumentLink: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// A Markdown, HTML or bare link: `target` is an absolute URL, a forge-relative path
        /// (`/p/nimbus/bugs/`), a relative one, or an artifact reference (`#123`, `bugs:#12`).
        case url
        /// An Allura artifact link in square brackets (`[#123]`, `[bugs:#12]`, `[wiki:Page]`,
        /// `[Page Name]`, `[r1234]` …): `target` is the text inside the brackets.
        case reference
        /// An image: `target` is its source.
        case image
        /// `@username`: `target` is the mention with its `@`.
        case mention
        /// A macro that refers to something: `include` (target: the `ref`), `img` (the `src`),
        /// `embed` (the `url`).
        case macro
        /// A footnote reference: `targetLine` is where the note is.
        case footnote
        /// A table-of-contents entry: `targetLine` is the heading's line.
        case heading
    }

    /// The line the visible text starts on.
    public var line: Int
    /// The visible text.
    public var text: String
    /// Where it leads (see `Kind`).
    public var target: String
    public var kind: Kind
    /// For footnotes and contents entries: the line in this document it leads to.
    public var targetLine: Int?

    public init(line: Int, text: String, target: String, kind: Kind = .url, targetLine: Int? = nil) {
        self.line = line
        self.text = text
        self.target = target
        self.kind = kind
        self.targetLine = targetLine
    }
}

/// A heading of a rendered document.
public struct DocumentHeading: Hashable, Sendable {
    /// 1 to 6.
    public var level: Int
    public var text: String
    /// The line the heading's text starts on.
    public var line: Int

    public init(level: Int, text: String, line: Int) {
        self.level = level
        self.text = text
        self.line = line
    }
}

/// Renders Allura-flavoured Markdown (allura-rest.md §14) to styled terminal lines.
///
/// The source is parsed with cmark-gfm (tables, strikethrough, autolinks, task lists,
/// footnotes) after a light pre-pass for Allura's dialect, then laid out block by block.
/// Every piece of text that came from the source passes `Sanitizer.clean`.
public enum MarkdownRenderer {
    /// The anchor a heading gets (`#the-heading`), as Allura's table of contents makes it.
    public static func anchor(of heading: String) -> String { BlockRenderer.slug(heading) }

    public static func render(_ markdown: String, width: Int) -> RenderedDocument {
        let width = max(1, width)
        let prepared = MarkdownSource(markdown)
        let tree = CMarkTree(prepared.text)
        var renderer = BlockRenderer(source: prepared)
        return renderer.render(document: tree.root, width: width)
    }
}
