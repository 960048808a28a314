import Foundation

/// One changeset of an artifact (§7.2): a comment and/or field changes.
struct ChangesetJSON: Decodable, Hashable, Sendable {
    let id: Int
    let submittedBy: Int?
    let submittedByDetails: UserJSON?
    let submittedOn: String
    let email: String?
    let lastComment: CommentJSON
    let lastModifiedDate: String?
    let values: [ValueJSON]

    enum CodingKeys: String, CodingKey {
        case id, email, values
        case submittedBy = "submitted_by"
        case submittedByDetails = "submitted_by_details"
        case submittedOn = "submitted_on"
        case lastComment = "last_comment"
        case lastModifiedDate = "last_modified_date"
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        submittedBy = c.lenient(Int.self, .submittedBy)
        submittedByDetails = c.lenient(UserJSON.self, .submittedByDetails)
        submittedOn = c.lenient(String.self, .submittedOn) ?? ""
        email = c.lenient(String.self, .email)
        lastComment = c.lenient(CommentJSON.self, .lastComment) ?? CommentJSON(body: "", format: "text")
        lastModifiedDate = c.lenient(String.self, .lastModifiedDate)
        values = c.lenient([ValueJSON].self, .values) ?? []
    }
}

/// A follow-up comment: `text`, `html`, or Markdown (`html` plus its `commonmark` source).
struct CommentJSON: Decodable, Hashable, Sendable {
    let body: String
    let postProcessedBody: String?
    let format: String
    let commonmark: String?
    /// The groups a private comment is restricted to; nil for a public one.
    let privateTo: [String]?

    enum CodingKeys: String, CodingKey {
        case body, format, commonmark, ugroups
        case postProcessedBody = "post_processed_body"
    }

    struct GroupJSON: Decodable {
        let label: String?
    }

    init(body: String, format: String, commonmark: String? = nil) {
        self.body = body
        self.format = format
        self.commonmark = commonmark
        self.postProcessedBody = nil
        self.privateTo = nil
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        body = c.lenient(String.self, .body) ?? ""
        postProcessedBody = c.lenient(String.self, .postProcessedBody)
        format = c.lenient(String.self, .format) ?? "text"
        commonmark = c.lenient(String.self, .commonmark)
        privateTo = c.lenient([GroupJSON].self, .ugroups).map { $0.compactMap(\.label) }
    }
}
