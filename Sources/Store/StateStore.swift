import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Anvil's local state: which posts the user has read, when each thread was last visited, the
/// drafts the server has not accepted yet, the places visited, the user's named searches and the
/// tickets tagged for bulk changes.
///
/// One SQLite database (`$XDG_STATE_HOME/anvil/state.sqlite` in the app), opened through one GRDB
/// `DatabaseQueue` in WAL mode. Every method is synchronous and short: the UI thread may call them
/// directly. Methods may be called from any thread; the queue serialises them.
///
/// Nothing here crashes on a bad database: failures are thrown as ``StoreError``, and
/// ``open(path:)`` falls back to an in-memory store with a warning the app can show.
public final class StateStore: Sendable {
    /// The file name the app uses inside its state directory.
    public static let fileName = "state.sqlite"

    /// The database file, or `:memory:` for an in-memory store.
    public let path: String

    /// Whether this store lives in memory only (a test store, or the fallback after a failed open):
    /// its contents are gone when it is released.
    public let isInMemory: Bool

    private let dbQueue: DatabaseQueue

    /// Most `?` parameters put into one statement; SQLite allows far more, this keeps statements small.
    private static let chunkSize = 500

    /// Rows per `INSERT` when marking many slugs read (three parameters each).
    private static let rowsPerInsert = 300

    /// Opens the database at `path`, creating it and its directory if needed, and brings the schema up
    /// to date.
    ///
    /// A new directory gets mode 0700 and a new file mode 0600 (SQLite gives its `-wal` and `-shm` files
    /// the same mode). An existing file keeps its mode.
    ///
    /// - Throws: ``StoreError`` when the directory or file cannot be created, the file is not a
    ///   usable SQLite database, or the schema cannot be set up.
    public init(path: String) throws(StoreError) {
        let queue = try Self.openFile(at: path, label: "anvil.state")
        try Self.migrate(queue, path: path)
        self.path = path
        self.isInMemory = false
        self.dbQueue = queue
    }

