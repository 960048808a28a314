import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A fake forge on 127.0.0.1 and a free port that misbehaves on purpose: each request gets the
/// `Fault` a test chooses for it (by method and path), from an honest JSON answer to a reset, a
/// trickle or silence. It stops when `stop()` is called, when it goes away, or after `lifetime`.
public final class FaultServer: @unchecked Sendable {
    /// One request as received.
    public struct Request: Sendable {
        public let method: String
        /// Path and query, as sent (`/rest/p/proj/bugs/?page=0`).
        public let target: String
        public let head: String
        public let body: String

        /// The path without the query.
        public var path: String { String(target.prefix { $0 != "?" }) }

        /// The value of query parameter `name`, undecoded.
        public func query(_ name: String) -> String? {
            guard let mark = target.firstIndex(of: "?") else { return nil }
            for pair in target[target.index(after: mark)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.first.map(String.init) == name { return parts.count > 1 ? String(parts[1]) : "" }
            }
            return nil
        }
    }

    /// What the server does with a request.
    public enum Fault: Sendable {
        /// A complete answer.
        case answer(status: Int, contentType: String, body: String, headers: [String: String] = [:])
        /// Headers promising the whole body, then only its first `bytes` bytes, then close.
        case truncated(status: Int, body: String, bytes: Int)
        /// A body without `Content-Length`, ended by closing the connection.
        case unsized(status: Int, body: String)
        /// The body one byte every `interval`, forever or until the client leaves.
        case trickle(status: Int, interval: Duration)
        /// Read the request, then reset the connection (RST) without a word.
        case reset
        /// Read the request and keep the connection open without answering.
        case silent
        /// Close the connection (FIN) without answering: for a write, the route has already
        /// stored it, so the request had its effect but its answer was lost.
        case lost
        /// These bytes exactly (a whole response, head included), and the connection stays open.
        case raw([UInt8])

        /// A JSON answer.
        public static func json(_ body: String, status: Int = 200) -> Fault {
            .answer(status: status, contentType: "application/json", body: body)
        }

        /// An HTML answer (Allura's error pages are HTML).
        public static func html(_ body: String, status: Int) -> Fault {
            .answer(status: status, contentType: "text/html; charset=utf-8", body: body)
        }

        /// A redirect to `location`, as sent (it may be hostile).
        public static func redirect(_ location: String, status: Int = 302) -> Fault {
            .answer(status: status, contentType: "text/html", body: "", headers: ["Location": location])
        }
    }

    public let port: UInt16
    private let listener: Int32
    private let route: @Sendable (Request) -> Fault
    private let lock = NSLock()
    private var stopped = false
    private var clients: [Int32] = []
    private var received: [Request] = []

