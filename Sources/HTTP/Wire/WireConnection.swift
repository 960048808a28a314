import CWire
import ForgeModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// When an exchange must give up: `idle` seconds without progress, or at `end` whatever happens.
struct WireClock {
    let idle: Double
    let end: UInt64

    init(idle: Double, total: Double) {
        self.idle = idle
        end = DispatchTime.now().uptimeNanoseconds + UInt64(max(total, 0) * 1e9)
    }

    /// Milliseconds `poll` may wait now; throws `.timeout` when the time is up.
    func pollMilliseconds() throws -> Int32 {
        let now = DispatchTime.now().uptimeNanoseconds
        guard now < end else { throw ForgeError.timeout }
        let left = Double(end - now) / 1e6
        return Int32(max(1, min(idle * 1000, left).rounded(.up)))
    }
}

/// One connection to a server: a non-blocking TCP socket, with TLS over it for https. Every wait
/// is a `poll` bounded by the exchange's clock; `interrupt()` (from any thread) ends it at once.
final class WireConnection: ByteSource, @unchecked Sendable {
    let descriptor: Int32
    private var tls: OpaquePointer?
    private let lock = NSLock()
    private var interrupted = false
    private var closed = false
    /// The clock of the exchange using the connection.
    var clock = WireClock(idle: 20, total: 60)
    private var readBuffer = [UInt8](repeating: 0, count: 64 << 10)

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close() }

    /// Connects to `host`:`port`, trying each address the name resolves to.
    static func connect(host: String, port: Int, clock: WireClock) throws -> WireConnection {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        // An address needs no lookup (nor the netlink query AI_ADDRCONFIG makes).
        var probe = in6_addr()
        let numeric = inet_pton(AF_INET, host, &probe) == 1 || inet_pton(AF_INET6, host, &probe) == 1
        hints.ai_flags = AI_NUMERICSERV | (numeric ? AI_NUMERICHOST : AI_ADDRCONFIG)
        var list: UnsafeMutablePointer<addrinfo>?
        let lookup = getaddrinfo(host, String(port), &hints, &list)
        guard lookup == 0, let first = list else {
            throw ForgeError.offline(lookup == EAI_SYSTEM ? "host lookup failed" : "host not found")
        }
        defer { freeaddrinfo(first) }
        var lastError: Int32 = ECONNREFUSED
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            #if canImport(Glibc)
                let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
            #else
                let type = SOCK_STREAM
            #endif
            let descriptor = socket(address.pointee.ai_family, type, 0)
            guard descriptor >= 0 else {
                lastError = errno
                continue
            }
            let connection = WireConnection(descriptor: descriptor)
            connection.clock = clock
            var on: Int32 = 1
            setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
            if Glibc.connect(descriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 {
                return connection
            }
            guard errno == EINPROGRESS else {
                lastError = errno
                continue
            }
            do {
                try connection.wait(for: Int16(POLLOUT))
            } catch ForgeError.timeout where entry != nil {
                lastError = ETIMEDOUT
                continue
            }
            var failure: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &failure, &length)
            if failure == 0 { return connection }
            lastError = failure
        }
        throw Self.error(connecting: lastError)
    }

    private static func error(connecting code: Int32) -> ForgeError {
        switch code {
        case ECONNREFUSED: return .offline("connection refused")
        case ENETUNREACH, ENETDOWN: return .offline("not connected to the network")
        case EHOSTUNREACH: return .offline("host unreachable")
        case ETIMEDOUT: return .timeout
        default: return .offline("cannot connect (\(String(cString: strerror(code))))")
        }
    }

    /// Starts TLS to `host`, verifying its certificate against the system's trusted ones.
    func startTLS(host: String) throws {
        guard let tls = anvil_tls_open(descriptor, host) else {
            throw ForgeError.tls("the secure connection could not be set up")
        }
        self.tls = tls
        while true {
            switch anvil_tls_handshake(tls) {
            case Int32(ANVIL_TLS_OK): return
            case Int32(ANVIL_TLS_WANT_READ): try wait(for: Int16(POLLIN))
            case Int32(ANVIL_TLS_WANT_WRITE): try wait(for: Int16(POLLOUT))
            default:
                try checkInterrupted()
                switch anvil_tls_verification(tls) {
                case Int32(ANVIL_TLS_EXPIRED), Int32(ANVIL_TLS_NOT_YET_VALID):
                    throw ForgeError.tls("the server certificate is expired or not yet valid")
                case Int32(ANVIL_TLS_UNTRUSTED): throw ForgeError.tls("the server certificate is not trusted")
                case Int32(ANVIL_TLS_WRONG_HOST):
                    throw ForgeError.tls("the server certificate is for another host")
                default: throw ForgeError.tls("the secure connection could not be established")
                }
            }
        }
    }

    /// What one read or write call did.
    private enum Transfer {
        /// This many bytes moved; 0 on a read is the end of the stream.
        case moved(Int)
        /// Nothing yet: wait until the socket is readable, or writable (TLS may need either way).
        case waitToRead, waitToWrite
        case failed
    }

    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let outcome: Transfer = bytes.withUnsafeBytes { raw in
                let pointer = raw.baseAddress! + sent
                let size = bytes.count - sent
                if let tls {
                    var status: Int32 = 0
                    let written = anvil_tls_write(tls, pointer, size, &status)
                    return written > 0 ? .moved(written) : Self.transfer(tlsStatus: status)
                }
                let written = send(descriptor, pointer, size, Int32(MSG_NOSIGNAL))
                if written >= 0 { return .moved(written) }
                return errno == EAGAIN || errno == EWOULDBLOCK ? .waitToWrite : .failed
            }
            switch outcome {
            case .moved(let count) where count > 0: sent += count
            case .moved: throw ForgeError.offline("connection lost")  // closed by the server mid-write
            default: try waitAsked(by: outcome)
            }
        }
    }

    func readSome() throws -> ArraySlice<UInt8> {
        while true {
            let outcome: Transfer = readBuffer.withUnsafeMutableBytes { raw in
                if let tls {
                    var status: Int32 = 0
                    let read = anvil_tls_read(tls, raw.baseAddress, raw.count, &status)
                    return read > 0 || status == ANVIL_TLS_CLOSED ? .moved(read) : Self.transfer(tlsStatus: status)
                }
                let read = recv(descriptor, raw.baseAddress, raw.count, 0)
                if read >= 0 { return .moved(read) }
                return errno == EAGAIN || errno == EWOULDBLOCK ? .waitToRead : .failed
            }
            if case .moved(let count) = outcome { return readBuffer[0..<count] }
            try waitAsked(by: outcome)
        }
    }

    private static func transfer(tlsStatus: Int32) -> Transfer {
        switch tlsStatus {
        case Int32(ANVIL_TLS_WANT_READ): .waitToRead
        case Int32(ANVIL_TLS_WANT_WRITE): .waitToWrite
        case Int32(ANVIL_TLS_CLOSED): .moved(0)
        default: .failed
        }
    }

    /// Waits as `outcome` asks, or throws when the connection failed or was interrupted.
    private func waitAsked(by outcome: Transfer) throws {
        try checkInterrupted()
        switch outcome {
        case .waitToRead: try wait(for: Int16(POLLIN))
        case .waitToWrite: try wait(for: Int16(POLLOUT))
        case .moved: return
        case .failed: throw ForgeError.offline("connection lost")
        }
    }

    /// Whether an idle connection can no longer be used: the server closed it or sent something
    /// unasked.
    var isStale: Bool {
        if let tls, anvil_tls_pending(tls) != 0 { return true }
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) != 0
    }

    /// Waits until the socket is ready for `events`, within the clock.
    private func wait(for events: Int16) throws {
        while true {
            try checkInterrupted()
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let milliseconds = try clock.pollMilliseconds()
            let ready = poll(&entry, 1, milliseconds)
            if ready > 0 { return }
            if ready < 0, errno == EINTR { continue }
            if ready < 0 { throw ForgeError.offline("connection lost") }
            if DispatchTime.now().uptimeNanoseconds >= clock.end || Double(milliseconds) >= clock.idle * 1000 {
                throw ForgeError.timeout
            }
        }
    }

    private func checkInterrupted() throws {
        if lock.withLock({ interrupted }) { throw ForgeError.offline("request cancelled") }
    }

    /// Ends every wait on the connection now (from another thread): it cannot be used again.
    func interrupt() {
        lock.withLock {
            guard !closed else { return }
            interrupted = true
            shutdown(descriptor, Int32(SHUT_RDWR))
        }
    }

    func close() {
        lock.withLock {
            guard !closed else { return }
            closed = true
            anvil_tls_close(tls)
            tls = nil
            Glibc.close(descriptor)
        }
    }
}
