import Foundation
import GRDB
import HTTP
import Synchronization

/// One stored answer of a forge: what `GET url` returned, and when.
public struct CachedResponse: Hashable, Sendable {
    public var status: Int
    /// Header names in lower case.
    public var headers: [String: String]
    public var body: Data
    /// When the forge last confirmed it (stored or revalidated).
    public var storedAt: Date

    public init(status: Int, headers: [String: String], body: Data, storedAt: Date) {
        self.status = status
        self.headers = headers
        self.body = body
        self.storedAt = storedAt
    }
}

/// How much one forge's answers take in the cache.
public struct CacheUsage: Hashable, Sendable {
    public var forge: String
    public var responses: Int
    public var bytes: Int

    public init(forge: String, responses: Int, bytes: Int) {
        self.forge = forge
        self.responses = responses
        self.bytes = bytes
    }
}

/// Anvil's response cache: every answer read from a forge, by forge and URL, kept to show again at
/// once and without a network (`$XDG_CACHE_HOME/anvil/cache.sqlite` in the app).
///
/// Bounded: once the stored bodies pass `capacity` bytes, the least recently used answers go.
/// Nothing here crashes on a bad file: opening throws ``StoreError`` and the app runs without a
/// cache. Methods are short and may be called from any thread; the queue serialises them.
public final class ResponseCache: Sendable {
    /// The file name the app uses inside its cache directory.
    public static let fileName = "cache.sqlite"

    public let path: String
    /// The most bytes of bodies kept.
    public let capacity: Int
    private let dbQueue: DatabaseQueue
    /// Bytes written since the last eviction check.
    private let written = Mutex(0)
    /// Answers read since the last write, and when: marked used by the next write (or
    /// `checkpoint`), not one write per read on the way to a cached view's first frame.
    private let uses = Mutex<[(forge: String, url: String, at: Double)]>([])
    /// Reads marked at once rather than kept for the next write, past this many.
    private static let usesKept = 64

    /// Opens (creating it and its directory if needed) the cache at `path`.
    /// - Throws: ``StoreError`` for a file that cannot be created, opened, is corrupt or read-only,
    ///   or was written by a newer Anvil.
    public init(path: String, capacity: Int = 200 << 20) throws(StoreError) {
        let queue = try StateStore.openFile(at: path, label: "anvil.cache")
        try Self.migrate(queue, path: path)
        self.path = path
        self.capacity = max(1 << 20, capacity)
        self.dbQueue = queue
    }

    /// A cache in memory, for tests.
    public static func inMemory(capacity: Int = 200 << 20) throws(StoreError) -> ResponseCache {
        try ResponseCache(memory: (), capacity: capacity)
    }

