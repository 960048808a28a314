#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A self-pipe that wakes the UI thread from `poll()`: any thread (or a signal handler, through
/// `writeFileDescriptor`) writes a byte, the UI thread polls `readFileDescriptor` and drains it.
/// Both ends are non-blocking and close-on-exec, so editors and browsers started by Anvil do not
/// inherit them.
public final class WakeSignal: Sendable {
    /// The byte `signal()` writes.
    public static let wakeByte: UInt8 = 0x57  // "W"

    /// The end to poll for reading.
    public let readFileDescriptor: Int32
    /// The end signal handlers write to.
    public let writeFileDescriptor: Int32

    /// Why a pipe could not be made.
    public struct CreationError: Error, Sendable, CustomStringConvertible {
        public let errno: Int32
        public var description: String { "cannot create the wake pipe (errno \(errno))" }
    }

    public init() throws(CreationError) {
        var fds: [Int32] = [-1, -1]
        // pipe2 is hidden behind _GNU_SOURCE in Swift's Glibc; set the flags one by one.
        guard pipe(&fds) == 0 else { throw CreationError(errno: errno) }
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        readFileDescriptor = fds[0]
        writeFileDescriptor = fds[1]
    }

    deinit {
        close(readFileDescriptor)
        close(writeFileDescriptor)
    }

    /// Wakes the reader with `wakeByte`. Safe from any thread; never blocks.
    public func signal() {
        signal(byte: WakeSignal.wakeByte)
    }

    /// Wakes the reader with `byte`. When the pipe is full the reader is awake already and the
    /// byte is dropped.
    public func signal(byte: UInt8) {
        var value = byte
        while write(writeFileDescriptor, &value, 1) < 0, errno == EINTR {}
    }

    /// Reads every byte waiting in the pipe, oldest first; empty when none is waiting.
    public func drain() -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readFileDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes.append(contentsOf: buffer[0..<count])
            } else if count < 0, errno == EINTR {
                continue
            } else {
                break
            }
        }
        return bytes
    }
}
