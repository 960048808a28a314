import ForgeModel
import Foundation

/// Looks on the forge for a comment an earlier send may have stored: when a send's answer was
/// lost (a timeout or reset after the forge took it), sending the draft again would post it twice.
enum EarlierSend {
    /// Posts read per request, and the most requests one look may take.
    static let pageSize = 500
    static let maximumPages = 20

    /// The post in `thread` with the same text replying to the same post, or nil when there is
    /// none. Throws when the thread cannot be read: then nobody knows whether it arrived.
    static func find(
        _ text: String, replyTo parent: String?, thread: String, project: ProjectPath, mount: String,
        forge: any DiscussionReading
    ) async throws -> Post? {
        let wanted = normalised(text)
        for page in 0..<maximumPages {
            let found = try await forge.toolThread(project, mount: mount, thread: thread, page: page, limit: pageSize)
            if let post = found.posts.last(where: { normalised($0.text) == wanted && $0.parentSlug == parent }) {
                return post
            }
            if found.posts.count < min(pageSize, max(found.limit, 1)) { return nil }
        }
        return nil
    }

    /// Text as forges give it back: line ends unified, surrounding whitespace dropped.
    static func normalised(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").trimmedOfWhitespace
    }
}
