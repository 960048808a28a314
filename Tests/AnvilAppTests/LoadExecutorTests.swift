import DemoForge
import Foundation
import HTTP
import Testing

@testable import AnvilApp

#if canImport(Glibc)
    import Glibc
#endif

/// Loads run on worker threads, and a load's request is sent and waited for on the load's own
/// thread: no other thread is woken to wait for the answer, nor another to go on with it.
@Suite struct LoadExecutorTests {
    @Test func aLoadWaitsForItsAnswerOnItsOwnThread() async throws {
        let server = DemoServer(forge: DemoForge(seed: 1))
        try server.start()
        defer { server.stop() }
        let url = server.baseURL.appendingPathComponent("rest/p/anvil-demo/")
        let (worker, before, after, status) = try await Task(executorPreference: LoadExecutor.shared) {
            let worker = WorkerThreads.isCurrentThread
            let before = pthread_self()
            let status = try await SocketTransport(timeout: 5).send(HTTPRequest(url: url)).status
            return (worker, before, pthread_self(), status)
        }.value
        #expect(status == 200)
        #expect(worker, "a load runs on a worker thread")
        #expect(before == after, "and goes on on the thread that waited for its answer")
    }
}
