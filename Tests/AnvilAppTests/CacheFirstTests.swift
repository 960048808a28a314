import Allura
import DemoForge
import ForgeModel
import Foundation
import GitLab
import HTTP
import Synchronization
import TerminalUI
import TestSupport
import Testing

@testable import AnvilApp

/// A view seen before shows its cached copy in the first frame, then the forge's answer; with the
/// forge out of reach the cached copy stays, and the title line says how old it is.
@Suite struct CacheFirstTests {
    final class MemoryStore: ResponseStoring {
        let kept = Mutex<[String: (HTTPResponse, Date)]>([:])
        func storedResponse(forge: String, url: String) -> (response: HTTPResponse, storedAt: Date)? {
            kept.withLock { $0[url] }.map { ($0.0, $0.1) }
        }
        func keep(_ response: HTTPResponse, forge: String, url: String) {
            kept.withLock { $0[url] = (response, Date().addingTimeInterval(-3 * 3600)) }
        }
        func confirm(forge: String, url: String) {}
    }

    final class Switches: Sendable {
        let text = Mutex("First version of the page.")
        let up = Mutex(true)
        let requests = Mutex(0)
        /// While held, the page's request waits: the test sees what shows before the answer.
        let held = Mutex(false)
        let gate = DispatchSemaphore(value: 0)
    }

