import Foundation

/// A wiki page: `slug`, `title` and `format` in lists, plus `content` and `encoding` when read.
struct WikiPageJSON: Decodable, Hashable, Sendable {
    /// The page's path in the wiki; may contain `/`.
    let slug: String
    let title: String
    /// `markdown`, `rdoc`, `asciidoc` or `org`.
    let format: String
    let content: String?
    let encoding: String?
}
