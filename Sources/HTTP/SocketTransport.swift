import ForgeModel
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A `Transport` speaking HTTP/1.1 itself, over sockets, with TLS from OpenSSL for https.
///
/// It never follows redirects (301/302 come back as responses), stores and sends no cookies,
/// caches nothing and adds no credentials of its own: the request's headers, `Host`,
/// `Content-Length`, `User-Agent` and `Accept-Encoding: gzip` (answers are decoded) are all it
/// sends. Connections are kept alive and used again, at most `idleConnectionsPerHost` per server.
/// Proxies come from the environment (`ProxySettings`); https goes through a `CONNECT` tunnel.
///
/// Every request has a total deadline (a server trickling one byte a second cannot hold it), a
/// body larger than `maximumBodyBytes` is abandoned as it arrives, and cancelling the calling task
/// ends the request at once and closes its connection. Failures to get a response become
/// `ForgeError.offline`, `.tls` or `.timeout`.
public final class SocketTransport: Transport {
    /// Seconds a request may wait for data before it fails with `.timeout`.
    public let timeout: TimeInterval
    /// Seconds a request may take from start to end, however steadily data arrives.
    public let deadline: TimeInterval
    /// The largest body accepted, in bytes (after decoding).
    public let maximumBodyBytes: Int
    /// The default body cap: 32 MB.
    public static let defaultMaximumBodyBytes = 32 << 20
    /// Idle connections kept per server.
    public static let idleConnectionsPerHost = 4
    let proxies: ProxySettings
    private let idle = Mutex<[String: [WireConnection]]>([:])

    /// - Parameters:
    ///   - timeout: seconds without progress before a request fails (default 20).
    ///   - deadline: the total time a request may take (default 60 s).
    ///   - maximumBodyBytes: the largest body accepted (default 32 MB).
    ///   - proxies: the proxies to use (default: from the environment).
    public init(
        timeout: TimeInterval = 20, deadline: TimeInterval = 60, maximumBodyBytes: Int = defaultMaximumBodyBytes,
        proxies: ProxySettings = ProxySettings()
    ) {
        self.timeout = max(timeout, 0.05)
        self.deadline = max(deadline, 0.1)
        self.maximumBodyBytes = max(maximumBodyBytes, 1)
        self.proxies = proxies
    }

