import Foundation

/// `GET /projects/{id}/phpwiki`: an object wrapping the page list (§10).
struct PhpWikiListJSON: Decodable, Hashable, Sendable {
    let pages: [PhpWikiPageRefJSON]
}

struct PhpWikiPageRefJSON: Decodable, Hashable, Sendable {
    let id: Int
    let uri: String?
    let name: String
}

/// `GET /phpwiki/{id}`.
struct PhpWikiPageJSON: Decodable, Hashable, Sendable {
    let id: Int
    let name: String
    let lastVersion: Int
    let versions: [PhpWikiVersionRefJSON]
    enum CodingKeys: String, CodingKey {
        case id, name, versions
        case lastVersion = "last_version"
    }
}

struct PhpWikiVersionRefJSON: Decodable, Hashable, Sendable {
    let versionID: Int
    let uri: String?
    enum CodingKeys: String, CodingKey {
        case uri
        case versionID = "version_id"
    }
}

/// One element of `GET /phpwiki/{id}/versions?version_id=N` (a one-element array).
struct PhpWikiVersionJSON: Decodable, Hashable, Sendable {
    let versionID: Int
    let wikiContent: String
    let formattedContent: String?
    enum CodingKeys: String, CodingKey {
        case versionID = "version_id"
        case wikiContent = "wiki_content"
        case formattedContent = "formatted_content"
    }
}
