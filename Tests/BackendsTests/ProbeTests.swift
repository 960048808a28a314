import Backends
import DemoForge
import ForgeModel
import Foundation
import HTTP
import Synchronization
import TestSupport
import Testing

/// A transport that answers nothing: whatever uses it must not need the network.
struct NoTransport: Transport {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        throw URLError(.notConnectedToInternet)
    }
}

/// Counts the requests it passes on.
final class CountingTransport: Transport {
    let inner: any Transport
    let count = Mutex(0)

    init(_ inner: any Transport) { self.inner = inner }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        count.withLock { $0 += 1 }
        return try await inner.send(request)
    }
}

@Suite(.serialized) struct ProbeTests {
    private func temporaryDirectory() -> String {
        NSTemporaryDirectory() + "anvil-kinds-\(UUID().uuidString)"
    }

    @Test func probeFindsGitLabOnLoopback() async throws {
        try await offPool {
            let server = DemoServer(forge: GitLabDemoForge())
            try server.start()
            defer { server.stop() }
            let kind = BackendRegistry.probe(
                server.baseURL, base: server.baseURL, transport: SocketTransport(timeout: 5))
            #expect(kind?.name == "gitlab")
        }
    }

    @Test func probeFindsTuleapOnLoopback() async throws {
        try await offPool {
            let server = DemoServer(forge: TuleapDemoForge())
            try server.start()
            defer { server.stop() }
            let kind = BackendRegistry.probe(
                server.baseURL, base: server.baseURL, transport: SocketTransport(timeout: 5))
            #expect(kind?.name == "tuleap")
        }
    }

    @Test func probeFindsAlluraOnLoopback() async throws {
        try await offPool {
            let server = DemoServer(forge: DemoForge())
            try server.start()
            defer { server.stop() }
            let kind = BackendRegistry.probe(
                server.baseURL, base: server.baseURL, transport: SocketTransport(timeout: 5))
            #expect(kind?.name == "allura")
        }
    }

    @Test func aServerOfNoKnownKindFallsBackWithoutBeingRemembered() async throws {
        try await offPool {
            let directory = temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let base = try #require(URL(string: "http://127.0.0.1:9"))
            let memory = KindMemory(directory: directory)
            let kind = try KindFinder(memory: memory, transport: NoTransport()).kind(
                of: base, base: base, configured: nil)
            #expect(kind.name == BackendRegistry.fallback.name)
            #expect(memory.kind(of: base) == nil)
        }
    }

    @Test func probedKindIsRememberedAcrossLaunches() async throws {
        try await offPool {
            let server = DemoServer(forge: GitLabDemoForge())
            try server.start()
            defer { server.stop() }
            let directory = temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let address = try #require(URL(string: server.baseURL.absoluteString + "/acme/tools/anvil-demo"))

            let first = CountingTransport(SocketTransport(timeout: 5))
            let found = try KindFinder(memory: KindMemory(directory: directory), transport: first)
                .kind(of: address, base: server.baseURL, configured: nil)
            #expect(found.name == "gitlab")
            #expect(first.count.withLock { $0 } >= 1)

            let second = CountingTransport(SocketTransport(timeout: 5))
            let again = try KindFinder(memory: KindMemory(directory: directory), transport: second)
                .kind(of: address, base: server.baseURL, configured: nil)
            #expect(again.name == "gitlab")
            #expect(second.count.withLock { $0 } == 0)

            var info = stat()
            #expect(stat(directory, &info) == 0 && info.st_mode & 0o777 == 0o700)
            #expect(stat(directory + "/forge-kinds", &info) == 0 && info.st_mode & 0o777 == 0o600)
        }
    }

    @Test func configuredKindWinsOverShapeAndProbe() async throws {
        try await offPool {
            let address = try #require(URL(string: "https://code.example.org/p/proj/"))
            let kind = try KindFinder(memory: nil, transport: NoTransport())
                .kind(of: address, base: address, configured: "gitlab")
            #expect(kind.name == "gitlab")
            #expect(throws: (any Error).self) {
                _ = try KindFinder(memory: nil, transport: NoTransport()).kind(
                    of: address, base: address, configured: "svn")
            }
        }
    }

    @Test func gitlabForgeTakesItsAuthModes() async throws {
        try await offPool {
            let gitlab = try #require(BackendRegistry.kind(named: "gitlab"))
            let allura = try #require(BackendRegistry.kind(named: "allura"))
            let base = try #require(URL(string: "https://code.example.org"))
            let forge = try gitlab.makeForge(
                ForgeRecipe(baseURL: base, token: "t", auth: "oauth", transport: NoTransport()))
            #expect(forge.baseURL == base)
            #expect(throws: (any Error).self) {
                _ = try allura.makeForge(
                    ForgeRecipe(baseURL: base, token: "t", auth: "oauth", transport: NoTransport()))
            }
        }
    }
}

/// The auth mode the config names reaches the requests of the forge the registry builds.
@Suite struct AuthModeTests {
    private func headers(auth: String?) async throws -> [String: String] {
        let gitlab = try #require(BackendRegistry.kind(named: "gitlab"))
        let recorder = RecordingTransport(StubTransport { _ in HTTPResponse.json("{}", status: 404) })
        let base = try #require(URL(string: "https://code.example.org"))
        let forge = try gitlab.makeForge(
            ForgeRecipe(baseURL: base, token: "secret-value", auth: auth, transport: recorder))
        let reader = try #require(forge.projectReading)
        _ = try? await reader.project(forge.project(named: "acme/tools"))
        return try #require(recorder.requests.first).headers
    }

    @Test func gitlabSendsPrivateTokenByDefault() async throws {
        let sent = try await headers(auth: nil)
        #expect(sent["PRIVATE-TOKEN"] == "secret-value")
        #expect(sent["Authorization"] == nil)
    }

    @Test func gitlabSendsABearerTokenForOAuth() async throws {
        let sent = try await headers(auth: "oauth")
        #expect(sent["Authorization"] == "Bearer secret-value")
        #expect(sent["PRIVATE-TOKEN"] == nil)
    }
}
