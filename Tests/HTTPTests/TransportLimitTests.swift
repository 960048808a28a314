import Foundation
import TestSupport
import Testing

@testable import ForgeModel
@testable import HTTP

/// The transport's own limits: a total deadline, a body cap, cancellation that frees connections.
@Suite struct TransportLimitTests {
    /// Where a request is asked from: a thread that must not block, whose request waits on a worker
    /// of its own, or a worker, which sends it and waits itself (see `WorkerThreads`).
    static let askers: [(any TaskExecutor)?] = [nil, WorkerExecutor.shared]

    @Test("a server trickling its body fails at the total deadline, not never", arguments: askers)
    func tricklingBodyHitsTheDeadline(asker: (any TaskExecutor)?) async throws {
        let server = try FaultServer { _ in .trickle(status: 200, interval: .milliseconds(300)) }
        defer { server.stop() }
        let started = Date()
        let transport = SocketTransport(timeout: 5, deadline: 1.5)
        let url = server.baseURL.appendingPathComponent("slow")
        let result = await Task(executorPreference: asker) { try await transport.send(HTTPRequest(url: url)) }.result
        #expect(throws: ForgeError.timeout) { try result.get() }
        // Without a deadline it would wait for ever; the margin is for a busy test machine, whose
        // threads the rest of the suite may keep occupied.
        #expect(Date().timeIntervalSince(started) < 40)
    }

    @Test("a body over the cap is refused, whether its length is declared or not")
    func bodyOverTheCapIsRefused() async throws {
        let big = String(repeating: "x", count: 300_000)
        let server = try FaultServer { request in
            request.path == "/declared"
                ? .json(big) : .unsized(status: 200, body: big)
        }
        defer { server.stop() }
        let transport = SocketTransport(timeout: 5, deadline: 20, maximumBodyBytes: 100_000)
        for path in ["declared", "streamed"] {
            do {
                _ = try await transport.send(HTTPRequest(url: server.baseURL.appendingPathComponent(path)))
                Issue.record("\(path): a body over the cap was accepted")
            } catch let error as ForgeError {
                #expect(error.message.contains("larger than"), "\(path): \(error.message)")
            }
        }
        let small = SocketTransport(timeout: 5, deadline: 20, maximumBodyBytes: 400_000)
        let response = try await small.send(HTTPRequest(url: server.baseURL.appendingPathComponent("declared")))
        #expect(response.body.count == 300_000)
    }

    @Test("cancelling requests to a silent server ends them at once and frees the connections", arguments: askers)
    func cancellingFreesConnections(asker: (any TaskExecutor)?) async throws {
        let server = try FaultServer { request in request.path == "/silent" ? .silent : .json("{}") }
        defer { server.stop() }
        let transport = SocketTransport(timeout: 120, deadline: 120)
        let url = server.baseURL.appendingPathComponent("silent")
        let started = Date()
        let tasks = (0..<6).map { _ in
            Task(executorPreference: asker) { try await transport.send(HTTPRequest(url: url)) }
        }
        try await Task.sleep(for: .milliseconds(300))
        for task in tasks { task.cancel() }
        for task in tasks {
            await #expect(throws: ForgeError.offline("request cancelled")) { try await task.value }
        }
        // Uncancelled, they would wait for the 120 s timeout; the margin is for a busy machine.
        #expect(Date().timeIntervalSince(started) < 60)
        let response = try await transport.send(HTTPRequest(url: server.baseURL.appendingPathComponent("fine")))
        #expect(response.status == 200)
        #expect(Date().timeIntervalSince(started) < 70)
    }
}

/// Requests to one forge are paced, whatever asks for them.
@Suite struct PacedTransportTests {
    /// Counts requests and answers at once.
    final class Counter: Transport, @unchecked Sendable {
        private let lock = NSLock()
        private var stamps: [Date] = []
        var times: [Date] { lock.withLock { stamps } }
        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            lock.withLock { stamps.append(Date()) }
            return HTTPResponse(status: 200)
        }
    }

    @Test("a burst goes at once, then requests follow at the set rate")
    func requestsArePaced() async throws {
        let counter = Counter()
        let paced = PacedTransport(counter, requestsPerSecond: 50, burst: 10)
        let url = try #require(URL(string: "http://127.0.0.1/"))
        let started = Date()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<40 { group.addTask { _ = try await paced.send(HTTPRequest(url: url)) } }
            try await group.waitForAll()
        }
        let elapsed = Date().timeIntervalSince(started)
        #expect(counter.times.count == 40)
        // 30 requests beyond the burst at 50 a second: at least 0.6 s.
        #expect(elapsed >= 0.55, "40 requests in \(elapsed) s")
        let first = counter.times.min() ?? started
        let early = counter.times.filter { $0.timeIntervalSince(first) < 0.1 }.count
        #expect(early <= 16, "\(early) requests in the first 0.1 s")
    }

    @Test("by default the 100 pages of a 10,000-post thread go at once, and a runaway loop is slowed after 200")
    func defaultsLeaveALongThreadAlone() async throws {
        let url = try #require(URL(string: "http://127.0.0.1/"))
        func send(_ count: Int, through paced: PacedTransport) async throws -> Double {
            let started = Date()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<count { group.addTask { _ = try await paced.send(HTTPRequest(url: url)) } }
                try await group.waitForAll()
            }
            return Date().timeIntervalSince(started)
        }
        // Counted, not timed: on a busy machine the requests themselves may take a while to run.
        let thread = PacedTransport(Counter())
        _ = try await send(100, through: thread)
        #expect(await thread.waits == 0, "none of the 100 pages waited for the pacer")
        // 260 at once: 60 beyond the 200 the bucket holds, at 50 a second.
        let runaway = PacedTransport(Counter())
        let elapsed = try await send(260, through: runaway)
        #expect(elapsed >= 1.1, "260 requests in \(elapsed) s")
        #expect(await runaway.waits >= 55)
    }
}
