import Foundation
import Testing

@testable import Store

private let forge = "https://forge.example/rest/"

@Suite("The database file")
struct FileTests {
    @Test func everythingSurvivesReopeningTheFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/state/anvil/" + StateStore.fileName
        let key = DraftKey(forge: forge, kind: .reply, target: "t1", parent: "p9")
        let visit = Date(timeIntervalSince1970: 1_700_000_123.75)
        let saved = Date(timeIntervalSince1970: 1_700_000_456.5)

        do {
            let store = try StateStore(path: path)
            #expect(store.isInMemory == false)
            #expect(store.path == path)
            try store.markRead(forge: forge, thread: "t1", slugs: ["a", "b"])
            try store.recordVisit(forge: forge, thread: "t1", at: visit)
            try store.saveDraft(key, text: "unsent reply", at: saved)
            try store.recordFailure(key, message: "network is unreachable")
        }

        let reopened = try StateStore(path: path)
        #expect(try reopened.readSlugs(forge: forge, thread: "t1") == ["a", "b"])
        #expect(try reopened.lastVisit(forge: forge, thread: "t1") == visit)
        #expect(
            try reopened.draft(key)
                == Draft(key: key, text: "unsent reply", updated: saved, lastError: "network is unreachable"))

        // Opening again runs the migrator again: it must find nothing to do and keep the data.
        let third = try StateStore.open(path: path)
        #expect(third.warning == nil)
        #expect(try third.store.allDrafts().count == 1)
    }

    @Test func newFileIsPrivate() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let stateDirectory = directory.path + "/new/anvil"
        let path = stateDirectory + "/" + StateStore.fileName
        let store = try StateStore(path: path)
        try store.saveDraft(DraftKey(forge: forge, kind: .comment, target: "t"), text: "secret")

        #expect(permissions(of: path) == 0o600)
        #expect(permissions(of: stateDirectory) == 0o700)
        // SQLite creates its WAL file with the database file's mode.
        let wal = path + "-wal"
        #expect(FileManager.default.fileExists(atPath: wal))
        #expect(permissions(of: wal) == 0o600)
    }

    @Test func aCheckpointEmptiesTheLogIntoTheFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/" + StateStore.fileName
        func size(_ file: String) -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber)?.intValue ?? -1
        }
        do {
            let store = try StateStore(path: path)
            try store.markRead(forge: forge, thread: "t", slugs: ["a", "b"])
            #expect(size(path + "-wal") > 0)
            store.checkpoint()
            #expect(size(path + "-wal") == 0)
        }
        // What the log held is in the file: a new connection reads it without any log.
        let reopened = try StateStore(path: path)
        #expect(try reopened.readSlugs(forge: forge, thread: "t") == ["a", "b"])
    }

    @Test func databaseIsInWALMode() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/" + StateStore.fileName
        let store = try StateStore(path: path)
        try store.markRead(forge: forge, thread: "t", slugs: ["a"])
        // The header of a WAL database has file format versions 2 (bytes 18 and 19).
        let header = try #require(FileManager.default.contents(atPath: path))
        #expect(header.count >= 100)
        #expect(header[18] == 2 && header[19] == 2)
    }

    @Test func draftsWaitForTheDiskAndReadMarksOnlyForCheckpoints() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let state = try StateStore(path: directory.path + "/" + StateStore.fileName)
        // 1 is NORMAL: a commit waits for the disk at checkpoints only. 2 is FULL.
        #expect(state.synchronousLevel == 1)
        let duringADraft = try state.write("probe", waitingForTheDisk: true) { db in
            try Int.fetchOne(db, sql: "PRAGMA synchronous")
        }
        let duringAReadMark = try state.write("probe") { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(duringADraft == 2)
        #expect(duringAReadMark == 1)
        let key = DraftKey(forge: forge, kind: .comment, target: "t")
        try state.saveDraft(key, text: "kept")
        #expect(state.synchronousLevel == 1, "back to checkpoints after the draft")
        #expect(try state.draft(key)?.text == "kept")
        // Both files are in WAL mode from their first open, before anything was written.
        let cache = try ResponseCache(path: directory.path + "/" + ResponseCache.fileName)
        for path in [state.path, cache.path] {
            let header = try #require(FileManager.default.contents(atPath: path))
            #expect(header.count >= 100 && header[18] == 2 && header[19] == 2, "\(path)")
        }
    }

    @Test func corruptFileFallsBackToMemoryWithAWarning() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/" + StateStore.fileName
        let garbage = Data((0..<8_192).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })
        try garbage.write(to: URL(fileURLWithPath: path))

        #expect(throws: StoreError.self) { try StateStore(path: path) }
        do {
            _ = try StateStore(path: path)
        } catch {
            #expect(error.path == path)
            #expect(error.description.contains(path))
            #expect(error.description.contains("not a database"))
        }

        let (store, warning) = try StateStore.open(path: path)
        let message = try #require(warning)
        #expect(message.contains(path))
        #expect(!message.contains("\n"))
        #expect(store.isInMemory)
        // The fallback store works, and the bad file is left alone for the user to look at.
        try store.markRead(forge: forge, thread: "t", slugs: ["a"])
        #expect(try store.readSlugs(forge: forge, thread: "t") == ["a"])
        #expect(FileManager.default.contents(atPath: path) == garbage)
    }

    @Test func textFileInsteadOfADatabaseFallsBack() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/" + StateStore.fileName
        try Data("this is not a database\n".utf8).write(to: URL(fileURLWithPath: path))
        let (store, warning) = try StateStore.open(path: path)
        #expect(store.isInMemory)
        #expect(warning?.contains("cannot open") == true)
    }

    @Test func unwritablePlaceFallsBackWithAWarning() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // A regular file where the state directory should be: no directory can be made below it.
        let blocker = directory.path + "/blocker"
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        let path = blocker + "/anvil/" + StateStore.fileName

        #expect(throws: StoreError.self) { try StateStore(path: path) }
        let (store, warning) = try StateStore.open(path: path)
        #expect(store.isInMemory)
        let message = try #require(warning)
        #expect(message.contains("cannot create the directory"))
        #expect(message.contains(blocker))
    }

    @Test func errorDescriptionsAreOneLine() {
        let error = StoreError.operationFailed(operation: "save draft", path: "/s.sqlite", reason: "disk\nfull")
        #expect(error.description == "state store /s.sqlite: save draft failed: disk full")
        #expect(error.path == "/s.sqlite")
    }
}