    /// - Parameters:
    ///   - lifetime: the server stops itself after this long, whatever the test does.
    ///   - route: the fault for each request.
    public init(lifetime: Duration = .seconds(120), route: @escaping @Sendable (Request) -> Fault) throws {
        self.route = route
        listener = try LoopbackSocket.listener()
        port = try LoopbackSocket.port(of: listener)
        Thread.detachNewThread { [self] in acceptLoop() }
        let seconds = Double(lifetime.components.seconds)
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [weak self] in self?.stop() }
    }

    deinit { stop() }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: URL {
        URL(string: "http://127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/")
    }

    /// How many connections were accepted so far.
    public var connections: Int { lock.withLock { acceptedCount } }
    private var acceptedCount = 0

    /// Every request received so far, in order of arrival.
    public var requests: [Request] { lock.withLock { received } }

    public func stop() {
        let open: [Int32] = lock.withLock {
            guard !stopped else { return [] }
            stopped = true
            defer { clients = [] }
            return clients
        }
        for fd in open {
            shutdown(fd, Int32(SHUT_RDWR))
            close(fd)
        }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func acceptLoop() {
        defer { close(listener) }
        while !isStopped {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            var one: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            lock.withLock {
                clients.append(client)
                acceptedCount += 1
            }
            Thread.detachNewThread { [self] in serve(client) }
        }
    }

    /// Answers requests on one connection until it closes (keep-alive).
    private func serve(_ client: Int32) {
        var pending = [UInt8]()
        while !isStopped {
            guard let request = readRequest(client, buffer: &pending) else { return finish(client) }
            lock.withLock { received.append(request) }
            switch route(request) {
            case .answer(let status, let contentType, let body, let headers):
                var all = headers
                all["Content-Type"] = contentType
                guard send(client, Self.head(status: status, length: body.utf8.count, headers: all) + body) else {
                    return finish(client)
                }
            case .truncated(let status, let body, let bytes):
                let head = Self.head(
                    status: status, length: body.utf8.count, headers: ["Content-Type": "application/json"])
                _ = send(client, head + String(decoding: Array(body.utf8).prefix(bytes), as: UTF8.self))
                return finish(client)
            case .unsized(let status, let body):
                let head = "HTTP/1.1 \(status) OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
                _ = send(client, head + body)
                return finish(client)
            case .trickle(let status, let interval):
                let head = Self.head(status: status, length: 1_000_000, headers: ["Content-Type": "application/json"])
                guard send(client, head) else { return finish(client) }
                while !isStopped, send(client, " ") { Thread.sleep(forTimeInterval: interval.seconds) }
                return finish(client)
            case .raw(let bytes):
                guard send(client, bytes) else { return finish(client) }
            case .lost:
                shutdown(client, Int32(SHUT_RDWR))
                return finish(client)
            case .reset:
                var linger = linger(l_onoff: 1, l_linger: 0)
                setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
                return finish(client)
            case .silent:
                while !isStopped { Thread.sleep(forTimeInterval: 0.05) }
                return finish(client)
            }
        }
        finish(client)
    }

    private func finish(_ client: Int32) {
        let open: Bool = lock.withLock {
            guard let index = clients.firstIndex(of: client) else { return false }
            clients.remove(at: index)
            return true
        }
        if open { close(client) }
    }

    private func send(_ client: Int32, _ text: String) -> Bool { send(client, Array(text.utf8)) }

    private func send(_ client: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes {
                Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if count <= 0 { return false }
            sent += count
        }
        return true
    }

    /// The next request on the connection (head and a `Content-Length` body), nil at its end.
    private func readRequest(_ client: Int32, buffer: inout [UInt8]) -> Request? {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        func more() -> Bool {
            let count = recv(client, &chunk, chunk.count, 0)
            guard count > 0 else { return false }
            buffer += chunk[0..<count]
            return true
        }
        var headEnd: Int?
        while headEnd == nil {
            headEnd = Self.headEnd(in: buffer)
            if headEnd == nil, !more() { return nil }
        }
        guard let end = headEnd else { return nil }
        let head = String(decoding: buffer[..<end], as: UTF8.self)
        let length =
            head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
            .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
        while buffer.count < end + 4 + length {
            if !more() { return nil }
        }
        let body = String(decoding: buffer[(end + 4)..<(end + 4 + length)], as: UTF8.self)
        buffer.removeFirst(end + 4 + length)
        let requestLine = head.split(separator: "\r\n").first.map { $0.split(separator: " ") } ?? []
        return Request(
            method: requestLine.first.map(String.init) ?? "",
            target: requestLine.count > 1 ? String(requestLine[1]) : "", head: head, body: body)
    }

    private static func headEnd(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for i in 0...(bytes.count - 4)
        where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
            return i
        }
        return nil
    }

    private static func head(status: Int, length: Int, headers: [String: String]) -> String {
        var text = "HTTP/1.1 \(status) \(status < 400 ? "OK" : "Failed")\r\nContent-Length: \(length)\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
        return text + "\r\n"
    }
}

extension Duration {
    fileprivate var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
