import CSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A self-pipe that wakes the UI thread from `poll()`: a signal handler (through
/// `writeFileDescriptor`) writes a byte, the UI thread polls `readFileDescriptor` and drains it.
/// `signal()` from other threads goes through an eventfd beside the pipe (see
/// `eventFileDescriptor`). Every descriptor is non-blocking and close-on-exec, so editors and
/// browsers started by Anvil do not inherit them.
public final class WakeSignal: Sendable {
    /// The byte `signal()` writes.
    public static let wakeByte: UInt8 = 0x57  // "W"

    /// The end to poll for reading.
    public let readFileDescriptor: Int32
    /// The end signal handlers write to.
    public let writeFileDescriptor: Int32
    /// The eventfd `signal()` counts up; the UI thread polls it with the pipe. A pipe's write
    /// wakes its reader as if the writer were about to sleep, on the writer's core, where it
    /// waits while a load goes on working; an eventfd's wakes it on an idle one.
    public let eventFileDescriptor: Int32

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
        let event = csystem_eventfd()
        guard event >= 0 else {
            let code = errno
            fds.forEach { _ = close($0) }
            throw CreationError(errno: code)
        }
        readFileDescriptor = fds[0]
        writeFileDescriptor = fds[1]
        eventFileDescriptor = event
    }

    deinit {
        close(readFileDescriptor)
        close(writeFileDescriptor)
        close(eventFileDescriptor)
    }

    /// Wakes the reader, who drains `wakeByte`. Safe from any thread; never blocks.
    public func signal() {
        var one: UInt64 = 1
        while write(eventFileDescriptor, &one, 8) < 0, errno == EINTR {}
    }

    /// Wakes the reader with `byte`. When the pipe is full the reader is awake already and the
    /// byte is dropped.
    public func signal(byte: UInt8) {
        var value = byte
        while write(writeFileDescriptor, &value, 1) < 0, errno == EINTR {}
    }

    /// `wakeByte` when `signal()` was called, then every byte waiting in the pipe, oldest first;
    /// empty when nothing is waiting.
    public func drain() -> [UInt8] {
        var bytes: [UInt8] = []
        var count: UInt64 = 0
        while true {
            if read(eventFileDescriptor, &count, 8) == 8 {
                bytes.append(WakeSignal.wakeByte)
            } else if errno == EINTR {
                continue
            }
            break
        }
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
