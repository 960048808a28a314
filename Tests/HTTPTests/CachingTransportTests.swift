import ForgeModel
import Foundation
import HTTP
import Synchronization
import Testing

/// The caching transport under every backend: keeps reads, revalidates them, answers from what
/// it kept when the forge is out of reach or when asked for the local copy only.
@Suite struct CachingTransportTests {
    /// Answers kept in a dictionary.
    final class MemoryStore: ResponseStoring {
        let kept = Mutex<[String: (HTTPResponse, Date)]>([:])
        func storedResponse(forge: String, url: String) -> (response: HTTPResponse, storedAt: Date)? {
            kept.withLock { $0[forge + url] }.map { ($0.0, $0.1) }
        }
        func keep(_ response: HTTPResponse, forge: String, url: String) {
            kept.withLock { $0[forge + url] = (response, Date()) }
        }
        func confirm(forge: String, url: String) {
            kept.withLock { store in store[forge + url].map { store[forge + url] = ($0.0, Date()) } }
        }
    }

    /// A forge that answers from a script and records what it was sent.
    final class ScriptedForge: Transport {
        let answers = Mutex<[Result<HTTPResponse, ForgeError>]>([])
        let sent = Mutex<[HTTPRequest]>([])
        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            sent.withLock { $0.append(request) }
            let next = answers.withLock { $0.isEmpty ? .failure(ForgeError.offline("down")) : $0.removeFirst() }
            return try next.get()
        }
    }

    static let url = URL(string: "https://forge.example.org/rest/p/x/wiki/Home")!

    @Test func aKeptAnswerIsRevalidatedAndA304CostsNoBody() async throws {
        let (forge, store) = (ScriptedForge(), MemoryStore())
        let transport = CachingTransport(forge, store: store, forge: "f")
        forge.answers.withLock {
            $0 = [
                .success(HTTPResponse(status: 200, headers: ["ETag": "\"v1\""], body: Data("one".utf8))),
                .success(HTTPResponse(status: 304)),
            ]
        }
        let first = try await transport.send(HTTPRequest(url: Self.url))
        let second = try await transport.send(HTTPRequest(url: Self.url))
        #expect(first.body == Data("one".utf8) && second.body == Data("one".utf8) && second.status == 200)
        let sent = forge.sent.withLock { $0 }
        #expect(sent.count == 2)
        #expect(sent[0].header("If-None-Match") == nil && sent[1].header("If-None-Match") == "\"v1\"")
    }

    @Test func anUnreachableForgeIsAnsweredFromTheKeptCopyAndSaysSo() async throws {
        let (forge, store) = (ScriptedForge(), MemoryStore())
        let transport = CachingTransport(forge, store: store, forge: "f")
        forge.answers.withLock { $0 = [.success(HTTPResponse(status: 200, body: Data("one".utf8)))] }
        _ = try await transport.send(HTTPRequest(url: Self.url))
        let report = Fetch.Report()
        let offline = try await Fetch.$report.withValue(report) { try await transport.send(HTTPRequest(url: Self.url)) }
        #expect(offline.body == Data("one".utf8))
        #expect(report.forgeUnreachable && report.oldestLocalCopy != nil)
        // Nothing kept: the failure stands.
        await #expect(throws: ForgeError.offline("down")) {
            try await transport.send(HTTPRequest(url: URL(string: "https://forge.example.org/other")!))
        }
    }

    @Test func localOnlyAndOfflineNeverTouchTheNetwork() async throws {
        let (forge, store) = (ScriptedForge(), MemoryStore())
        store.keep(HTTPResponse(status: 200, body: Data("kept".utf8)), forge: "f", url: Self.url.absoluteString)
        let transport = CachingTransport(forge, store: store, forge: "f")
        let local = try await Fetch.$policy.withValue(.localOnly) {
            try await transport.send(HTTPRequest(url: Self.url))
        }
        #expect(local.body == Data("kept".utf8))
        await #expect(throws: ForgeError.notCached) {
            try await Fetch.$policy.withValue(.localOnly) {
                try await transport.send(HTTPRequest(url: URL(string: "https://forge.example.org/never")!))
            }
        }
        let offline = CachingTransport(forge, store: store, forge: "f", offline: true)
        #expect(try await offline.send(HTTPRequest(url: Self.url)).body == Data("kept".utf8))
        #expect(forge.sent.withLock { $0.isEmpty }, "no request reached the forge")
    }

    @Test func writesPassThroughAndAreNeverKept() async throws {
        let (forge, store) = (ScriptedForge(), MemoryStore())
        let transport = CachingTransport(forge, store: store, forge: "f")
        forge.answers.withLock { $0 = [.success(HTTPResponse(status: 200, body: Data("saved".utf8)))] }
        _ = try await transport.send(HTTPRequest(method: "POST", url: Self.url, body: Data("x".utf8)))
        #expect(store.kept.withLock { $0.isEmpty })
        await #expect(throws: ForgeError.offline("down")) {
            try await transport.send(HTTPRequest(method: "POST", url: Self.url))
        }
    }

    /// A store whose file could not be opened.
    struct BrokenStore: ResponseStoring {
        func storedResponse(forge: String, url: String) -> (response: HTTPResponse, storedAt: Date)? { nil }
        func keep(_ response: HTTPResponse, forge: String, url: String) {}
        func confirm(forge: String, url: String) {}
        var unavailableReason: String? { "cache.sqlite: file is not a database" }
    }

    @Test func offlineWithAStoreThatCannotBeOpenedSaysWhyRatherThanNotCached() async throws {
        let forge = ScriptedForge()
        let offline = CachingTransport(forge, store: BrokenStore(), forge: "f", offline: true)
        await #expect(
            throws: ForgeError.unsupported(
                "--offline needs the cache, and it could not be opened: cache.sqlite: file is not a database")
        ) {
            try await offline.send(HTTPRequest(url: Self.url))
        }
        // Online, a broken store is no store: the forge answers.
        forge.answers.withLock { $0 = [.success(HTTPResponse(status: 200, body: Data("one".utf8)))] }
        let online = CachingTransport(forge, store: BrokenStore(), forge: "f")
        #expect(try await online.send(HTTPRequest(url: Self.url)).body == Data("one".utf8))
        #expect(MemoryStore().unavailableReason == nil, "a store that works has no reason")
    }
}
