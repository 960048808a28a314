import Foundation

/// A user object (tuleap-rest.md §9.1). The anonymous placeholder has a null id; minimal objects
/// lack `email` and `status`.
struct UserJSON: Decodable, Hashable, Sendable {
    let id: Int?
    let username: String?
    let realName: String?
    let displayName: String?
    let isAnonymous: Bool?
    let email: String?
    let status: String?

    enum CodingKeys: String, CodingKey {
        case id, username, email, status
        case realName = "real_name"
        case displayName = "display_name"
        case isAnonymous = "is_anonymous"
    }

    /// The name Anvil shows and writes: the username, else the display name.
    var name: String { username ?? displayName ?? realName ?? "anonymous" }

    /// Whether this is the "Anonymous user" placeholder Tuleap puts in user lists set to None.
    var isNone: Bool { id == nil || isAnonymous == true }
}
