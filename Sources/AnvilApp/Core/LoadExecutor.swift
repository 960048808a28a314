import Dispatch

/// Where the app's loads run: threads of their own rather than Swift's shared cooperative pool
/// (as wide as the machine has cores), so that no other work in the process, such as a test
/// runner's many tests, can keep a view's answer waiting.
final class LoadExecutor: TaskExecutor {
    static let shared = LoadExecutor()

    private let queue = DispatchQueue(label: "anvil.loads", qos: .userInitiated, attributes: .concurrent)

    /// Has the queue's first thread made now, so that the first load does not wait for it.
    func warmUp() {
        queue.async {}
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
