import Foundation

/// A wiki page with its Markdown source.
public struct WikiPage: Hashable, Sendable {
    public var title: String
    /// Raw Markdown, with `\r\n` already normalised to `\n`.
    public var text: String
    public var labels: [String]
    public var modified: Date?
    public var attachments: [Attachment]
    /// Forge-relative web paths of linked artifacts.
    public var relatedArtifacts: [String]
    /// The first posts of the page's comment thread, as embedded in the page.
    public var thread: DiscussionThread?

    public init(
        title: String, text: String, labels: [String] = [], modified: Date? = nil,
        attachments: [Attachment] = [], relatedArtifacts: [String] = [], thread: DiscussionThread? = nil
    ) {
        self.title = title
        self.text = text
        self.labels = labels
        self.modified = modified
        self.attachments = attachments
        self.relatedArtifacts = relatedArtifacts
        self.thread = thread
    }
}

/// A file attached to an artifact or post.
public struct Attachment: Hashable, Sendable {
    public var url: String
    public var bytes: Int

    public init(url: String, bytes: Int) {
        self.url = url
        self.bytes = bytes
    }

    /// The file name: the URL's last path segment, percent-decoded.
    public var name: String {
        let last = url.split(separator: "/").last.map(String.init) ?? url
        return last.removingPercentEncoding ?? last
    }
}
