import HTTP

/// Where the app's loads run: worker threads (see `WorkerThreads`) rather than Swift's shared
/// cooperative pool (as wide as the machine has cores), so that no other work in the process, such
/// as a test runner's many tests, can keep a view's answer waiting. A load's requests are sent and
/// waited for on the load's own thread.
final class LoadExecutor: TaskExecutor {
    static let shared = LoadExecutor()

    /// Has a worker thread wait now, so that the first load does not wait for one to be made.
    func warmUp() {
        WorkerThreads.shared.prepare()
    }

    /// Runs `job` on a worker thread.
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        WorkerThreads.shared.run { job.runSynchronously(on: executor) }
    }
}
