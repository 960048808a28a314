import Foundation
import Store
import Testing

@testable import AnvilApp

/// The launcher starts opening the state database on another thread: what the app reads after
/// it is what the file holds, and a file that cannot be opened still falls back with its warning.
@Suite struct LocalStateAheadTests {
    @Test("read marks written before are read through an open started ahead")
    func anOpenAheadReadsTheFile() throws {
        let directory = NSTemporaryDirectory() + "anvil-ahead-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/state.sqlite"
        do {
            let (store, _) = try StateStore.open(path: path)
            try store.markRead(forge: "f", thread: "t", slugs: ["a", "b/c"])
        }
        let state = LocalState(path: path)
        state.openAhead()
        state.openAhead()
        #expect(state.readSlugs(forge: "f", thread: "t") == ["a", "b/c"])
        state.markRead(forge: "f", thread: "t", slugs: ["d"])
        #expect(state.readSlugs(forge: "f", thread: "t") == ["a", "b/c", "d"])
        #expect(state.takeFailure() == nil)
    }

    @Test("a file that cannot be opened ahead falls back to memory with its warning")
    func aFailedOpenAheadFallsBack() {
        let state = LocalState(path: "/dev/null/anvil/state.sqlite")
        state.openAhead()
        state.markRead(forge: "f", thread: "t", slugs: ["a"])
        #expect(state.readSlugs(forge: "f", thread: "t") == ["a"], "kept in memory for this run")
        #expect(state.takeFailure() != nil)
    }

    @Test("an open asked for now reads the file, or falls back to memory with its warning")
    func anOpenNowReadsTheFileOrFallsBack() throws {
        let directory = NSTemporaryDirectory() + "anvil-now-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/state.sqlite"
        do {
            let (store, _) = try StateStore.open(path: path)
            try store.markRead(forge: "f", thread: "t", slugs: ["a"])
        }
        let state = LocalState(path: path)
        state.openNow()
        #expect(FileManager.default.fileExists(atPath: path + "-wal"), "opened at once, before any read")
        #expect(state.readSlugs(forge: "f", thread: "t") == ["a"])
        #expect(state.takeFailure() == nil)
        let failing = LocalState(path: "/dev/null/anvil/state.sqlite")
        failing.openNow()
        #expect(failing.takeFailure() != nil, "the warning is there before any use")
        failing.markRead(forge: "f", thread: "t", slugs: ["b"])
        #expect(failing.readSlugs(forge: "f", thread: "t") == ["b"], "kept in memory for this run")
    }
}
