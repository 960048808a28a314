import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Threads for work that may block: the app's loads, and the requests `SocketTransport` waits on.
/// Each piece of work has a thread to itself while it runs; a thread whose work ended waits a
/// while for the next rather than ending, so that work seldom waits for a thread to be made (a
/// tenth to half a millisecond on a busy machine of two processors, on the way to every first
/// screen).
///
/// A request made on one of these threads is sent and waited for right there (see
/// `isCurrentThread`): a load and its request take one thread, not two that hand over to each
/// other, each hand-over a wake-up of a few tenths of a millisecond on a busy machine.
public final class WorkerThreads: Sendable {
    /// The threads the app's loads and every `SocketTransport` use.
    public static let shared = WorkerThreads()

    /// Whether the calling thread is one of these, which may block on the network.
    public static var isCurrentThread: Bool { pthread_getspecific(workerKey) != nil }

    private static let workerKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Seconds a thread with nothing to do waits for work before it ends.
    let idleLifetime: Double
    /// At most this many threads wait; one more whose work ends, ends.
    let maximumWaiting: Int
    private let waiting = Mutex<[Waiter]>([])

    init(idleLifetime: Double = 15, maximumWaiting: Int = 4) {
        self.idleLifetime = idleLifetime
        self.maximumWaiting = maximumWaiting
    }

    /// Runs `work` on a waiting thread, or on a new one when none waits.
    public func run(_ work: @escaping @Sendable () -> Void) {
        if let waiter = waiting.withLock({ $0.popLast() }) {
            waiter.hand(work)
        } else {
            start(first: work)
        }
    }

    /// Makes a thread that waits for work, unless one already waits: at start-up, so that the
    /// first load finds it there.
    public func prepare() {
        guard waiting.withLock({ $0.isEmpty }) else { return }
        start(first: nil)
    }

    /// How many threads wait for work now.
    var waitingCount: Int { waiting.withLock { $0.count } }

    private func start(first: (@Sendable () -> Void)?) {
        let thread = Thread { [self] in
            pthread_setspecific(Self.workerKey, UnsafeRawPointer(bitPattern: 1))
            Self.blockBrokenPipeSignals()
            var next = first
            while true {
                if let work = next { work() }
                guard let more = waitForWork() else { return }
                next = more
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// A write to a connection the server closed raises SIGPIPE, whose default ends the process;
    /// TLS writes cannot ask the kernel not to (as plain ones do), so these threads block it: the
    /// write fails with EPIPE instead.
    private static func blockBrokenPipeSignals() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
    }

    /// Waits for the next work, or returns nil when none comes within the lifetime (or
    /// enough threads wait already).
    private func waitForWork() -> (@Sendable () -> Void)? {
        let waiter = Waiter()
        let joined = waiting.withLock { list in
            guard list.count < maximumWaiting else { return false }
            list.append(waiter)
            return true
        }
        guard joined else { return nil }
        if waiter.signal.wait(timeout: .now() + idleLifetime) == .success { return waiter.take() }
        let left = waiting.withLock { list in
            guard let index = list.firstIndex(where: { $0 === waiter }) else { return false }
            list.remove(at: index)
            return true
        }
        if left { return nil }
        // Work took this thread as the wait ended: it is on the way.
        waiter.signal.wait()
        return waiter.take()
    }
}

/// One waiting thread's place: the work handed to it and the signal that it is there.
private final class Waiter: Sendable {
    let signal = DispatchSemaphore(value: 0)
    private let work = Mutex<(@Sendable () -> Void)?>(nil)

    func hand(_ work: @escaping @Sendable () -> Void) {
        self.work.withLock { $0 = work }
        signal.signal()
    }

    func take() -> (@Sendable () -> Void)? {
        work.withLock { $0.take() }
    }
}
