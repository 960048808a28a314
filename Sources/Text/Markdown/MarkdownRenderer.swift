import ForgeModel

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

    /// The number after the last numbered link, for a document that continues the numbering.
    public func linkNumber(after first: Int) -> Int { (links.compactMap(\.number).max() ?? first - 1) + 1 }
}

/// Something followable in a rendered document.
public struct DocumentLink: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// A Markdown, HTML or bare link: `target` is an absolute URL, a forge-relative path
        /// (`/p/nimbus/bugs/`), a relative one, or an artifact reference (`#123`, `bugs:#12`).
        case url
        /// A forge reference: Allura's artifact link in square brackets (`[#123]`, `[bugs:#12]`,
        /// `[wiki:Page]`, `[Page Name]`, `[r1234]` …; `target` is the text inside the brackets), or
        /// GitLab's `#12`, `group/project#12`, `!3`, `~label`, `~"two words"`, `%"v1.0"` (`target`
        /// is the reference as written, quotes removed).
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
    /// The number shown after the link's text (`[3]`) when the document was rendered with
    /// numbered links; footnote marks and contents entries have none.
    public var number: Int?

    public init(
        line: Int, text: String, target: String, kind: Kind = .url, targetLine: Int? = nil, number: Int? = nil
    ) {
        self.line = line
        self.text = text
        self.target = target
        self.kind = kind
        self.targetLine = targetLine
        self.number = number
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

    /// The most source rendered: beyond it a document is cut at a line break and says so, so
    /// that no text a server sends can keep the screen busy for long.
    public static let maximumSourceBytes = 512 * 1024

    /// Renders `markdown` for `width` columns; `dialect` says whose references the text holds.
    /// With `firstLinkNumber`, every link but footnote marks and contents entries is numbered
    /// from it, the number shown after the link's text (`[3]`) and kept in `DocumentLink.number`.
    public static func render(
        _ markdown: String, width: Int, dialect: MarkupDialect = .allura, firstLinkNumber: Int? = nil
    ) -> RenderedDocument {
        let width = max(1, width)
        let (shown, leftOut) = bounded(markdown)
        let prepared = MarkdownSource(shown, dialect: dialect)
        let tree = CMarkTree(prepared.text)
        var renderer = BlockRenderer(source: prepared, firstLinkNumber: firstLinkNumber)
        var document = renderer.render(document: tree.root, width: width)
        if leftOut > 0 {
            let note = "… \(leftOut / 1024) KB more not shown (o opens the page in the browser)"
            document.lines.append(StyledLine(DisplayWidth.truncate(note, to: width), .muted))
        }
        return document
    }

    /// `markdown` cut to `maximumSourceBytes` at the last line break before it, and how many
    /// bytes were left out.
    static func bounded(_ markdown: String) -> (String, Int) {
        let total = markdown.utf8.count
        guard total > maximumSourceBytes else { return (markdown, 0) }
        let utf8 = markdown.utf8
        var end = utf8.index(utf8.startIndex, offsetBy: maximumSourceBytes)
        if let newline = utf8[..<end].lastIndex(of: UInt8(ascii: "\n")) { end = newline }
        let kept = String(decoding: utf8[..<end], as: UTF8.self)
        return (kept, total - kept.utf8.count)
    }
}
