import ForgeModel
import Foundation
import HTTP
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Errors from starting a `DemoServer`.
public enum DemoServerError: Error, Sendable, Equatable {
    /// A socket call failed; `call` names it, `code` is `errno`.
    case socket(call: String, code: Int32)
    /// `start()` was called twice.
    case alreadyStarted
}

/// A small HTTP/1.1 server that serves a `DemoForge` on 127.0.0.1 over POSIX sockets.
///
/// It supports keep-alive and `Content-Length` bodies, disables Nagle and writes each response in
/// one piece. An accept thread and one thread per connection are its own; `stop()` closes every
/// socket. Its threads never keep the process alive.
public final class DemoServer: Sendable {
    private struct Shared: Sendable {
        var listenFD: Int32 = -1
        var wakeRead: Int32 = -1
        var wakeWrite: Int32 = -1
        var port: UInt16 = 0
        var connections: Set<Int32> = []
        var acceptThreadRunning = false
        var stopping = false
    }

    /// The forge answering requests.
    public let responder: any DemoResponder
    private let requestedPort: UInt16
    private let shared = Mutex(Shared())

    /// A server for `forge` on `port` (0: a free port chosen by the kernel).
    public init(forge: any DemoResponder, port: UInt16 = 0) {
        self.responder = forge
        requestedPort = port
    }

    deinit {
        stop()
    }

    /// The bound port (valid after `start()`).
    public var port: UInt16 { shared.withLock { $0.port } }

    /// `http://127.0.0.1:PORT` (valid after `start()`).
    public var baseURL: URL {
        URL(string: "http://127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/")
    }

    /// Binds 127.0.0.1, listens and starts accepting connections.
    public func start() throws {
        let alreadyRunning = shared.withLock { $0.listenFD >= 0 }
        if alreadyRunning { throw DemoServerError.alreadyStarted }
        let fd = try Self.makeListeningSocket(port: requestedPort)
        var pipeFDs: [Int32] = [-1, -1]
        guard pipe(&pipeFDs) == 0 else {
            close(fd)
            throw DemoServerError.socket(call: "pipe", code: errno)
        }
        let boundPort = Self.localPort(fd)
        shared.withLock {
            $0.listenFD = fd
            $0.wakeRead = pipeFDs[0]
            $0.wakeWrite = pipeFDs[1]
            $0.port = boundPort
            $0.acceptThreadRunning = true
            $0.stopping = false
        }
        let wakeRead = pipeFDs[0]
        Thread.detachNewThread { [self] in acceptLoop(listenFD: fd, wakeFD: wakeRead) }
    }

    /// Stops accepting, shuts every open connection down and closes all sockets. Idempotent.
    public func stop() {
        let (wakeWrite, connections) = shared.withLock { state -> (Int32, Set<Int32>) in
            guard state.listenFD >= 0, !state.stopping else { return (-1, []) }
            state.stopping = true
            return (state.wakeWrite, state.connections)
        }
        guard wakeWrite >= 0 else { return }
        var byte: UInt8 = 1
        #if canImport(Glibc)
            _ = Glibc.write(wakeWrite, &byte, 1)
        #else
            _ = Darwin.write(wakeWrite, &byte, 1)
        #endif
        for fd in connections { shutdown(fd, Int32(SHUT_RDWR)) }
        // Wait (briefly) for the accept thread and the connection threads to finish.
        for _ in 0..<2000 {
            let done = shared.withLock { !$0.acceptThreadRunning && $0.connections.isEmpty }
            if done { break }
            usleep(1000)
        }
        shared.withLock { state in
            for fd in [state.listenFD, state.wakeRead, state.wakeWrite] where fd >= 0 { close(fd) }
            state.listenFD = -1
            state.wakeRead = -1
            state.wakeWrite = -1
        }
    }

    /// Serves `forge` on 127.0.0.1:`port` until the process ends, printing the URL first. JSON
    /// URLs of the forge are switched to the served address.
    public static func runForever(forge: any DemoResponder, port: UInt16) throws -> Never {
        let server = DemoServer(forge: forge, port: port)
        try server.start()
        forge.useBaseURL(server.baseURL)
        FileHandle.standardOutput.write(
            Data("Demo forge serving at \(server.baseURL.absoluteString)\(forge.apiPath)\n".utf8))
        while true { sleep(3600) }
    }

    // MARK: Sockets

