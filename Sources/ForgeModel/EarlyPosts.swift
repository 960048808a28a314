import Synchronization

/// Takes a thread page's posts one by one as a backend reads them, ahead of the whole page, so
/// that a view can show its first screen before the rest of a long page is read. A backend that
/// reads pages whole simply never offers any.
public final class EarlyPosts: Sendable {
    /// The taker of the posts read in this task; nil when nobody asked for them.
    @TaskLocal public static var current: EarlyPosts?

    private let take: @Sendable (_ post: Post, _ page: ThreadPage) -> Bool
    private let wanting = Mutex(true)

    /// - Parameter take: called with each post in server order and the page it is on (the page's
    ///   number, limit and subject, without posts; its total is not known yet); returns false
    ///   when it wants no more.
    public init(_ take: @escaping @Sendable (_ post: Post, _ page: ThreadPage) -> Bool) {
        self.take = take
    }

    /// Whether posts are still wanted.
    public var wantsMore: Bool { wanting.withLock { $0 } }

    /// Hands `post` of `page` over, unless no more are wanted.
    public func offer(_ post: Post, on page: ThreadPage) {
        guard wantsMore else { return }
        if !take(post, page) { wanting.withLock { $0 = false } }
    }
}
