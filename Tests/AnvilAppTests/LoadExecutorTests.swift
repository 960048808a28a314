import DemoForge
import Foundation
import HTTP
import Testing

@testable import AnvilApp

/// A load resumed by its answer goes on on the request's own thread, which would otherwise end
/// idle while another thread is woken for it; loads started anew run on the queue's threads.
@Suite struct LoadExecutorTests {
    @Test func aLoadGoesOnWhereItsAnswerArrived() async throws {
        let server = DemoServer(forge: DemoForge(seed: 1))
        try server.start()
        defer { server.stop() }
        let url = server.baseURL.appendingPathComponent("rest/p/anvil-demo/")
        let (before, after, status) = try await Task(executorPreference: LoadExecutor.shared) {
            let before = AnswerHandover.isCurrentThread
            let status = try await SocketTransport(timeout: 5).send(HTTPRequest(url: url)).status
            return (before, AnswerHandover.isCurrentThread, status)
        }.value
        #expect(status == 200)
        #expect(!before, "a load starts on the queue's threads")
        #expect(after, "and goes on on the thread its answer came on")
    }
}
