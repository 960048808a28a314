import Allura
import DemoForge
import ForgeModel
import Foundation
import HTTP
import Synchronization
import Testing

@testable import AnvilApp

/// `anvil sync` cut short starts again where it stopped: the views it finished are read back from
/// the cache, without a request, and only the rest are asked of the forge.
@Suite struct SyncResumeTests {
    /// The demo forge behind a link that drops after `budget` requests.
    final class DroppingLink: Transport {
        let inner: DemoTransport
        let budget = Mutex(Int.max)
        let requests = Mutex(0)
        init(_ inner: DemoTransport) { self.inner = inner }
        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            let allowed = budget.withLock { left -> Bool in
                guard left > 0 else { return false }
                left -= 1
                return true
            }
            guard allowed else { throw ForgeError.offline("the link dropped") }
            requests.withLock { $0 += 1 }
            return try await inner.send(request)
        }
    }

    @Test func aSyncCutShortResumesWhereItStopped() async throws {
        try await onUIThread {
            let directory = NSTemporaryDirectory() + "anvil-sync-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let base = DemoForge.defaultBaseURL
            let store = CacheFirstTests.MemoryStore()
            func session(_ link: DroppingLink) throws -> ForgeSession {
                let cached = CachingTransport(link, store: store, forge: base.absoluteString)
                let forge = try AlluraForge(baseURL: base, token: DemoNames.demoToken, transport: cached)
                return ForgeSession(forge: forge, baseURL: base)
            }
            let route = Route.tool(DemoHarness.mainProject, mount: "wiki")

            // A full sync on its own, to know what it costs.
            let whole = DroppingLink(DemoTransport(forge: DemoForge()))
            let reference = try Sync.run(route, session: session(whole), depth: 1, timeout: 20)
            let fullRequests = whole.requests.withLock { $0 }
            #expect(reference.failed == 0 && reference.views > 5, "\(reference)")

            // The same sync on a fresh cache, with the link dropping part way.
            let fresh = CacheFirstTests.MemoryStore()
            func freshSession(_ link: DroppingLink) throws -> ForgeSession {
                let cached = CachingTransport(link, store: fresh, forge: base.absoluteString)
                return ForgeSession(
                    forge: try AlluraForge(baseURL: base, token: DemoNames.demoToken, transport: cached), baseURL: base)
            }
            let dropping = DroppingLink(DemoTransport(forge: DemoForge()))
            dropping.budget.withLock { $0 = fullRequests / 2 }
            let address = "\(base.absoluteString)p/\(DemoNames.mainProject)/wiki/"
            let journal = SyncJournal(directory: directory, address: address, depth: 1)
            let cut = try Sync.run(route, session: freshSession(dropping), depth: 1, timeout: 20, journal: journal)
            #expect(cut.failed > 0 && cut.fetched > 0, "\(cut)")
            #expect(FileManager.default.fileExists(atPath: journal.path), "the journal stays for the next run")

            // Run again: what was finished comes from the cache; the rest from the forge.
            let back = DroppingLink(DemoTransport(forge: DemoForge()))
            let again = SyncJournal(directory: directory, address: address, depth: 1)
            #expect(again.resumable == cut.fetched)
            let resumed = try Sync.run(route, session: freshSession(back), depth: 1, timeout: 20, journal: again)
            #expect(resumed.failed == 0, "\(resumed)")
            #expect(resumed.resumed == cut.fetched)
            #expect(resumed.views == reference.views)
            #expect(
                back.requests.withLock { $0 } < fullRequests,
                "resuming asked \(back.requests.withLock { $0 }) of the \(fullRequests) requests of a whole sync")
            #expect(!FileManager.default.fileExists(atPath: again.path), "a complete sync clears its journal")
            _ = store
        }
    }

    @Test("the journal keeps what was loaded and what the forge refused, until the sync completes")
    func theJournalOutlivesTheRunUntilItCompletes() throws {
        let directory = NSTemporaryDirectory() + "anvil-journal-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = SyncJournal(directory: directory, address: "https://f/p/x/", depth: 1)
        first.finished("https://f/p/x/wiki/")
        first.refused("https://f/p/x/private/")
        first.finished("https://f/p/x/wiki/")
        let again = SyncJournal(directory: directory, address: "https://f/p/x/", depth: 1)
        #expect(again.resumable == 1)
        #expect(again.isDone("https://f/p/x/wiki/") && !again.wasRefused("https://f/p/x/wiki/"))
        #expect(again.wasRefused("https://f/p/x/private/") && !again.isDone("https://f/p/x/private/"))
        #expect(SyncJournal(directory: directory, address: "https://f/p/x/", depth: 2).resumable == 0, "per depth")
        again.complete()
        #expect(!FileManager.default.fileExists(atPath: again.path))
    }
}