    /// SQLite's `synchronous` level on this connection: 2 waits for the disk on every commit, 1
    /// at checkpoints only.
    var synchronousLevel: Int? { try? dbQueue.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } }

    private init(memoryQueue: DatabaseQueue) {
        self.path = ":memory:"
        self.isInMemory = true
        self.dbQueue = memoryQueue
    }

    /// A new, empty store in memory, with the same schema as a file store. For tests, and the fallback
    /// of ``open(path:)``.
    ///
    /// - Throws: ``StoreError`` only if SQLite cannot allocate the database.
    public static func inMemory() throws(StoreError) -> StateStore {
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(named: nil, configuration: Configuration())
        } catch {
            throw .cannotOpen(path: ":memory:", reason: StoreError.reason(error))
        }
        try migrate(queue, path: ":memory:")
        return StateStore(memoryQueue: queue)
    }

    /// Opens the database at `path`; if that fails, returns an in-memory store and a one-line warning
    /// that says what failed and that nothing will be kept after anvil quits.
    ///
    /// The file is left as it is, so that the user can inspect or move it; the next start tries it again.
    ///
    /// - Throws: ``StoreError`` only if even an in-memory database cannot be made (out of memory).
    public static func open(path: String) throws(StoreError) -> (store: StateStore, warning: String?) {
        do {
            return (try StateStore(path: path), nil)
        } catch {
            let warning = "\(error.description) (read marks and drafts are kept in memory until anvil quits)"
            return (try inMemory(), warning)
        }
    }

    /// Moves the write-ahead log into the file and empties it, at the end of a run: the next
    /// start, the first to open the file, otherwise reads the whole log back (about 120 KB after the
    /// file is made) to rebuild its index before anything can be read.
    public func checkpoint() {
        guard !isInMemory else { return }
        try? dbQueue.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }

    // MARK: - Read marks

    /// Records that the posts `slugs` of `thread` on `forge` have been seen. Slugs already marked are
    /// ignored. All are written in one transaction.
    public func markRead(forge: String, thread: String, slugs: some Collection<String>) throws(StoreError) {
        if slugs.isEmpty { return }
        let all = Array(slugs)
        try write("mark read") { db in
            // Many rows per statement: far fewer round trips through GRDB than one statement per slug.
            for start in stride(from: 0, to: all.count, by: Self.rowsPerInsert) {
                let chunk = all[start..<min(start + Self.rowsPerInsert, all.count)]
                let rows = Array(repeating: "(?, ?, ?)", count: chunk.count).joined(separator: ", ")
                var values = [String]()
                values.reserveCapacity(chunk.count * 3)
                for slug in chunk { values += [forge, thread, slug] }
                let statement = try db.cachedStatement(
                    sql: "INSERT OR IGNORE INTO readMark (forge, thread, slug) VALUES \(rows)")
                statement.setUncheckedArguments(StatementArguments(values))
                try statement.execute()
            }
        }
    }

    /// Forgets that the posts `slugs` of `thread` on `forge` were seen (`:mark-unread`).
    public func markUnread(forge: String, thread: String, slugs: some Collection<String>) throws(StoreError) {
        if slugs.isEmpty { return }
        let all = Array(slugs)
        try write("mark unread") { db in
            for start in stride(from: 0, to: all.count, by: Self.chunkSize) {
                let chunk = Array(all[start..<min(start + Self.chunkSize, all.count)])
                try db.execute(
                    sql: """
                        DELETE FROM readMark WHERE forge = ? AND thread = ?
                        AND slug IN (\(Self.placeholders(chunk.count)))
                        """,
                    arguments: StatementArguments([forge, thread] + chunk))
            }
        }
    }

    /// The slugs of the posts of `thread` on `forge` that have been marked read.
    public func readSlugs(forge: String, thread: String) throws(StoreError) -> Set<String> {
        try read("read marks") { db in
            var slugs = Set<String>()
            let cursor = try String.fetchCursor(
                db, sql: "SELECT slug FROM readMark WHERE forge = ? AND thread = ?", arguments: [forge, thread])
            while let slug = try cursor.next() {
                slugs.insert(slug)
            }
            return slugs
        }
    }

    /// How many of `slugs` (counted once each, however often they appear) are not marked read in
    /// `thread` on `forge`.
    public func unreadCount(forge: String, thread: String, among slugs: [String]) throws(StoreError) -> Int {
        let distinct = Array(Set(slugs))
        if distinct.isEmpty { return 0 }
        if distinct.count > Self.chunkSize {
            // A long list: reading the thread's marks once is cheaper than many `IN (...)` lookups.
            let marked = try readSlugs(forge: forge, thread: thread)
            return distinct.reduce(0) { count, slug in marked.contains(slug) ? count : count + 1 }
        }
        let seen = try read("unread count") { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM readMark
                    WHERE forge = ? AND thread = ? AND slug IN (\(Self.placeholders(distinct.count)))
                    """,
                arguments: StatementArguments([forge, thread] + distinct)) ?? 0
        }
        return distinct.count - seen
    }

    /// For each of `threads` on `forge`, how many of its posts are marked read (0 for a thread never
    /// seen). Every thread asked for is a key of the result.
    public func readCounts(forge: String, threads: [String]) throws(StoreError) -> [String: Int] {
        var counts = [String: Int]()
        for thread in threads { counts[thread] = 0 }
        let distinct = Array(counts.keys)
        if distinct.isEmpty { return counts }
        let found = try read("read counts") { db in
            var found = [(String, Int)]()
            for start in stride(from: 0, to: distinct.count, by: Self.chunkSize) {
                let chunk = distinct[start..<min(start + Self.chunkSize, distinct.count)]
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT thread, COUNT(*) FROM readMark
                        WHERE forge = ? AND thread IN (\(Self.placeholders(chunk.count)))
                        GROUP BY thread
                        """,
                    arguments: StatementArguments([forge] + chunk))
                while let row = try rows.next() {
                    if let thread = row[0] as String?, let count = row[1] as Int? {
                        found.append((thread, count))
                    }
                }
            }
            return found
        }
        for (thread, count) in found { counts[thread] = count }
        return counts
    }

    /// When `thread` on `forge` was last visited, or `nil` if never.
    public func lastVisit(forge: String, thread: String) throws(StoreError) -> Date? {
        try read("last visit") { db in
            try Double.fetchOne(
                db, sql: "SELECT lastVisit FROM visit WHERE forge = ? AND thread = ?", arguments: [forge, thread]
            ).map { Date(timeIntervalSince1970: $0) }
        }
    }

    /// Records a visit of `thread` on `forge` at `date` (now by default), replacing the previous time.
    public func recordVisit(forge: String, thread: String, at date: Date = Date()) throws(StoreError) {
        try write("record visit") { db in
            try db.execute(
                sql: """
                    INSERT INTO visit (forge, thread, lastVisit) VALUES (?, ?, ?)
                    ON CONFLICT (forge, thread) DO UPDATE SET lastVisit = excluded.lastVisit
                    """,
                arguments: [forge, thread, date.timeIntervalSince1970])
        }
    }

    // MARK: - Drafts

    /// Saves `text` as the draft for `key`, replacing any earlier text, with `date` (now by default) as
    /// its time and `place` (the web address of the view it was written in) when given. A recorded
    /// failure is cleared: the new text has not been sent yet.
    public func saveDraft(
        _ key: DraftKey, text: String, at date: Date = Date(), place: String? = nil
    )
        throws(StoreError)
    {
        try write("save draft", waitingForTheDisk: true) { db in
            try db.execute(
                sql: """
                    INSERT INTO draft (forge, kind, target, parent, text, updated, lastError, place)
                    VALUES (?, ?, ?, ?, ?, ?, NULL, ?)
                    ON CONFLICT (forge, kind, target, parent) DO UPDATE
                    SET text = excluded.text, updated = excluded.updated, lastError = NULL,
                        place = COALESCE(excluded.place, draft.place)
                    """,
                arguments: Self.keyArguments(key) + [text, date.timeIntervalSince1970, place])
        }
    }

    /// The draft saved for `key`, or `nil` if there is none.
    public func draft(_ key: DraftKey) throws(StoreError) -> Draft? {
        try read("read draft") { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT forge, kind, target, parent, text, updated, lastError, place FROM draft
                    WHERE forge = ? AND kind = ? AND target = ? AND parent = ?
                    """,
                arguments: Self.keyArguments(key))
            return row.flatMap(Self.draft(from:))
        }
    }

    /// Records why sending the draft for `key` failed, to show next to it. Does nothing if there is no
    /// such draft.
    ///
    /// - Returns: whether a draft was there to record it on.
    @discardableResult
    public func recordFailure(_ key: DraftKey, message: String) throws(StoreError) -> Bool {
        try write("record draft failure") { db in
            try db.execute(
                sql: "UPDATE draft SET lastError = ? WHERE forge = ? AND kind = ? AND target = ? AND parent = ?",
                arguments: [message] + Self.keyArguments(key))
            return db.changesCount > 0
        }
    }

    /// Deletes the draft for `key` (once the server has accepted it, or the user discards it). Deleting a
    /// draft that does not exist is not an error.
    public func deleteDraft(_ key: DraftKey) throws(StoreError) {
        try write("delete draft", waitingForTheDisk: true) { db in
            try db.execute(
                sql: "DELETE FROM draft WHERE forge = ? AND kind = ? AND target = ? AND parent = ?",
                arguments: Self.keyArguments(key))
        }
    }

    /// Every draft, most recently saved first. Rows this version cannot read (an unknown kind written by
    /// a newer anvil) are left out, not deleted.
    public func allDrafts() throws(StoreError) -> [Draft] {
        try read("list drafts") { db in
            var drafts = [Draft]()
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT forge, kind, target, parent, text, updated, lastError, place FROM draft
                    ORDER BY updated DESC, rowid DESC
                    """)
            while let row = try rows.next() {
                if let draft = Self.draft(from: row) { drafts.append(draft) }
            }
            return drafts
        }
    }

    // MARK: - Internals

    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try dbQueue.read(body)
        } catch {
            throw .operationFailed(operation: operation, path: path, reason: StoreError.reason(error))
        }
    }

    /// Runs `body` in a transaction. A write `waitingForTheDisk` (a draft saved or dropped) returns
    /// only once the disk has it, so that a power cut loses no text the user wrote; others (read
    /// marks, places) wait for the disk only at checkpoints, so that reading never waits on it.
    func write<T>(
        _ operation: String, waitingForTheDisk: Bool = false, _ body: (Database) throws -> T
    ) throws(StoreError) -> T {
        do {
            guard waitingForTheDisk else { return try dbQueue.write(body) }
            return try dbQueue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                defer { try? db.execute(sql: "PRAGMA synchronous = NORMAL") }
                var made: T?
                try db.inTransaction {
                    made = try body(db)
                    return .commit
                }
                guard let made else { throw DatabaseError(message: "the transaction was not committed") }
                return made
            }
        } catch {
            throw .operationFailed(operation: operation, path: path, reason: StoreError.reason(error))
        }
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    /// The key as the four primary-key columns; no parent is stored as the empty string, since SQLite
    /// treats NULLs in a primary key as all different.
    private static func keyArguments(_ key: DraftKey) -> StatementArguments {
        [key.forge, key.kind.rawValue, key.target, key.parent ?? ""]
    }

    private static func draft(from row: Row) -> Draft? {
        guard let forge = row["forge"] as String?,
            let kindName = row["kind"] as String?, let kind = DraftKey.Kind(rawValue: kindName),
            let target = row["target"] as String?,
            let text = row["text"] as String?,
            let updated = row["updated"] as Double?
        else { return nil }
        let key = DraftKey(forge: forge, kind: kind, target: target, parent: row["parent"] as String?)
        return Draft(
            key: key, text: text, updated: Date(timeIntervalSince1970: updated), lastError: row["lastError"] as String?,
            place: row["place"] as String?)
    }

    private static func migrate(_ queue: DatabaseQueue, path: String) throws(StoreError) {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 read marks, visits, drafts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE readMark (
                        forge TEXT NOT NULL,
                        thread TEXT NOT NULL,
                        slug TEXT NOT NULL,
                        PRIMARY KEY (forge, thread, slug)
                    ) WITHOUT ROWID;
                    CREATE TABLE visit (
                        forge TEXT NOT NULL,
                        thread TEXT NOT NULL,
                        lastVisit REAL NOT NULL,
                        PRIMARY KEY (forge, thread)
                    ) WITHOUT ROWID;
                    CREATE TABLE draft (
                        forge TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        target TEXT NOT NULL,
                        parent TEXT NOT NULL DEFAULT '',
                        text TEXT NOT NULL,
                        updated REAL NOT NULL,
                        lastError TEXT,
                        PRIMARY KEY (forge, kind, target, parent)
                    );
                    CREATE INDEX draftByUpdated ON draft (updated);
                    """)
        }
        migrator.registerMigration("v2 where each draft was written") { db in
            try db.execute(sql: "ALTER TABLE draft ADD COLUMN place TEXT")
        }
        migrator.registerMigration("v3 places, named searches, tags") { db in
            try db.execute(
                sql: """
                    CREATE TABLE place (
                        address TEXT PRIMARY KEY NOT NULL,
                        name TEXT,
                        visited REAL NOT NULL,
                        unread INTEGER
                    );
                    CREATE INDEX placeByVisited ON place (visited);
                    CREATE TABLE namedSearch (
                        name TEXT PRIMARY KEY NOT NULL,
                        query TEXT NOT NULL,
                        saved REAL NOT NULL
                    );
                    CREATE TABLE tag (
                        forge TEXT NOT NULL,
                        tracker TEXT NOT NULL,
                        number INTEGER NOT NULL,
                        PRIMARY KEY (forge, tracker, number)
                    ) WITHOUT ROWID;
                    """)
        }
        do {
            try migrator.migrate(queue)
        } catch {
            throw .migrationFailed(path: path, reason: StoreError.reason(error))
        }
    }

    /// The SQLite file at `path` in WAL mode, created (with its directories) when missing. Its
    /// commits wait for the disk only at checkpoints (`synchronous = NORMAL`: a crash of Anvil
    /// loses nothing, a power cut may lose the last commits); `write(_:waitingForTheDisk:_:)`
    /// makes the ones that must survive that wait.
    ///
    /// WAL mode is set here rather than through GRDB's `journalMode = .wal`, which asks
    /// Foundation for the WAL file's size (looking up its owner's user and group names) to prepare
    /// for a pool of connections that a queue does not have.
    static func openFile(at path: String, label: String) throws(StoreError) -> DatabaseQueue {
        try createFile(at: path)
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            guard mode == "wal" else {
                throw DatabaseError(
                    message: "write-ahead logging could not be turned on (journal mode \(mode ?? "none"))")
            }
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        // Another anvil may hold the lock for a moment; wait a little rather than fail at once, but
        // not so long that the UI freezes.
        configuration.busyMode = .timeout(1)
        configuration.label = label
        do {
            return try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw .cannotOpen(path: path, reason: StoreError.reason(error))
        }
    }

    /// Creates the directories above `path` (mode 0700) and the file itself (mode 0600) if missing, and
    /// checks that the file can be opened for writing.
    static func createFile(at path: String) throws(StoreError) {
        if path.isEmpty {
            throw .cannotCreateFile(path: path, reason: "empty path")
        }
        var directory = ""
        let components = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        for (index, component) in components.enumerated() {
            // Strings appended, not a Substring: that append is generic and unspecialised, a third of
            // a million instructions on the way to the first frame.
            if index != 0 { directory += "/" }
            directory += String(component)
            if component.isEmpty || component == "." || component == ".." { continue }
            if mkdir(directory, 0o700) != 0 {
                let code = errno
                var info = stat()
                if code == EEXIST, stat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { continue }
                let reason = code == EEXIST ? "\(directory) is not a directory" : "\(directory): \(errorText(code))"
                throw .cannotCreateDirectory(path: path, reason: reason)
            }
        }
        let descriptor = openForWriting(path)
        if descriptor < 0 {
            throw .cannotCreateFile(path: path, reason: errorText(errno))
        }
        close(descriptor)
    }

    private static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// `open(2)` for reading and writing, creating the file with mode 0600; outside the class, where `open`
/// names the C function rather than ``StateStore/open(path:)``.
private func openForWriting(_ path: String) -> Int32 {
    open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
}
