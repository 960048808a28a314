import Foundation
import Store
import Testing

private let forge = "https://forge.example/rest/"
private let otherForge = "https://other.example/rest/"

@Suite("Read marks and visits")
struct ReadMarkTests {
    @Test func markedSlugsComeBackPerForgeAndThread() throws {
        let store = try StateStore.inMemory()
        try store.markRead(forge: forge, thread: "t1", slugs: ["a", "b", "c"])
        try store.markRead(forge: forge, thread: "t1", slugs: ["b", "d"])
        try store.markRead(forge: forge, thread: "t2", slugs: ["x"])
        try store.markRead(forge: otherForge, thread: "t1", slugs: ["z"])

        #expect(try store.readSlugs(forge: forge, thread: "t1") == ["a", "b", "c", "d"])
        #expect(try store.readSlugs(forge: forge, thread: "t2") == ["x"])
        #expect(try store.readSlugs(forge: otherForge, thread: "t1") == ["z"])
        #expect(try store.readSlugs(forge: forge, thread: "never") == [])
    }

    @Test func markingNothingChangesNothing() throws {
        let store = try StateStore.inMemory()
        try store.markRead(forge: forge, thread: "t1", slugs: [String]())
        try store.markRead(forge: forge, thread: "t1", slugs: Set(["a"]))
        #expect(try store.readSlugs(forge: forge, thread: "t1") == ["a"])
    }

    @Test func unreadCountCountsDistinctSlugsNotMarked() throws {
        let store = try StateStore.inMemory()
        try store.markRead(forge: forge, thread: "t1", slugs: ["a", "b"])
        try store.markRead(forge: forge, thread: "t2", slugs: ["c"])

        #expect(try store.unreadCount(forge: forge, thread: "t1", among: ["a", "b", "c", "d", "e"]) == 3)
        #expect(try store.unreadCount(forge: forge, thread: "t1", among: ["a", "b"]) == 0)
        #expect(try store.unreadCount(forge: forge, thread: "t1", among: ["c", "c", "a"]) == 1)
        #expect(try store.unreadCount(forge: forge, thread: "t1", among: []) == 0)
        #expect(try store.unreadCount(forge: otherForge, thread: "t1", among: ["a", "b"]) == 2)
    }

    @Test func unreadCountAcrossMoreSlugsThanOneStatementTakes() throws {
        let store = try StateStore.inMemory()
        let slugs = (0..<1_234).map { "post-\($0)" }
        try store.markRead(forge: forge, thread: "t", slugs: slugs.filter { $0.hasSuffix("7") })
        let marked = slugs.filter { $0.hasSuffix("7") }.count
        #expect(try store.unreadCount(forge: forge, thread: "t", among: slugs) == slugs.count - marked)
    }

    @Test func readCountsForSeveralThreads() throws {
        let store = try StateStore.inMemory()
        try store.markRead(forge: forge, thread: "t1", slugs: ["a", "b", "c"])
        try store.markRead(forge: forge, thread: "t2", slugs: ["a"])
        try store.markRead(forge: otherForge, thread: "t3", slugs: ["a", "b"])

        let counts = try store.readCounts(forge: forge, threads: ["t1", "t2", "t3", "t1"])
        #expect(counts == ["t1": 3, "t2": 1, "t3": 0])
        #expect(try store.readCounts(forge: forge, threads: []) == [:])
    }

    @Test func readCountsForMoreThreadsThanOneStatementTakes() throws {
        let store = try StateStore.inMemory()
        let threads = (0..<1_100).map { "thread-\($0)" }
        for (index, thread) in threads.enumerated() where index % 100 == 0 {
            try store.markRead(forge: forge, thread: thread, slugs: (0...(index / 100)).map { "s\($0)" })
        }
        let counts = try store.readCounts(forge: forge, threads: threads)
        #expect(counts.count == threads.count)
        #expect(counts["thread-0"] == 1)
        #expect(counts["thread-500"] == 6)
        #expect(counts["thread-1000"] == 11)
        #expect(counts["thread-1"] == 0)
        #expect(counts.values.reduce(0, +) == (1...11).reduce(0, +))
    }

    @Test func visitTimesAreKeptAndReplaced() throws {
        let store = try StateStore.inMemory()
        #expect(try store.lastVisit(forge: forge, thread: "t1") == nil)

        let first = Date(timeIntervalSince1970: 1_700_000_000.25)
        let second = first.addingTimeInterval(3_600.5)
        try store.recordVisit(forge: forge, thread: "t1", at: first)
        #expect(try store.lastVisit(forge: forge, thread: "t1") == first)

        try store.recordVisit(forge: forge, thread: "t1", at: second)
        try store.recordVisit(forge: otherForge, thread: "t1", at: first)
        #expect(try store.lastVisit(forge: forge, thread: "t1") == second)
        #expect(try store.lastVisit(forge: otherForge, thread: "t1") == first)
        #expect(try store.lastVisit(forge: forge, thread: "t2") == nil)
    }

    @Test func visitWithoutDateIsNow() throws {
        let store = try StateStore.inMemory()
        let before = Date()
        try store.recordVisit(forge: forge, thread: "t1")
        let visit = try #require(try store.lastVisit(forge: forge, thread: "t1"))
        #expect(abs(visit.timeIntervalSince(before)) < 5)
    }

    @Test func tenThousandSlugsAreMarkedAndReadBackQuickly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try StateStore(path: directory.path + "/state.sqlite")
        let slugs = (0..<10_000).map { String(format: "%08x", $0 &* 2_654_435_761 % 4_294_967_296) }
        let clock = ContinuousClock()

        let markTime = try clock.measure { try store.markRead(forge: forge, thread: "big", slugs: slugs) }
        var read = Set<String>()
        let readTime = try clock.measure { read = try store.readSlugs(forge: forge, thread: "big") }
        var unread = -1
        let unreadTime = try clock.measure {
            unread = try store.unreadCount(forge: forge, thread: "big", among: slugs + ["new-1", "new-2"])
        }
        var counts = [String: Int]()
        let countTime = try clock.measure { counts = try store.readCounts(forge: forge, threads: ["big", "small"]) }
        print(
            "StoreTests timing, 10,000 slugs in one thread (file store): markRead \(markTime),",
            "readSlugs \(readTime), unreadCount \(unreadTime), readCounts \(countTime)")

        #expect(read == Set(slugs))
        #expect(read.count == 10_000)
        #expect(unread == 2)
        #expect(counts == ["big": 10_000, "small": 0])
        // Generous bounds: the point is "well under a keystroke", not a benchmark on a busy machine.
        #expect(markTime < .seconds(5))
        #expect(readTime < .seconds(2))
    }
}
