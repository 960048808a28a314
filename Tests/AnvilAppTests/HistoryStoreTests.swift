import Foundation
import Store
import Testing

@testable import AnvilApp

/// Recent places live in the state database, with their names and unread counts; the `history`
/// file of an earlier Anvil is taken in once.
@Suite struct HistoryStoreTests {
    @Test func placesKeepTheirNameAndUnreadCountNewestFirst() throws {
        let state = LocalState(store: try StateStore.inMemory())
        let history = HistoryStore(state: state, limit: 3)
        history.record("https://forge.example.org/p/one/", name: "forge › One")
        history.record("https://forge.example.org/p/one/t/1/", name: "forge › One › Thread", unread: 4)
        history.record("https://forge.example.org/p/one/")
        #expect(history.entries == ["https://forge.example.org/p/one/", "https://forge.example.org/p/one/t/1/"])
        #expect(history.name(of: "https://forge.example.org/p/one/") == "forge › One", "a nil name keeps the known one")
        history.record("https://forge.example.org/p/one/t/1/", unread: 0)
        #expect(history.places.first?.unread == 0)
        #expect(history.places.first?.name == "forge › One › Thread")

        for number in 2...5 { history.record("https://forge.example.org/p/\(number)/") }
        let listed = HistoryStore(state: state, limit: 3).entries
        #expect(listed == (3...5).reversed().map { "https://forge.example.org/p/\($0)/" }, "the newest are listed")
    }

    @Test("an earlier Anvil's history file is taken in once, in its order, then removed")
    func theEarlierHistoryFileIsImported() throws {
        let root = NSTemporaryDirectory() + "anvil-history-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let file = URL(fileURLWithPath: root + "/history")
        try "https://forge.example.org/p/new/\tforge › New\nhttps://forge.example.org/p/old/\n".write(
            to: file, atomically: true, encoding: .utf8)
        let state = LocalState(store: try StateStore.inMemory())
        let history = HistoryStore(state: state, importing: file)
        #expect(history.entries == ["https://forge.example.org/p/new/", "https://forge.example.org/p/old/"])
        #expect(history.name(of: "https://forge.example.org/p/new/") == "forge › New")
        #expect(!FileManager.default.fileExists(atPath: file.path))
        history.record("https://forge.example.org/p/old/")
        #expect(HistoryStore(state: state, importing: file).entries.first == "https://forge.example.org/p/old/")
    }

    @Test("the earlier history file named by its path is taken in and removed; a missing one is no place")
    func theEarlierHistoryFileIsImportedByPath() throws {
        let root = NSTemporaryDirectory() + "anvil-history-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let missing = LocalState(store: try StateStore.inMemory())
        #expect(HistoryStore(state: missing, importingPath: root + "/history").entries.isEmpty)
        try "https://forge.example.org/p/one/\tforge › One\n".write(
            toFile: root + "/history", atomically: true, encoding: .utf8)
        let state = LocalState(store: try StateStore.inMemory())
        let history = HistoryStore(state: state, importingPath: root + "/history")
        #expect(history.entries == ["https://forge.example.org/p/one/"])
        #expect(history.name(of: "https://forge.example.org/p/one/") == "forge › One")
        #expect(!FileManager.default.fileExists(atPath: root + "/history"))
    }
}
