import CSystem
import Foundation
import Store
import Synchronization
import Testing

@testable import AnvilApp

/// The launcher opens the state database at start-up, before its first use: what the app reads
/// after it is what the file holds, and a file that cannot be opened still falls back with its
/// warning.
@Suite struct LocalStateAheadTests {
    /// Runs `body` with the path of a state file that holds `readMarks` for thread "t" of forge
    /// "f", in a directory removed afterwards.
    static func withStateFile(readMarks: [String], _ body: (String) throws -> Void) throws {
        let directory = NSTemporaryDirectory() + "anvil-ahead-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/state.sqlite"
        do {
            let (store, _) = try StateStore.open(path: path)
            try store.markRead(forge: "f", thread: "t", slugs: readMarks)
        }
        try body(path)
    }

    @Test("read marks written before are read through an open made ahead of use")
    func anOpenAheadReadsTheFile() throws {
        try Self.withStateFile(readMarks: ["a", "b/c"]) { path in
            let state = LocalState(path: path)
            state.openNow()
            state.openNow()
            #expect(state.readSlugs(forge: "f", thread: "t") == ["a", "b/c"])
            state.markRead(forge: "f", thread: "t", slugs: ["d"])
            #expect(state.readSlugs(forge: "f", thread: "t") == ["a", "b/c", "d"])
            #expect(state.takeFailure() == nil)
        }
    }

    @Test(
        "an open started in the background is waited for by the first use, which reads the file; unless urgent, it gives way",
        arguments: [false, true])
    func aBackgroundOpenReadsTheFile(urgent: Bool) throws {
        try Self.withStateFile(readMarks: ["a"]) { path in
            let state = LocalState(path: path)
            let ranFirst = Mutex(false)
            let idleClass = Mutex(false)
            state.openInBackground(urgent: urgent) {
                ranFirst.withLock { $0 = true }
                idleClass.withLock { $0 = csystem_thread_is_idle_class() != 0 }
            }
            state.openInBackground { Issue.record("a second background open is not started") }
            #expect(state.readSlugs(forge: "f", thread: "t") == ["a"])
            state.markRead(forge: "f", thread: "t", slugs: ["b"])
            #expect(state.readSlugs(forge: "f", thread: "t") == ["a", "b"])
            #expect(state.takeFailure() == nil)
            #expect(!state.hasMemoryOnlyDrafts)
            #expect(ranFirst.withLock { $0 }, "the work asked for first ran on the same thread, before")
            #expect(idleClass.withLock { $0 } == !urgent, "the opening thread gives way to every other, unless urgent")
            #expect(csystem_thread_is_idle_class() == 0, "the calling thread keeps its class")
        }
    }

    @Test(
        "a file that cannot be opened, ahead or in the background, falls back to memory with its warning",
        arguments: [false, true])
    func aFailedOpenFallsBack(inBackground: Bool) {
        let state = LocalState(path: "/dev/null/anvil/state.sqlite")
        if inBackground { state.openInBackground() } else { state.openNow() }
        state.markRead(forge: "f", thread: "t", slugs: ["a"])
        #expect(state.readSlugs(forge: "f", thread: "t") == ["a"], "kept in memory for this run")
        #expect(state.takeFailure()?.contains("/dev/null/anvil/state.sqlite") == true)
    }
}
