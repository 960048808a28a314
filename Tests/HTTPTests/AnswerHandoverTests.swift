import Foundation
import HTTP
import Synchronization
import Testing

/// A request's own thread hands its answer over: the executor asked to resume the waiting task
/// is called from that thread, which says so; no other thread does.
@Suite struct AnswerHandoverTests {
    /// Runs jobs on threads of its own, noting whether each came from a request's thread.
    final class NotingExecutor: TaskExecutor {
        let handovers = Mutex<[Bool]>([])
        func enqueue(_ job: consuming ExecutorJob) {
            handovers.withLock { $0.append(AnswerHandover.isCurrentThread) }
            let job = UnownedJob(job)
            let executor = asUnownedTaskExecutor()
            Thread { job.runSynchronously(on: executor) }.start()
        }
    }

    @Test func theRequestThreadHandsItsAnswerOver() async throws {
        let server = try SocketTransportTests.server()
        defer { server.stop() }
        let url = try #require(URL(string: "http://127.0.0.1:\(server.port)/ok"))
        let executor = NotingExecutor()
        let status = try await Task(executorPreference: executor) {
            #expect(!AnswerHandover.isCurrentThread)
            return try await SocketTransport(timeout: 5).send(HTTPRequest(url: url)).status
        }.value
        #expect(status == 200)
        let handovers = executor.handovers.withLock { $0 }
        #expect(handovers.first == false, "the task starts on a thread of the executor's")
        #expect(handovers.dropFirst().contains(true), "the answer resumes it from the request's thread")
        #expect(!AnswerHandover.isCurrentThread)
    }
}
