import Foundation

/// `POST /api/tokens` answer (§2.3): `user_id` an int (the docs show a string), the token, its uri.
struct TokenJSON: Decodable, Hashable, Sendable {
    let userID: FlexibleID
    let token: String
    let uri: String?
    enum CodingKeys: String, CodingKey {
        case token, uri
        case userID = "user_id"
    }
}

/// `POST /api/tokens` body.
struct TokenRequestJSON: Codable, Hashable, Sendable {
    let username: String
    let password: String
}
