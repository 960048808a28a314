import Foundation

/// A user as GitLab embeds it in issues, notes and member lists (schema `user/basic.json`).
/// Members and `GET /user` add keys; those Anvil uses are optional here.
struct UserJSON: Decodable, Hashable, Sendable {
    let id: Int
    let username: String
    let name: String
    let state: String
    let avatarURL: String?
    /// Absent from some documentation examples, though GitLab always sends it.
    let webURL: String?
    /// Members only: 10 guest … 50 owner.
    let accessLevel: Int?
    /// Profiles (`GET /users/:id`) only.
    let bio: String?
    let location: String?
    let createdAt: String?

    enum CodingKeys: String, CodingKey {
        case id, username, name, state, bio, location
        case avatarURL = "avatar_url"
        case webURL = "web_url"
        case accessLevel = "access_level"
        case createdAt = "created_at"
    }
}