    static func page(_ text: String) throws -> String {
        var page = try #require(
            try JSONSerialization.jsonObject(with: Fixtures.allura("wiki-page.json")) as? [String: Any])
        page["title"] = "Home"
        page["text"] = text
        return String(decoding: try JSONSerialization.data(withJSONObject: page), as: UTF8.self)
    }

    @Test func revisitsShowTheCachedCopyFirstThenTheForgesAnswer() async throws {
        try await onUIThread {
            let base = Box<URL>()
            let switches = Switches()
            let server = try FaultServer { request in
                switches.requests.withLock { $0 += 1 }
                guard switches.up.withLock({ $0 }) else { return .reset }
                switch request.path {
                case FakeAllura.projectPath: return base.value.map(FakeAllura.project) ?? .reset
                case "/rest/p/test/wiki/Home/":
                    if switches.held.withLock({ $0 }) { _ = switches.gate.wait(timeout: .now() + 30) }
                    return .json((try? Self.page(switches.text.withLock { $0 })) ?? "{}")
                default: return FakeAllura.errorPage(404, reason: "No")
                }
            }
            base.value = server.baseURL
            defer { server.stop() }
            let store = MemoryStore()
            let transport = CachingTransport(
                SocketTransport(timeout: 5, deadline: 5), store: store, forge: server.baseURL.absoluteString)
            let forge = try AlluraForge(baseURL: server.baseURL, token: nil, transport: transport)
            let session = ForgeSession(forge: forge, baseURL: server.baseURL)
            let route = Route.wikiPage(ProjectPath(neighborhood: "p", name: "test"), mount: "wiki", title: "Home")
            var options = AppOptions()
            options.cacheFirst = true
            options.now = { Date() }

            // First visit: nothing cached, the forge answers.
            let first = App(device: HeadlessTerminal(width: 100, height: 20), mailbox: Mailbox(), options: options)
            first.open(route, session: session)
            #expect(first.settle(seconds: 30))
            #expect(first.render().text.contains("First version"))
            #expect(first.top?.localCopy == nil)

            // The page changed on the forge. A revisit shows the cached copy before any answer.
            switches.text.withLock { $0 = "Second version of the page." }
            let requestsBefore = switches.requests.withLock { $0 }
            switches.held.withLock { $0 = true }
            let again = App(device: HeadlessTerminal(width: 100, height: 20), mailbox: Mailbox(), options: options)
            again.open(route, session: session)
            let deadline = Date().addingTimeInterval(30)
            while again.top?.localCopy == nil, deadline.timeIntervalSinceNow > 0 {
                _ = again.mailbox.waitForPost(seconds: 1)
                again.deliverMail()
            }
            let cachedScreen = again.render().text
            #expect(cachedScreen.contains("First version"), "\(cachedScreen)")
            #expect(
                cachedScreen.split(separator: "\n").first?.contains("cached 3 hours ago") == true, "\(cachedScreen)")
            switches.held.withLock { $0 = false }
            switches.gate.signal()
            #expect(again.settle(seconds: 30))
            let fresh = again.render().text
            #expect(fresh.contains("Second version") && !fresh.contains("cached"), "\(fresh)")
            #expect(switches.requests.withLock { $0 } > requestsBefore)

            // The forge is down: the cached copy stays on screen, marked offline.
            switches.up.withLock { $0 = false }
            let down = App(device: HeadlessTerminal(width: 100, height: 20), mailbox: Mailbox(), options: options)
            down.open(route, session: session)
            #expect(down.settle(seconds: 30))
            let offline = down.render().text
            #expect(offline.contains("Second version"), "\(offline)")
            #expect(offline.split(separator: "\n").first?.contains("offline · cached") == true, "\(offline)")

            // The forge comes back: the next answer replaces the copy, and the status line says so.
            switches.up.withLock { $0 = true }
            down.perform(.reload)
            #expect(down.settle(seconds: 30))
            let back = down.render().text
            #expect(!back.split(separator: "\n")[0].contains("cached"), "\(back)")
            #expect(down.message?.text.contains("Back online") == true, "\(down.message?.text ?? "")")
        }
    }

    @Test(arguments: ["thread", "tickets", "gitlab issue"])
    func aRevisitShowsEveryItemOnceNotTwice(view: String) async throws {
        try await onUIThread {
            let store = MemoryStore()
            var options = AppOptions()
            options.cacheFirst = true
            let demo = DemoForge()
            let gitlab = GitLabDemoForge()
            func harness() throws -> DemoHarness {
                if view == "gitlab issue" {
                    let base = GitLabDemoForge.defaultBaseURL
                    let transport = CachingTransport(DemoTransport(forge: gitlab), store: store, forge: "g")
                    let forge = try GitLabForge(
                        baseURL: base, token: GitLabDemoNames.demoToken, transport: transport, displayName: "gitlab")
                    return try DemoHarness(
                        width: 100, height: 30, options: options, session: ForgeSession(forge: forge, baseURL: base))
                }
                let base = DemoForge.defaultBaseURL
                let transport = CachingTransport(DemoTransport(forge: demo), store: store, forge: "a")
                let forge = try AlluraForge(
                    baseURL: base, token: DemoNames.demoToken, transport: transport, displayName: "demo")
                return try DemoHarness(
                    width: 100, height: 30, forge: demo, options: options,
                    session: ForgeSession(forge: forge, baseURL: base))
            }
            let address: String
            switch view {
            case "thread":
                address = "p/\(DemoNames.mainProject)/discussion/\(DemoNames.bigForum)/thread/\(DemoNames.bigThreadID)/"
            case "tickets": address = "p/\(DemoNames.mainProject)/\(DemoNames.mainTracker)/"
            default: address = GitLabDemoForge.defaultBaseURL.absoluteString + "/acme/tools/anvil-demo/-/issues/7"
            }
            let first = try harness()
            try first.open(address)
            let seen = first.allRows
            let again = try harness()
            try again.open(address)
            #expect(again.app.top?.localCopy == nil, "the forge's answer replaced the cached copy")
            #expect(again.allRows == seen, "the same rows once, not the cached ones and the fresh ones")
        }
    }

    /// Offline (`--offline` sets `cacheOnly`), a view reads its kept copy once: showing the cached
    /// copy first and then asking "the forge" would read, decode and render it twice.
    @Test(arguments: [true, false])
    func offlineAViewReadsItsKeptCopyOnce(cacheOnly: Bool) async throws {
        try await onUIThread {
            final class CountingStore: ResponseStoring {
                let inner = MemoryStore()
                let reads = Mutex(0)
                func storedResponse(forge: String, url: String) -> (response: HTTPResponse, storedAt: Date)? {
                    if url.hasSuffix("/wiki/Home/") { reads.withLock { $0 += 1 } }
                    return inner.storedResponse(forge: forge, url: url)
                }
                func keep(_ response: HTTPResponse, forge: String, url: String) {
                    inner.keep(response, forge: forge, url: url)
                }
                func confirm(forge: String, url: String) {}
            }
            let base = Box<URL>()
            let server = try FaultServer { request in
                switch request.path {
                case FakeAllura.projectPath: return base.value.map(FakeAllura.project) ?? .reset
                case "/rest/p/test/wiki/Home/": return .json((try? Self.page("Kept for reading offline.")) ?? "{}")
                default: return FakeAllura.errorPage(404, reason: "No")
                }
            }
            base.value = server.baseURL
            let store = CountingStore()
            let route = Route.wikiPage(ProjectPath(neighborhood: "p", name: "test"), mount: "wiki", title: "Home")
            var options = AppOptions()
            options.cacheFirst = true
            options.now = { Date() }
            func app(offline: Bool) throws -> App {
                let transport = CachingTransport(
                    SocketTransport(timeout: 1, deadline: 1), store: store, forge: server.baseURL.absoluteString,
                    offline: offline)
                let forge = try AlluraForge(baseURL: server.baseURL, token: nil, transport: transport)
                var appOptions = options
                appOptions.cacheOnly = offline && cacheOnly
                let app = App(device: HeadlessTerminal(width: 100, height: 20), mailbox: Mailbox(), options: appOptions)
                app.open(route, session: ForgeSession(forge: forge, baseURL: server.baseURL))
                return app
            }
            let online = try app(offline: false)
            #expect(online.settle(seconds: 30))
            #expect(online.render().text.contains("Kept for reading offline."))
            server.stop()

            store.reads.withLock { $0 = 0 }
            let offline = try app(offline: true)
            #expect(offline.settle(seconds: 30))
            #expect(offline.render().text.contains("Kept for reading offline."))
            #expect(offline.top?.localCopy?.isOffline == true, "the title says offline")
            #expect(store.reads.withLock { $0 } == (cacheOnly ? 1 : 2))
        }
    }
}
