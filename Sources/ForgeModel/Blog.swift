import Foundation

/// A blog post as a blog's list names it: its title and where it lives below the blog.
public struct BlogEntry: Hashable, Sendable {
    public var title: String
    /// The post's path below the blog (`2025/02/announcing-nimbus-10`), unencoded.
    public var path: String

    public init(title: String, path: String) {
        self.title = title
        self.path = path
    }
}

/// Whether a blog post is visible to readers: a draft is seen only by those allowed to write.
public enum BlogPostState: String, Hashable, Sendable, CaseIterable {
    case draft
    case published
}

/// A blog post with its Markdown text.
public struct BlogPost: Hashable, Sendable {
    public var title: String
    /// The post's path below the blog, unencoded.
    public var path: String
    public var author: String
    /// Raw Markdown, `\r\n` normalised to `\n`.
    public var text: String
    public var state: BlogPostState
    /// Without the empty labels some forges store for "none".
    public var labels: [String]
    public var modified: Date?
    /// The first posts of the comment thread, as embedded in the post.
    public var thread: DiscussionThread?

    public init(
        title: String, path: String, author: String, text: String, state: BlogPostState, labels: [String] = [],
        modified: Date? = nil, thread: DiscussionThread? = nil
    ) {
        self.title = title
        self.path = path
        self.author = author
        self.text = text
        self.state = state
        self.labels = labels
        self.modified = modified
        self.thread = thread
    }
}

/// What the user wrote for a blog post: everything a create or an edit sends.
public struct BlogPostDraft: Hashable, Sendable {
    public var title: String
    public var text: String
    public var labels: [String]
    public var state: BlogPostState

    public init(title: String, text: String, labels: [String], state: BlogPostState) {
        self.title = title
        self.text = text
        self.labels = labels
        self.state = state
    }
}

/// The artifact changed on the forge after it was shown: nothing was written. `current` is the
/// artifact as the forge has it now (a `WikiPage` or a `BlogPost`).
public struct EditConflict<Artifact: Sendable>: Error, Sendable {
    public var current: Artifact
    public init(current: Artifact) { self.current = current }
}