    private init(memory: Void, capacity: Int) throws(StoreError) {
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(named: nil, configuration: Configuration())
        } catch {
            throw .cannotOpen(path: ":memory:", reason: StoreError.reason(error))
        }
        try Self.migrate(queue, path: ":memory:")
        self.path = ":memory:"
        self.capacity = max(1 << 20, capacity)
        self.dbQueue = queue
    }

    /// The stored answer to `GET url` on `forge`; nil when there is none. It is marked used
    /// later, off the caller's path (a view waiting for it should not wait for a write): with the
    /// next write, at `checkpoint`, or after `usesKept` reads.
    public func response(forge: String, url: String) -> CachedResponse? {
        let now = Date().timeIntervalSince1970
        let found = try? dbQueue.read { db -> CachedResponse? in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT status, headers, body, storedAt FROM response WHERE forge = ? AND url = ?",
                    arguments: [forge, url])
            else { return nil }
            let headers = Self.headers(from: row["headers"])
            return CachedResponse(
                status: row["status"], headers: headers, body: row["body"],
                storedAt: Date(timeIntervalSince1970: row["storedAt"]))
        }
        guard let found else { return nil }
        let full = uses.withLock { uses -> Bool in
            uses.append((forge, url, now))
            return uses.count >= Self.usesKept
        }
        if full { dbQueue.asyncWriteWithoutTransaction { [self] db in try? markUses(db) } }
        return found
    }

    /// Writes the uses kept since the last write.
    private func markUses(_ db: Database) throws {
        let pending = uses.withLock { uses in
            defer { uses = [] }
            return uses
        }
        for use in pending {
            try db.execute(
                sql: "UPDATE response SET usedAt = ? WHERE forge = ? AND url = ?",
                arguments: [use.at, use.forge, use.url])
        }
    }

    /// The stored header fields, a JSON object of strings: read with `JSONReader` (a cached view
    /// opens without `JSONDecoder`'s start-up work), else by `JSONDecoder`; none when unreadable.
    static func headers(from data: Data) -> [String: String] {
        let read = try? JSONReader.read(data) { reader throws(JSONReader.Failure) in
            var headers: [String: String] = [:]
            try reader.readObject { reader, key throws(JSONReader.Failure) in
                headers[reader.text(of: key)] = try reader.readString()
            }
            return headers
        }
        return read ?? (try? JSONDecoder().decode([String: String].self, from: data)) ?? [:]
    }

    /// Moves the write-ahead log into the file and empties it, once the writes already asked for
    /// are done: what a command leaves is the file alone (a sync left up to 4 MB of log beside it).
    /// The cache stays usable.
    public func checkpoint() {
        try? dbQueue.writeWithoutTransaction { db in
            try? db.inTransaction {
                try markUses(db)
                return .commit
            }
            _ = try db.checkpoint(.truncate)
        }
    }

    /// Stores (or replaces) the answer to `GET url` on `forge`; evicts the least recently used
    /// answers when the cache has grown past its capacity.
    public func store(_ response: CachedResponse, forge: String, url: String) {
        let headers = (try? JSONEncoder().encode(response.headers)) ?? Data()
        let stamp = response.storedAt.timeIntervalSince1970
        try? dbQueue.write { db in
            try markUses(db)
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO response (forge, url, status, headers, body, size, storedAt, usedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [forge, url, response.status, headers, response.body, response.body.count, stamp, stamp])
        }
        let due = written.withLock { total -> Bool in
            total += response.body.count
            guard total > capacity / 20 else { return false }
            total = 0
            return true
        }
        if due { evict() }
    }

    /// Marks the stored answer as confirmed by the forge now (a `304 Not Modified`).
    public func confirm(forge: String, url: String) {
        let now = Date().timeIntervalSince1970
        try? dbQueue.write { db in
            try db.execute(
                sql: "UPDATE response SET storedAt = ?, usedAt = ? WHERE forge = ? AND url = ?",
                arguments: [now, now, forge, url])
        }
    }

    /// Drops the least recently used answers until the bodies fit in `capacity` bytes.
    public func evict() {
        try? dbQueue.write { db in
            try markUses(db)
            var total = try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(size), 0) FROM response") ?? 0
            guard total > capacity else { return }
            let rows = try Row.fetchCursor(db, sql: "SELECT rowid, size FROM response ORDER BY usedAt")
            var doomed: [Int64] = []
            while total > capacity, let row = try rows.next() {
                doomed.append(row["rowid"])
                total -= row["size"] as Int
            }
            for start in stride(from: 0, to: doomed.count, by: 500) {
                let chunk = doomed[start..<min(start + 500, doomed.count)]
                try db.execute(
                    sql: "DELETE FROM response WHERE rowid IN (\(chunk.map(String.init).joined(separator: ",")))")
            }
        }
    }

    /// What each forge's answers take, largest first.
    public func usage() -> [CacheUsage] {
        (try? dbQueue.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT forge, COUNT(*) AS n, SUM(size) AS bytes FROM response GROUP BY forge ORDER BY bytes DESC"
            ).map { CacheUsage(forge: $0["forge"], responses: $0["n"], bytes: $0["bytes"]) }
        }) ?? []
    }

    /// Forgets every answer of `forge`, or of every forge with nil.
    public func clear(forge: String? = nil) {
        try? dbQueue.write { db in
            if let forge {
                try db.execute(sql: "DELETE FROM response WHERE forge = ?", arguments: [forge])
            } else {
                try db.execute(sql: "DELETE FROM response")
            }
        }
    }

    private static func migrate(_ queue: DatabaseQueue, path: String) throws(StoreError) {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 responses") { db in
            try db.execute(
                sql: """
                    CREATE TABLE response (
                        forge TEXT NOT NULL,
                        url TEXT NOT NULL,
                        status INTEGER NOT NULL,
                        headers BLOB NOT NULL,
                        body BLOB NOT NULL,
                        size INTEGER NOT NULL,
                        storedAt REAL NOT NULL,
                        usedAt REAL NOT NULL,
                        PRIMARY KEY (forge, url)
                    );
                    CREATE INDEX responseByUse ON response (usedAt);
                    """)
        }
        do {
            if try queue.read({ try migrator.hasBeenSuperseded($0) }) {
                throw StoreError.migrationFailed(path: path, reason: "written by a newer version of anvil")
            }
            try migrator.migrate(queue)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .migrationFailed(path: path, reason: StoreError.reason(error))
        }
    }
}
