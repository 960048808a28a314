import ForgeModel
import Foundation
import HTTP

/// An artifact's changesets as a flat thread, and comments as changesets without values. Tuleap
/// has no forums (`ForumlessDiscussions`).
extension TuleapForge {
    public static let productName = "Tuleap"

    public func toolThread(
        _ project: ProjectPath, mount: String, thread: String, page: Int, limit: Int
    ) async throws -> ThreadPage {
        guard let id = Int(thread), id > 0 else { throw ForgeError.unsupported("Not an artifact's thread: \(thread)") }
        return try await self.thread(id, page: page, limit: limit, tracker: nil)
    }

    /// A page of artifact `id`'s changesets, oldest first (`order=asc`: `desc` does not page
    /// newest first). Field changes are found against the previous changeset, so a page after
    /// the first starts one changeset earlier.
    func thread(_ id: Int, page: Int, limit: Int, tracker known: TrackerJSON?) async throws -> ThreadPage {
        let size = min(max(limit, 1), 50)
        let offset = page * size
        let before = offset > 0 ? 1 : 0
        let (changesets, paging) = try await client.page(
            [ChangesetJSON].self, ["artifacts", String(id), "changesets"],
            query: [URLQueryItem(name: "fields", value: "all"), URLQueryItem(name: "order", value: "asc")],
            offset: offset - before, limit: size + before)
        var tracker = known
        if tracker == nil,
            let (artifact, _) = try? await client.getWithResponse(
                ArtifactJSON.self, ["artifacts", String(id)])
        {
            tracker = try? await self.tracker(artifact.tracker.id)
        }
        let previous = before == 1 ? changesets.first : nil
        let shown = Array(changesets.dropFirst(before))
        return ThreadPage(
            threadID: String(id), subject: "#\(id)",
            posts: TuleapMapping.posts(shown, previous: previous, tracker: tracker),
            page: page, limit: size, total: paging.size.map(Total.atMost) ?? .unknown)
    }

    /// A follow-up comment: `PUT /artifacts/{id}` with no values and the comment in CommonMark.
    public func postComment(
        _ project: ProjectPath, mount: String, thread: String, replyTo: String?, text: String
    ) async throws -> PostingOutcome {
        guard !text.trimmedOfWhitespace.isEmpty else {
            throw ForgeError.unsupported("An empty comment cannot be posted; write some text first")
        }
        guard let id = Int(thread), id > 0 else { throw ForgeError.unsupported("Not an artifact's thread: \(thread)") }
        let body = ArtifactWriteJSON(values: [], comment: CommentWriteJSON(body: text, format: "commonmark"))
        _ = try await client.write("PUT", ["artifacts", String(id)], body: body)
        return .posted(
            Post(id: "new-\(UUID().uuidString.prefix(8))", ancestors: [], text: text, author: "you", timestamp: Date()))
    }
}
