#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether the calling thread is a request's own thread handing its answer over as it ends.
///
/// `SocketTransport` waits for each answer on a thread of its own, which ends once the answer is
/// given to the task that asked. An executor told to resume that task may run it on this thread
/// at once, rather than wake another thread for it (a hop of a few tenths of a millisecond on a
/// busy machine) while this one ends idle.
public enum AnswerHandover {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Whether the calling thread is handing an answer over.
    public static var isCurrentThread: Bool { pthread_getspecific(key) != nil }

    /// Marks the calling thread, a request's own, for the rest of its life.
    static func markCurrentThread() {
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: 1))
    }
}
