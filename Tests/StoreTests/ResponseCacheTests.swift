import Foundation
import GRDB
import Store
import Testing

/// The response cache: hit, miss, revalidation, eviction at the cap, and files it cannot use.
@Suite struct ResponseCacheTests {
    static let forge = "https://forge.example.org"

    static func answer(_ text: String, at date: Date = Date()) -> CachedResponse {
        CachedResponse(status: 200, headers: ["etag": "\"v1\""], body: Data(text.utf8), storedAt: date)
    }

    @Test func keepsAnswersByForgeAndURL() throws {
        let cache = try ResponseCache.inMemory()
        #expect(cache.response(forge: Self.forge, url: "/a") == nil, "a miss")
        let stored = Self.answer("one", at: Date(timeIntervalSince1970: 1_700_000_000))
        cache.store(stored, forge: Self.forge, url: "/a")
        #expect(cache.response(forge: Self.forge, url: "/a") == stored)
        #expect(cache.response(forge: "https://other.example.org", url: "/a") == nil, "kept per forge")
        cache.confirm(forge: Self.forge, url: "/a")
        let confirmed = try #require(cache.response(forge: Self.forge, url: "/a"))
        #expect(confirmed.storedAt > stored.storedAt && confirmed.body == stored.body, "a 304 makes it fresh")
        #expect(cache.usage() == [CacheUsage(forge: Self.forge, responses: 1, bytes: 3)])
        cache.clear(forge: Self.forge)
        #expect(cache.response(forge: Self.forge, url: "/a") == nil)
    }

    /// Header fields come back as they were stored, whatever their text: escapes, slashes,
    /// quotes and non-ASCII values (read by the quick reader or, where it declines, JSONDecoder).
    @Test func headerFieldsComeBackAsStored() throws {
        let cache = try ResponseCache.inMemory()
        let fields: [[String: String]] = [
            [:], ["etag": "W/\"a\\b\"", "last-modified": "Tue, 01 Dec 2026 10:00:00 GMT"],
            ["content-type": "application/json; charset=utf-8", "x-note": "caf\u{E9} \u{1F600}\n\t/"],
            ["x-total-pages": "12", "link": "<https://forge.example.org/api/v4/issues?page=2>; rel=\"next\""],
        ]
        for (number, headers) in fields.enumerated() {
            let stored = CachedResponse(status: 200, headers: headers, body: Data("{}".utf8), storedAt: Date())
            cache.store(stored, forge: Self.forge, url: "/h\(number)")
            #expect(cache.response(forge: Self.forge, url: "/h\(number)")?.headers == headers)
        }
    }

    @Test func theLeastRecentlyUsedGoFirstAtTheCap() throws {
        let cache = try ResponseCache.inMemory(capacity: 1 << 20)
        let body = String(repeating: "x", count: 300 << 10)
        for name in ["a", "b", "c"] {
            cache.store(Self.answer(body), forge: Self.forge, url: "/" + name)
            Thread.sleep(forTimeInterval: 0.01)
        }
        _ = cache.response(forge: Self.forge, url: "/a")  // used: now the most recent
        cache.store(Self.answer(body), forge: Self.forge, url: "/d")
        cache.evict()
        #expect(cache.response(forge: Self.forge, url: "/b") == nil, "the least recently used went")
        for kept in ["/a", "/c", "/d"] { #expect(cache.response(forge: Self.forge, url: kept) != nil, "\(kept)") }
        #expect(cache.usage().first.map(\.bytes) ?? 0 <= 1 << 20)
    }

    @Test func aReadIsMarkedUsedByTheCheckpointForTheNextRun() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/" + ResponseCache.fileName
        let body = String(repeating: "x", count: 300 << 10)
        do {
            let cache = try ResponseCache(path: path, capacity: 1 << 20)
            for name in ["a", "b", "c"] {
                cache.store(Self.answer(body), forge: Self.forge, url: "/" + name)
                Thread.sleep(forTimeInterval: 0.01)
            }
            _ = cache.response(forge: Self.forge, url: "/a")
            cache.checkpoint()
        }
        // The next run: what the last one read last is kept when the cache is over its cap.
        let again = try ResponseCache(path: path, capacity: 1 << 20)
        again.store(Self.answer(body), forge: Self.forge, url: "/d")
        again.evict()
        #expect(again.response(forge: Self.forge, url: "/b") == nil, "the least recently used went")
        for kept in ["/a", "/c", "/d"] { #expect(again.response(forge: Self.forge, url: kept) != nil, "\(kept)") }
    }

    @Test func aFileItCannotUseIsRefusedWithAReason() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let garbage = directory.path + "/garbage.sqlite"
        try Data((0..<8_192).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }).write(to: URL(fileURLWithPath: garbage))
        #expect(throws: StoreError.self) { try ResponseCache(path: garbage) }

        let newer = directory.path + "/newer.sqlite"
        _ = try ResponseCache(path: newer)
        let queue = try DatabaseQueue(path: newer)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9 from the future')")
        }
        do {
            _ = try ResponseCache(path: newer)
            Issue.record("a cache written by a newer Anvil was opened")
        } catch {
            #expect(error.description.contains("newer version"), "\(error)")
        }

        let locked = directory.path + "/locked"
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: locked)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: locked) }
        if getuid() != 0 {
            #expect(throws: StoreError.self) { try ResponseCache(path: locked + "/cache.sqlite") }
        }
    }

    @Test func answersSurviveReopening() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/cache/anvil/" + ResponseCache.fileName
        do {
            let cache = try ResponseCache(path: path)
            cache.store(Self.answer("kept"), forge: Self.forge, url: "/page")
        }
        let again = try ResponseCache(path: path)
        #expect(again.response(forge: Self.forge, url: "/page")?.body == Data("kept".utf8))
        #expect(permissions(of: path) == 0o600)
    }

    /// A command that is done empties the write-ahead log into the file; the cache still works.
    @Test func aCheckpointLeavesTheFileAlone() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/" + ResponseCache.fileName
        func logSize() -> Int {
            (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int ?? 0
        }
        let cache = try ResponseCache(path: path)
        cache.store(Self.answer("kept"), forge: Self.forge, url: "/page")
        #expect(logSize() > 0, "the answer is in the log first")
        cache.checkpoint()
        #expect(logSize() == 0)
        cache.store(Self.answer("later"), forge: Self.forge, url: "/later")
        #expect(cache.response(forge: Self.forge, url: "/page")?.body == Data("kept".utf8))
        #expect(cache.response(forge: Self.forge, url: "/later")?.body == Data("later".utf8))
    }
}
