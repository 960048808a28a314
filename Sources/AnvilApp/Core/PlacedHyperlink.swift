import ForgeModel
import Text

/// A link's cells on a row and the web address an OSC 8 hyperlink gives them.
public struct PlacedHyperlink: Hashable, Sendable {
    public var row: Int
    public var columns: Range<Int>
    public var url: String

    public init(row: Int, columns: Range<Int>, url: String) {
        self.row = row
        self.columns = columns
        self.url = url
    }

    /// The columns of `link`'s text in `text` (a rendered line), shifted by `indent`: the whole
    /// text, or the part before the line wraps; empty when it is not found.
    static func columns(of link: DocumentLink, in text: String, indent: Int) -> Range<Int> {
        let shown = text.range(of: link.text) ?? link.text.split(separator: " ").first.flatMap { text.range(of: $0) }
        guard let shown else { return 0..<0 }
        let begin = indent + DisplayWidth.of(String(text[..<shown.lowerBound]))
        return begin..<(begin + DisplayWidth.of(String(text[shown])))
    }

    /// Where a row that leads somewhere goes on the web; nil for a note.
    static func webURL(of navigation: Navigation, session: ForgeSession) -> String? {
        switch navigation {
        case .route(let route): return web(session.forge.webURL(for: route))
        case .browser(let address), .address(let address): return web(address)
        case .note: return nil
        }
    }

    /// Where a link of rendered text goes on the web; nil within the page, for a note, or for a
    /// scheme other than http(s) (a click must not run `javascript:` or open `file:`).
    static func webURL(of link: DocumentLink, resolver: LinkResolver) -> String? {
        switch resolver.resolve(link, headings: []) {
        case .route(let route): return web(resolver.session.forge.webURL(for: route))
        case .browser(let address): return web(address)
        case .line, .note: return nil
        }
    }

    private static func web(_ address: String) -> String? {
        WebLink.riskyScheme(of: address) == nil ? address : nil
    }
}
