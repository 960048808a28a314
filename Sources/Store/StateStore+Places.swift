import Foundation
import GRDB

/// A place the user visited: a web address, the name it was shown under, and for threads how many
/// posts were unread when it was last left.
public struct Place: Sendable, Equatable {
    public var address: String
    public var name: String?
    public var visited: Date
    public var unread: Int?

    public init(address: String, name: String? = nil, visited: Date, unread: Int? = nil) {
        self.address = address
        self.name = name
        self.visited = visited
        self.unread = unread
    }
}

/// A ticket search the user saved under a name, run on whichever tracker is open.
public struct StoredSearch: Sendable, Equatable {
    public var name: String
    public var query: String

    public init(name: String, query: String) {
        self.name = name
        self.query = query
    }
}

extension StateStore {
    // MARK: - Places

    /// Records a visit of `address` at `date`; a nil `name` or `unread` keeps the one known.
    /// Only the newest `keeping` places are kept.
    public func recordPlace(
        _ address: String, name: String?, unread: Int? = nil, at date: Date = Date(), keeping: Int = 200
    ) throws(StoreError) {
        try write("record place") { db in
            try db.execute(
                sql: """
                    INSERT INTO place (address, name, visited, unread) VALUES (?, ?, ?, ?)
                    ON CONFLICT (address) DO UPDATE SET visited = excluded.visited,
                        name = COALESCE(excluded.name, place.name), unread = COALESCE(excluded.unread, place.unread)
                    """,
                arguments: [address, name, date.timeIntervalSince1970, unread])
            try db.execute(
                sql: """
                    DELETE FROM place WHERE address NOT IN
                    (SELECT address FROM place ORDER BY visited DESC, rowid DESC LIMIT ?)
                    """,
                arguments: [keeping])
        }
    }

    /// The places visited, newest first.
    public func places(limit: Int) throws(StoreError) -> [Place] {
        try read("list places") { db in
            try Row.fetchAll(
                db, sql: "SELECT address, name, visited, unread FROM place ORDER BY visited DESC, rowid DESC LIMIT ?",
                arguments: [limit]
            ).map { row in
                Place(
                    address: row["address"], name: row["name"],
                    visited: Date(timeIntervalSince1970: row["visited"]), unread: row["unread"])
            }
        }
    }

    // MARK: - Named searches

    /// Saves `query` under `name`, replacing a search of that name.
    public func saveSearch(_ search: StoredSearch, at date: Date = Date()) throws(StoreError) {
        try write("save search") { db in
            try db.execute(
                sql: """
                    INSERT INTO namedSearch (name, query, saved) VALUES (?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET query = excluded.query, saved = excluded.saved
                    """,
                arguments: [search.name, search.query, date.timeIntervalSince1970])
        }
    }

    /// Forgets the search named `name`; whether there was one.
    @discardableResult
    public func forgetSearch(named name: String) throws(StoreError) -> Bool {
        try write("forget search") { db in
            try db.execute(sql: "DELETE FROM namedSearch WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }

    /// The saved searches, in the order they were saved.
    public func searches() throws(StoreError) -> [StoredSearch] {
        try read("list searches") { db in
            try Row.fetchAll(db, sql: "SELECT name, query FROM namedSearch ORDER BY saved, name").map {
                StoredSearch(name: $0["name"], query: $0["query"])
            }
        }
    }

    // MARK: - Tags

    /// The ticket numbers tagged in `tracker` (`project/mount`) on `forge`.
    public func tags(forge: String, tracker: String) throws(StoreError) -> Set<Int> {
        try read("read tags") { db in
            Set(
                try Int.fetchAll(
                    db, sql: "SELECT number FROM tag WHERE forge = ? AND tracker = ?", arguments: [forge, tracker]))
        }
    }

    /// Makes `numbers` the tagged tickets of `tracker` on `forge`.
    public func setTags(_ numbers: Set<Int>, forge: String, tracker: String) throws(StoreError) {
        try write("save tags") { db in
            try db.execute(sql: "DELETE FROM tag WHERE forge = ? AND tracker = ?", arguments: [forge, tracker])
            for number in numbers.sorted() {
                try db.execute(
                    sql: "INSERT INTO tag (forge, tracker, number) VALUES (?, ?, ?)",
                    arguments: [forge, tracker, number])
            }
        }
    }
}
