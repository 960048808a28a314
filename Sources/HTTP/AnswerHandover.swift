#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether the calling thread is a request's own thread handing its answer over.
///
/// A request asked from a thread that must not block (not a worker, see `WorkerThreads`) is waited
/// for on a worker of its own, which has nothing else to do once the answer is given to the task
/// that asked. An executor told to resume that task may run it on this thread at once, rather than
/// wake another thread for it (a hop of a few tenths of a millisecond on a busy machine).
public enum AnswerHandover {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Whether the calling thread is handing an answer over.
    public static var isCurrentThread: Bool { pthread_getspecific(key) != nil }

    /// Runs `handOver` (which gives the answer to the task that asked) with the calling thread
    /// marked as handing over.
    static func handingOver(_ handOver: () -> Void) {
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: 1))
        defer { pthread_setspecific(key, nil) }
        handOver()
    }
}