    deinit {
        for connection in idle.withLock({ $0.values.joined() }) { connection.close() }
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.url.user == nil, request.url.password == nil else {
            // Credentials in the URL would be sent as Basic auth, which Allura rejects.
            throw ForgeError.invalidURL("credentials in URLs are not allowed")
        }
        let exchange = Exchange()
        if WorkerThreads.isCurrentThread {
            // A thread that may block: the request is sent and waited for here. Every wait on the
            // wire is bounded by the request's clock, so no timer stands by (the first would start
            // dispatch's timer thread on the way to the first screen); one would not end a name
            // lookup either, which holds this thread whatever ends the exchange.
            return try await withTaskCancellationHandler {
                exchange.finish(outcome(of: request, exchange: exchange))
                return try exchange.outcome.get()
            } onCancel: {
                exchange.finish(.failure(.offline("request cancelled")))
            }
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                exchange.begin(continuation)
                let deadline = deadline
                exchange.endAt(deadline: deadline + 0.5)
                // Asked from a thread that must not block: a worker waits for the answer.
                WorkerThreads.shared.run { [self] in exchange.finish(outcome(of: request, exchange: exchange)) }
            }
        } onCancel: {
            exchange.finish(.failure(.offline("request cancelled")))
        }
    }

    /// `request` performed on the calling thread, its failures as `ForgeError`.
    private func outcome(of request: HTTPRequest, exchange: Exchange) -> Result<HTTPResponse, ForgeError> {
        do {
            return .success(try perform(request, exchange: exchange))
        } catch let error as ForgeError {
            return .failure(error)
        } catch {
            return .failure(.offline(String(describing: type(of: error))))
        }
    }

    /// Runs one request to its response on the calling thread (a worker, see `WorkerThreads`).
    private func perform(_ request: HTTPRequest, exchange: Exchange) throws -> HTTPResponse {
        let url = request.url
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else { throw ForgeError.invalidURL("the URL cannot be requested") }
        let secure = scheme == "https"
        let port = url.port ?? (secure ? 443 : 80)
        let proxy = try proxies.proxy(for: url)
        let clock = WireClock(idle: timeout, total: deadline)
        let key = proxy.map { "\(scheme)://\(host):\(port) via \($0.host):\($0.port)" } ?? "\(scheme)://\(host):\(port)"
        let head = requestHead(request, host: host, port: port, secure: secure, proxy: proxy)
        let bytes = head + (request.body.map { [UInt8]($0) } ?? [])
        var retried = false
        while true {
            let reused = retried ? nil : takeIdle(key)
            let connection = try reused ?? open(host: host, port: port, secure: secure, proxy: proxy, clock: clock)
            connection.clock = clock
            guard exchange.attach(connection) else { throw ForgeError.offline("request cancelled") }
            let reader = ResponseReader(source: connection)
            do {
                try connection.write(bytes)
                let head = try reader.readHead()
                let (body, endsStream) = try reader.readBody(
                    after: head, method: request.method.uppercased(), maximumBodyBytes: maximumBodyBytes)
                exchange.detach()
                if !endsStream, head.keepsAlive { keepIdle(connection, key: key) } else { connection.close() }
                return try response(head, body: body)
            } catch let error as ForgeError {
                exchange.detach()
                connection.close()
                // A kept-alive connection the server had closed meanwhile: a read goes once more on a
                // new one. A write never does: the server may have taken it before it closed.
                if reused != nil, !retried, !reader.receivedAny, error != .timeout, !exchange.isFinished,
                    ["GET", "HEAD"].contains(request.method.uppercased())
                {
                    retried = true
                    continue
                }
                throw error
            }
        }
    }

    private func open(
        host: String, port: Int, secure: Bool, proxy: ProxySettings.Proxy?, clock: WireClock
    ) throws -> WireConnection {
        guard let proxy else {
            let connection = try WireConnection.connect(host: host, port: port, clock: clock)
            if secure { try connection.startTLS(host: host) }
            return connection
        }
        let connection: WireConnection
        do {
            connection = try WireConnection.connect(host: proxy.host, port: proxy.port, clock: clock)
        } catch ForgeError.offline(let why) {
            throw ForgeError.offline("the proxy \(proxy.host):\(proxy.port) cannot be reached (\(why))")
        }
        guard secure else { return connection }
        // https through the proxy: a tunnel, then TLS with the forge inside it.
        let authority = Self.authority(host: host, port: port, defaultPort: 443, always: true)
        var tunnel = "CONNECT \(authority) HTTP/1.1\r\nHost: \(authority)\r\n"
        if let authorization = proxy.authorization { tunnel += "Proxy-Authorization: \(authorization)\r\n" }
        try connection.write(Array((tunnel + "\r\n").utf8))
        let answer = try ResponseReader(source: connection).readHead()
        guard (200..<300).contains(answer.status) else {
            connection.close()
            throw ForgeError.offline("the proxy refused to connect to \(host) (status \(answer.status))")
        }
        try connection.startTLS(host: host)
        return connection
    }

    /// The request line and headers.
    private func requestHead(
        _ request: HTTPRequest, host: String, port: Int, secure: Bool, proxy: ProxySettings.Proxy?
    ) -> [UInt8] {
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        var target = components?.percentEncodedPath ?? "/"
        if target.isEmpty { target = "/" }
        if let query = components?.percentEncodedQuery { target += "?" + query }
        let authority = Self.authority(host: host, port: port, defaultPort: secure ? 443 : 80, always: false)
        // Through a proxy, plain http names the whole URL.
        if proxy != nil, !secure { target = "http://\(authority)\(target)" }
        var head = "\(request.method.uppercased()) \(target) HTTP/1.1\r\nHost: \(authority)\r\n"
        var named = Set<String>()
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            let lower = name.lowercased()
            guard !["host", "content-length", "connection", "transfer-encoding"].contains(lower) else { continue }
            // A header value may not break the head.
            guard !value.contains(where: { $0 == "\r" || $0 == "\n" }) else { continue }
            named.insert(lower)
            head += "\(name): \(value)\r\n"
        }
        if !named.contains("user-agent") { head += "User-Agent: anvil\r\n" }
        if !named.contains("accept-encoding") { head += "Accept-Encoding: gzip\r\n" }
        if let authorization = proxy?.authorization, !secure { head += "Proxy-Authorization: \(authorization)\r\n" }
        if let body = request.body {
            head += "Content-Length: \(body.count)\r\n"
        } else if ["POST", "PUT", "PATCH"].contains(request.method.uppercased()) {
            head += "Content-Length: 0\r\n"
        }
        return Array((head + "\r\n").utf8)
    }

    private static func authority(host: String, port: Int, defaultPort: Int, always: Bool) -> String {
        let name = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return always || port != defaultPort ? "\(name):\(port)" : name
    }

    /// The response, its body decoded when the server compressed it.
    private func response(_ head: ResponseHead, body: [UInt8]) throws -> HTTPResponse {
        var headers = head.headers
        var data = Data(body)
        if let coding = headers["content-encoding"]?.lowercased().trimmedOfSpaces,
            coding == "gzip" || coding == "x-gzip" || coding == "deflate", !body.isEmpty
        {
            data = Data(try Gunzip.decode(body, maximumBytes: maximumBodyBytes))
            headers["content-encoding"] = nil
            headers["content-length"] = String(data.count)
        }
        return HTTPResponse(status: head.status, headers: headers, body: data)
    }

    private func takeIdle(_ key: String) -> WireConnection? {
        while let connection = idle.withLock({ $0[key]?.popLast() }) {
            if !connection.isStale { return connection }
            connection.close()
        }
        return nil
    }

    private func keepIdle(_ connection: WireConnection, key: String) {
        let kept = idle.withLock { pool in
            guard (pool[key]?.count ?? 0) < Self.idleConnectionsPerHost else { return false }
            pool[key, default: []].append(connection)
            return true
        }
        if !kept { connection.close() }
    }
}