    private static func makeListeningSocket(port: UInt16) throws -> Int32 {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw DemoServerError.socket(call: "socket", code: errno) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw DemoServerError.socket(call: "bind", code: code)
        }
        guard listen(fd, 128) == 0 else {
            let code = errno
            close(fd)
            throw DemoServerError.socket(call: "listen", code: code)
        }
        return fd
    }

    private static func localPort(_ fd: Int32) -> UInt16 {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    private func acceptLoop(listenFD: Int32, wakeFD: Int32) {
        defer { shared.withLock { $0.acceptThreadRunning = false } }
        while true {
            var fds = [
                pollfd(fd: listenFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if fds[1].revents != 0 { return }
            guard fds[0].revents & Int16(POLLIN) != 0 else { continue }
            let client = accept(listenFD, nil, nil)
            guard client >= 0 else { continue }
            var one: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let accepted = shared.withLock { state -> Bool in
                guard !state.stopping else { return false }
                state.connections.insert(client)
                return true
            }
            guard accepted else { close(client); return }
            Thread.detachNewThread { [self] in serve(client) }
        }
    }

    private func serve(_ fd: Int32) {
        defer {
            shared.withLock { _ = $0.connections.remove(fd) }
            close(fd)
        }
        var reader = RequestReader(fd: fd)
        while let parsed = reader.next() {
            let response: HTTPResponse
            var keepAlive = parsed.keepAlive
            if let url = URL(string: "http://127.0.0.1:\(port)" + parsed.target) {
                let latency = responder.responseLatency
                if latency > .zero {
                    let seconds = Double(latency.components.seconds) + Double(latency.components.attoseconds) / 1e18
                    Thread.sleep(forTimeInterval: seconds)
                }
                response = responder.respond(
                    to: HTTPRequest(method: parsed.method, url: url, headers: parsed.headers, body: parsed.body))
            } else {
                response = DemoResponses.generic(
                    400, accept: parsed.headers.first { $0.key.lowercased() == "accept" }?.value)
                keepAlive = false
            }
            guard
                Self.writeAll(
                    Self.serialize(response, keepAlive: keepAlive, headOnly: parsed.method == "HEAD"), to: fd),
                keepAlive
            else {
                return
            }
        }
    }

    private static func serialize(_ response: HTTPResponse, keepAlive: Bool, headOnly: Bool) -> [UInt8] {
        var head = "HTTP/1.1 \(response.status) \(DemoResponses.reason(response.status))\r\n"
        for (name, value) in response.headers.sorted(by: { $0.key < $1.key })
        where name != "content-length" && name != "connection" {
            head += "\(canonical(name)): \(value)\r\n"
        }
        head += "Content-Length: \(response.body.count)\r\nConnection: \(keepAlive ? "keep-alive" : "close")\r\n\r\n"
        // Header values go out as ISO-8859-1 when they fit, as the real server sends `Location`.
        var bytes = [UInt8](head.data(using: .isoLatin1) ?? Data(head.utf8))
        if !headOnly { bytes.append(contentsOf: response.body) }
        return bytes
    }

    private static func canonical(_ name: String) -> String {
        name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "-")
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { buffer in
                send(fd, buffer.baseAddress.map { $0 + offset }, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0, errno == EINTR { continue }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }
}

/// One parsed HTTP/1.1 request.
struct ParsedRequest {
    var method: String
    var target: String
    var headers: [String: String]
    var body: Data?
    var keepAlive: Bool
}

/// Reads requests from a connection: request line, headers and a `Content-Length` body.
struct RequestReader {
    let fd: Int32
    private var buffer: [UInt8] = []
    private static let maxHeader = 64 * 1024
    private static let maxBody = 16 * 1024 * 1024

    init(fd: Int32) {
        self.fd = fd
    }

    /// The next request, or nil at end of stream or on a malformed request.
    mutating func next() -> ParsedRequest? {
        var headerEnd: Int?
        while true {
            if let end = Self.find(buffer) { headerEnd = end; break }
            guard buffer.count < Self.maxHeader, fill() else { return nil }
        }
        guard let end = headerEnd,
            let head = String(bytes: buffer[0..<end], encoding: .utf8)
                ?? String(bytes: buffer[0..<end], encoding: .isoLatin1)
        else {
            return nil
        }
        buffer.removeFirst(end + 4)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count == 3 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[String(line[..<colon])] = line[line.index(after: colon)...].trimmedOfSpaces
        }
        func header(_ name: String) -> String? { headers.first { $0.key.lowercased() == name }?.value }
        let length = Int(header("content-length") ?? "0") ?? 0
        guard length >= 0, length <= Self.maxBody else { return nil }
        while buffer.count < length {
            guard fill() else { return nil }
        }
        let body = length > 0 ? Data(buffer[0..<length]) : nil
        buffer.removeFirst(length)
        let version = String(requestLine[2])
        let connection = header("connection")?.lowercased()
        let keepAlive = version == "HTTP/1.1" ? connection != "close" : connection == "keep-alive"
        return ParsedRequest(
            method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: body,
            keepAlive: keepAlive)
    }

    private mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[0..<count])
            return true
        }
    }

    private static func find(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }
}
