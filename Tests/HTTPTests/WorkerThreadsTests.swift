import Foundation
import Synchronization
import Testing

@testable import HTTP

#if canImport(Glibc)
    import Glibc
#endif

/// Runs jobs on worker threads, as the app's loads do.
final class WorkerExecutor: TaskExecutor {
    static let shared = WorkerExecutor()
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        WorkerThreads.shared.run { job.runSynchronously(on: executor) }
    }
}

/// Work runs on threads that say they are workers; a thread whose work ended waits for the next
/// and takes it, ends once its idle lifetime is over, and no more than the set number wait.
@Suite struct WorkerThreadsTests {
    /// Runs `work` on `threads` and waits for it; returns its value.
    static func run<T: Sendable>(on threads: WorkerThreads, _ work: @escaping @Sendable () -> T) -> T {
        let result = Mutex<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        threads.run {
            result.withLock { $0 = work() }
            done.signal()
        }
        done.wait()
        return result.withLock { $0 }!
    }

    /// Waits up to `seconds` for `condition`.
    static func eventually(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            usleep(2_000)
        }
        return condition()
    }

    @Test func workRunsOnAWorkerThatTakesTheNextWork() {
        let threads = WorkerThreads(idleLifetime: 30, maximumWaiting: 2)
        #expect(!WorkerThreads.isCurrentThread)
        let first = Self.run(on: threads) { (WorkerThreads.isCurrentThread, pthread_self()) }
        #expect(first.0, "the thread says it is a worker")
        #expect(Self.eventually(10) { threads.waitingCount == 1 }, "its work done, it waits")
        let second = Self.run(on: threads) { pthread_self() }
        #expect(second == first.1, "the waiting thread takes the next work")
    }

    @Test func aPreparedThreadWaitsAndOnlyOne() {
        let threads = WorkerThreads(idleLifetime: 30, maximumWaiting: 4)
        threads.prepare()
        #expect(Self.eventually(10) { threads.waitingCount == 1 })
        threads.prepare()
        #expect(threads.waitingCount == 1, "a thread already waits: no second is made")
        let ran = Self.run(on: threads) { WorkerThreads.isCurrentThread }
        #expect(ran)
    }

    @Test func anIdleThreadEndsAfterItsLifetime() {
        let threads = WorkerThreads(idleLifetime: 0.05, maximumWaiting: 4)
        threads.prepare()
        #expect(Self.eventually(10) { threads.waitingCount == 1 })
        #expect(Self.eventually(10) { threads.waitingCount == 0 }, "no work came: it ended")
        #expect(Self.run(on: threads) { WorkerThreads.isCurrentThread }, "work still finds a thread")
    }

    @Test func noMoreThanTheMaximumWait() {
        let threads = WorkerThreads(idleLifetime: 30, maximumWaiting: 2)
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        for _ in 0..<5 {
            threads.run {
                started.signal()
                release.wait()
            }
        }
        for _ in 0..<5 { started.wait() }
        #expect(threads.waitingCount == 0, "five pieces of work, five threads, all busy")
        for _ in 0..<5 { release.signal() }
        #expect(Self.eventually(10) { threads.waitingCount == 2 })
        usleep(50_000)
        #expect(threads.waitingCount == 2, "the other three ended")
    }

    @Test func brokenPipesDoNotSignalWorkers() {
        let blocked = Self.run(on: WorkerThreads(idleLifetime: 1)) { () -> Bool in
            var signals = sigset_t()
            pthread_sigmask(SIG_BLOCK, nil, &signals)
            return sigismember(&signals, SIGPIPE) == 1
        }
        #expect(blocked, "a write to a closed connection fails with EPIPE instead of ending the process")
    }

    @Test func aRequestOnAWorkerIsSentFromItsOwnThread() async throws {
        let server = try SocketTransportTests.server()
        defer { server.stop() }
        let url = try #require(URL(string: "http://127.0.0.1:\(server.port)/ok"))
        let (before, after, status) = try await Task(executorPreference: WorkerExecutor.shared) {
            let before = pthread_self()
            let status = try await SocketTransport(timeout: 5).send(HTTPRequest(url: url)).status
            return (before, pthread_self(), status)
        }.value
        #expect(status == 200)
        #expect(before == after, "no other thread waited for the answer")
    }
}
