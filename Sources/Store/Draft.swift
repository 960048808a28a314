import Foundation

/// Identifies one draft: what the user was writing, where.
///
/// There is at most one draft per key: saving again under the same key replaces the text.
public struct DraftKey: Hashable, Sendable, CustomStringConvertible {
    /// What the text is for.
    public enum Kind: String, Sendable, CaseIterable {
        /// A new post in a discussion thread; `target` is the thread id.
        case comment
        /// A reply to one post; `target` is the thread id, `parent` the slug of the post replied to.
        case reply
        /// An edit of an existing ticket; `target` is the ticket reference.
        case ticketEdit
        /// A ticket not yet created; `target` is the tracker it goes to.
        case ticketNew
        /// A comment on a ticket; `target` is the ticket reference.
        case ticketComment
        /// The new text of a wiki page; `target` is the page (`project/mount/title`).
        case wikiEdit
        /// A wiki page not yet created; `target` is the page it will be.
        case wikiNew
        /// The new title, labels, state and text of a blog post; `target` is the post.
        case blogEdit
        /// A blog post not yet created; `target` is the blog it goes to.
        case blogNew
    }

    /// The forge's base URL, as in the configuration.
    public var forge: String
    /// What the text is for.
    public var kind: Kind
    /// The thread id, ticket reference or tracker, depending on ``kind``.
    public var target: String
    /// The slug of the post replied to, for replies; `nil` otherwise.
    ///
    /// An empty string is stored as `nil`: the two name the same draft.
    public var parent: String?

    /// Makes a key; an empty `parent` is taken as `nil`.
    public init(forge: String, kind: Kind, target: String, parent: String? = nil) {
        self.forge = forge
        self.kind = kind
        self.target = target
        self.parent = parent?.isEmpty == true ? nil : parent
    }

    /// `kind forge target[#parent]`, for logs and messages.
    public var description: String {
        "\(kind.rawValue) \(forge) \(target)" + (parent.map { "#\($0)" } ?? "")
    }
}

/// Text the user wrote that the server has not accepted yet.
public struct Draft: Sendable, Equatable {
    /// Where the text belongs.
    public var key: DraftKey
    /// The text as last saved.
    public var text: String
    /// When the text was last saved.
    public var updated: Date
    /// Why the last attempt to send this text failed, or `nil` if it has not failed since it was saved.
    public var lastError: String?
    /// The web address of the view the text was written in, to go back there; nil when unknown
    /// (drafts saved before it was kept).
    public var place: String?

    /// Makes a draft value (the store makes these; tests and callers may too).
    public init(key: DraftKey, text: String, updated: Date, lastError: String? = nil, place: String? = nil) {
        self.key = key
        self.text = text
        self.updated = updated
        self.lastError = lastError
        self.place = place
    }
}
