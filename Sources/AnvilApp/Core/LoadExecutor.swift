import Dispatch
import HTTP

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

    /// Runs `job` on the queue's threads; a load resumed by its answer's own request thread goes
    /// on there at once (see `AnswerHandover`), since that thread has nothing else to do.
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        if AnswerHandover.isCurrentThread {
            job.runSynchronously(on: executor)
            return
        }
        queue.async { job.runSynchronously(on: executor) }
    }
}
