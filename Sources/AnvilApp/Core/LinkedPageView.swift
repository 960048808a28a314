import ForgeModel
import Foundation
import TerminalUI
import Text

/// A page of text (a wiki page, a ticket) whose links can be selected and followed: `Tab` and
/// `BackTab` select them one by one (wrapping around at either end), `Enter` follows the
/// selected one, and `f N` follows the one numbered N. Links come from the Markdown the page
/// renders (`[#3]`, `[Page]`, addresses, anchors), numbered across the page, and from rows that
/// lead somewhere (`Open the comment thread`). Subclasses build their rows in
/// `buildPage(width:)`, render Markdown with `renderMarkdown(_:width:)` (or a `rowBuilder`) and
/// call `place(_:at:)` for each rendered document.
open class LinkedPageView: ToolView {
    /// A followable link: the row it starts on, the columns of its text there, and where it leads.
    struct PlacedLink {
        enum Target {
            case document(DocumentLink)
            case row(Navigation)
        }

        var row: Int
        var columns: Range<Int>
        var target: Target
    }

    private(set) var links: [PlacedLink] = []
    private var documentLinks: [PlacedLink] = []
    private var headings: [(start: Int, headings: [DocumentHeading])] = []
    private(set) var selectedLink: Int?
    /// The number the next rendered document's first link gets.
    private var nextLinkNumber = 1
    private var cachedHyperlinks: [PlacedHyperlink]?

    public init(session: ForgeSession, project: ProjectPath, tool: Tool) {
        super.init(session: session, project: project, tool: tool, mode: .pager)
    }

    /// The page's rows; links in them are found afterwards.
    open func buildPage(width: Int) -> [Row] { [] }

    public final override func buildRows(width: Int) -> [Row] {
        documentLinks = []
        headings = []
        nextLinkNumber = 1
        cachedHyperlinks = nil
        let rows = buildPage(width: width)
        var all = documentLinks
        for (index, row) in rows.enumerated() {
            guard let target = row.target else { continue }
            let text = row.line.text
            let lead = text.prefix { $0 == " " }.count
            let columns = lead..<DisplayWidth.of(text.trimmedOfSpaces) + lead
            all.append(PlacedLink(row: index, columns: columns, target: .row(target)))
        }
        links = all.sorted { ($0.row, $0.columns.lowerBound) < ($1.row, $1.columns.lowerBound) }
        if let selected = selectedLink, selected >= links.count { selectedLink = nil }
        return rows
    }

    /// `text` rendered for `width` columns, its links numbered on from the page's last one.
    func renderMarkdown(_ text: String, width: Int) -> RenderedDocument {
        let document = documents.render(
            text, width: width, dialect: session.forge.traits.markup, firstLinkNumber: nextLinkNumber
        ).document
        nextLinkNumber = document.linkNumber(after: nextLinkNumber)
        return document
    }

    /// A row builder whose embedded comments number their links on from the page's.
    func rowBuilder(width: Int) -> RowBuilder {
        var builder = RowBuilder(width: width)
        builder.dialect = session.forge.traits.markup
        builder.renderMarkdown = { [unowned self] text, width in renderMarkdown(text, width: width) }
        return builder
    }

    /// Records the links and headings of `document`, whose lines start at row `start`.
    func place(_ document: RenderedDocument, at start: Int, indent: Int = 0) {
        if indent == 0 { headings.append((start, document.headings)) }
        for link in document.links where document.lines.indices.contains(link.line) {
            let columns = PlacedHyperlink.columns(of: link, in: document.lines[link.line].text, indent: indent)
            documentLinks.append(PlacedLink(row: start + link.line, columns: columns, target: .document(link)))
        }
    }

    /// Where each link on the page leads on the web: forge links as their web pages, other
    /// http(s) addresses as they are; links within the page and other schemes get none.
    override open func hyperlinks(rows visible: Range<Int>) -> [PlacedHyperlink] {
        if cachedHyperlinks == nil {
            let resolver = linkResolver
            cachedHyperlinks = links.compactMap { link in
                let url: String?
                switch link.target {
                case .row(let navigation): url = PlacedHyperlink.webURL(of: navigation, session: session)
                case .document(let document): url = PlacedHyperlink.webURL(of: document, resolver: resolver)
                }
                return url.map { PlacedHyperlink(row: link.row, columns: link.columns, url: $0) }
            }
        }
        return (cachedHyperlinks ?? []).filter { visible.contains($0.row) && !$0.columns.isEmpty }
    }