/// One request in flight: resumes its caller exactly once (with the answer, a failure, the
/// deadline or a cancellation), and interrupts the connection when it ends early.
private final class Exchange: @unchecked Sendable {
    typealias Continuation = CheckedContinuation<HTTPResponse, any Error>
    private let lock = NSLock()
    private var continuation: Continuation?
    private var finished = false
    private var ended: Result<HTTPResponse, ForgeError>?
    private var connection: WireConnection?
    private var deadlineTimer: DispatchWorkItem?

    /// Deadlines fire on a queue of their own, so busy shared queues cannot hold a request past it.
    static let deadlines = DispatchQueue(label: "anvil.http.deadlines", qos: .userInitiated)

    func begin(_ continuation: Continuation) {
        let early: Bool = lock.withLock {
            self.continuation = continuation
            return finished
        }
        // Cancelled before it began.
        if early { finish(.failure(.offline("request cancelled"))) }
    }

    var isFinished: Bool { lock.withLock { finished } }

    /// Whether the exchange may use `connection` (false when it already ended).
    func attach(_ connection: WireConnection) -> Bool {
        lock.withLock {
            guard !finished else { return false }
            self.connection = connection
            return true
        }
    }

    func detach() { lock.withLock { connection = nil } }

    /// Ends the exchange with `.timeout` after `seconds`, unless it ended before.
    func endAt(deadline seconds: Double) {
        let timer = DispatchWorkItem { [weak self] in self?.finish(.failure(.timeout)) }
        lock.withLock { deadlineTimer = timer }
        Self.deadlines.asyncAfter(deadline: .now() + seconds, execute: timer)
    }

    /// How the exchange ended: the first result it was finished with (a request sent on the
    /// calling thread reads it after its own, which a cancellation or the deadline may precede).
    var outcome: Result<HTTPResponse, ForgeError> {
        lock.withLock { ended ?? .failure(.offline("request cancelled")) }
    }

    func finish(_ result: Result<HTTPResponse, ForgeError>) {
        let (continuation, connection): (Continuation?, WireConnection?) = lock.withLock {
            guard !finished || self.continuation != nil else { return (nil, nil) }
            if !finished { ended = result }
            finished = true
            deadlineTimer?.cancel()
            defer {
                self.continuation = nil
                self.connection = nil
                deadlineTimer = nil
            }
            return (self.continuation, self.connection)
        }
        connection?.interrupt()
        continuation?.resume(with: result.mapError { $0 as any Error })
    }
}
