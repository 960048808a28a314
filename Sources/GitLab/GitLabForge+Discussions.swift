import ForgeModel
import Foundation
import HTTP

/// An issue's discussions as a thread of depth one, and comments and replies on it. GitLab has
/// no forums (`ForumlessDiscussions`).
extension GitLabForge {
    public static let productName = "GitLab"

    /// A page of issue `thread`'s discussions (the thread id is the issue's number). Pages count
    /// discussions, so a page holds at least `limit` posts unless it is the last.
    public func toolThread(
        _ project: ProjectPath, mount: String, thread: String, page: Int, limit: Int
    ) async throws -> ThreadPage {
        guard let iid = Int(thread), iid > 0 else { throw ForgeError.unsupported("Not an issue's thread: \(thread)") }
        return try await self.thread(project, issue: iid, page: page, limit: limit)
    }

    func thread(_ project: ProjectPath, issue iid: Int, page: Int, limit: Int) async throws -> ThreadPage {
        let (discussions, paging) = try await client.page(
            DiscussionJSON.self, issuesPath(project) + [String(iid), "discussions"], page: page + 1, perPage: limit)
        let posts = GitLabMapping.posts(discussions)
        // Totals count discussions, not posts: the post count is known only for a thread of one page.
        let total: Total = !paging.hasNext && page == 0 ? .exact(posts.count) : .unknown
        return ThreadPage(
            threadID: String(iid), subject: "#\(iid)", posts: posts, page: (paging.page ?? page + 1) - 1,
            limit: paging.perPage ?? min(limit, 100), total: total)
    }

    /// A new comment on issue `thread`, or a reply to the discussion `replyTo` (the id of a
    /// discussion's first post: replies attach to discussions, never to replies).
    public func postComment(
        _ project: ProjectPath, mount: String, thread: String, replyTo: String?, text: String
    ) async throws -> PostingOutcome {
        guard !text.trimmedOfWhitespace.isEmpty else {
            throw ForgeError.unsupported("An empty comment cannot be posted; write some text first")
        }
        guard let iid = Int(thread), iid > 0 else { throw ForgeError.unsupported("Not an issue's thread: \(thread)") }
        let path = issuesPath(project) + [String(iid)]
        if let replyTo {
            let discussion = replyTo
            guard !discussion.isEmpty, discussion.allSatisfy(\.isHexDigit) else {
                throw ForgeError.unsupported("A reply goes to a discussion's first post")
            }
            let note = try await client.write(
                NoteJSON.self, "POST", path + ["discussions", discussion, "notes"], json: ["body": text])
            return .posted(GitLabMapping.post(note, id: String(note.id), ancestors: [discussion]))
        }
        let note = try await client.write(NoteJSON.self, "POST", path + ["notes"], json: ["body": text])
        // The answer does not name the new note's discussion; its note id stands for it until the
        // thread is read again.
        return .posted(GitLabMapping.post(note, id: String(note.id), ancestors: []))
    }
}
