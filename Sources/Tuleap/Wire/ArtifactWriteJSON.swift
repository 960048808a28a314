import Foundation

/// The body of `PUT /artifacts/{id}` and `POST /artifacts` (§8): values by field id, or by field
/// name, and an optional comment. Encoded for writes; decoded by tests and the demo forge.
struct ArtifactWriteJSON: Codable, Hashable, Sendable {
    var tracker: TrackerIDJSON?
    var values: [ValueWriteJSON]?
    var valuesByField: [String: ValueByFieldJSON]?
    var comment: CommentWriteJSON?

    enum CodingKeys: String, CodingKey {
        case tracker, values, comment
        case valuesByField = "values_by_field"
    }

    init(
        tracker: Int? = nil, values: [ValueWriteJSON]? = nil, valuesByField: [String: ValueByFieldJSON]? = nil,
        comment: CommentWriteJSON? = nil
    ) {
        self.tracker = tracker.map(TrackerIDJSON.init)
        self.values = values
        self.valuesByField = valuesByField
        self.comment = comment
    }
}

struct TrackerIDJSON: Codable, Hashable, Sendable {
    let id: Int
}

/// One value to write: `value` for scalars and texts, `bind_value_ids` for lists, `links` or
/// `all_links` for artifact links.
struct ValueWriteJSON: Codable, Hashable, Sendable {
    var fieldID: Int
    var value: JSONValue?
    var bindValueIDs: [FlexibleID]?
    var links: [LinkWriteJSON]?
    var allLinks: [LinkWriteJSON]?

    enum CodingKeys: String, CodingKey {
        case value, links
        case fieldID = "field_id"
        case bindValueIDs = "bind_value_ids"
        case allLinks = "all_links"
    }

    init(fieldID: Int, value: JSONValue? = nil, bindValueIDs: [FlexibleID]? = nil) {
        self.fieldID = fieldID
        self.value = value
        self.bindValueIDs = bindValueIDs
    }
}

struct LinkWriteJSON: Codable, Hashable, Sendable {
    var id: Int
    var direction: String?
    var type: String?
}

struct ValueByFieldJSON: Codable, Hashable, Sendable {
    var value: JSONValue
}

/// A comment: `format` is required by the server (`text`, `html` or `commonmark`).
struct CommentWriteJSON: Codable, Hashable, Sendable {
    var body: String
    var format: String
}
