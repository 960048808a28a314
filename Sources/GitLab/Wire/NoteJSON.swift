import Foundation

/// A note: one comment or one system message (schema `notes.json`).
struct NoteJSON: Decodable, Hashable, Sendable {
    let id: Int
    /// nil for a single comment or a system note, `DiscussionNote` inside a thread.
    let type: String?
    let body: String
    let author: UserJSON
    let createdAt: String
    let updatedAt: String
    let system: Bool
    let noteableID: Int
    let noteableType: String
    let noteableIID: Int?
    let resolvable: Bool?
    /// Visible only to reporters and above.
    let isInternal: Bool?

    enum CodingKeys: String, CodingKey {
        case id, type, body, author, system, resolvable
        case isInternal = "internal"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case noteableID = "noteable_id"
        case noteableType = "noteable_type"
        case noteableIID = "noteable_iid"
    }
}

/// A discussion: a thread (`notes[0]` opens it, the rest reply) or one individual note.
struct DiscussionJSON: Decodable, Hashable, Sendable {
    /// 40 hexadecimal digits.
    let id: String
    let individualNote: Bool
    let notes: [NoteJSON]

    enum CodingKeys: String, CodingKey {
        case id, notes
        case individualNote = "individual_note"
    }
}