    private var linkResolver: LinkResolver {
        LinkResolver(session: session, project: project, tool: tool, pageURL: webURL ?? session.baseURL.absoluteString)
    }

    /// Follows the link numbered `number`, selecting it.
    override open func followLink(number: Int, app: App) -> Bool {
        _ = rows(width: app.device.width)
        guard
            let index = links.firstIndex(where: {
                if case .document(let link) = $0.target { return link.number == number } else { return false }
            })
        else { return false }
        selectedLink = index
        follow(links[index].target, app: app)
        return true
    }

    override open var markedCells: (row: Int, columns: Range<Int>)? {
        selectedLink.flatMap { links.indices.contains($0) ? (links[$0].row, links[$0].columns) : nil }
    }

    override open func handle(_ action: Action, app: App) -> Bool {
        switch action {
        case .nextUnread, .previousLink:
            selectLink(forward: action == .nextUnread, app: app)
            return true
        case .open:
            let onScreen = scroll.top..<(scroll.top + app.contentHeight)
            // A selected link counts while it is on screen.
            guard let index = selectedLink, links.indices.contains(index), onScreen.contains(links[index].row) else {
                // Nothing selected: a row that leads somewhere is followed when it is the only one
                // on screen (`Open the comment thread` at the end of a ticket).
                let rowLinks = links.filter {
                    if case .row = $0.target { return onScreen.contains($0.row) } else { return false }
                }
                if rowLinks.count == 1, let only = rowLinks.first {
                    follow(only.target, app: app)
                } else {
                    app.note("Tab selects a link, Enter follows it")
                }
                return true
            }
            follow(links[index].target, app: app)
            return true
        default: return false
        }
    }

    /// Selects the next (or previous) link from the selected one, or from the top of the screen.
    private func selectLink(forward: Bool, app: App) {
        _ = rows(width: app.device.width)
        guard !links.isEmpty else { return app.note("This page has no links") }
        let height = app.contentHeight
        let onScreen = scroll.top..<(scroll.top + height)
        var next: Int?
        if let current = selectedLink, onScreen.contains(links[current].row) {
            next = forward ? (current + 1 < links.count ? current + 1 : nil) : (current > 0 ? current - 1 : nil)
        } else if forward {
            next = links.firstIndex { $0.row >= scroll.top }
        } else {
            next = links.lastIndex { $0.row < scroll.top + height }
        }
        // Past the last link (or before the first) the selection wraps around.
        var wrapped = false
        if next == nil {
            next = forward ? 0 : links.count - 1
            wrapped = true
        }
        guard let next else { return }
        selectedLink = next
        let row = links[next].row
        if !onScreen.contains(row) { scroll(to: max(0, row - height / 3), app: app) }
        var text: String
        switch links[next].target {
        case .document(let link):
            text = link.kind == .reference ? "[\(link.target)]" : link.target
            if let number = link.number { text = "[\(number)] " + text }
        case .row(let target): text = describe(target)
        }
        if wrapped { text += forward ? "  (wrapped to the first link)" : "  (wrapped to the last link)" }
        app.note(text)
    }

    private func describe(_ target: Navigation) -> String {
        switch target {
        case .route(let route): return session.forge.webURL(for: route)
        case .browser(let url), .address(let url): return url
        case .note(let text): return text
        }
    }

    private func follow(_ target: PlacedLink.Target, app: App) {
        switch target {
        case .row(let navigation): app.follow(navigation)
        case .document(let link): follow(link, app: app)
        }
    }

    private func follow(_ link: DocumentLink, app: App) {
        let resolver = linkResolver
        let linkRow = links.first { if case .document(let l) = $0.target { return l == link } else { return false } }?
            .row
        let part = headings.last { $0.start <= (linkRow ?? 0) } ?? (0, [])
        switch resolver.resolve(link, headings: part.headings) {
        case .route(let route): app.open(route, session: session)
        case .browser(let url): app.openInBrowser(url)
        case .note(let text): app.note(text)
        case .line(let line):
            scroll(to: part.start + line, app: app)
            selectedLink = nil
        }
    }

    /// Puts `row` at the top of the screen, as far as the page allows.
    func scroll(to row: Int, app: App) {
        let count = rows(width: app.device.width).count
        scroll.select(row, rowCount: count, height: app.contentHeight) { _ in true }
    }
}
