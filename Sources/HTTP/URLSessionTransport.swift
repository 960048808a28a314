import ForgeModel
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A `Transport` over one keep-alive `URLSession`.
///
/// It never follows redirects (301/302 come back as responses), stores and sends no cookies,
/// uses no cache, and never adds credentials of its own: only the headers of the request are
/// sent. Failures to get a response become `ForgeError.offline`, `.tls` or `.timeout`.
///
/// Every request has a total deadline (a server trickling one byte a second cannot hold it), a
/// body larger than `maximumBodyBytes` is abandoned as it arrives, and cancelling the calling
/// task cancels the request and frees its connection.
public final class URLSessionTransport: Transport {
    /// Seconds a request may wait for data before it fails with `.timeout`.
    public let timeout: TimeInterval
    /// Seconds a request may take from start to end, however steadily data arrives.
    public let deadline: TimeInterval
    /// The largest body accepted, in bytes.
    public let maximumBodyBytes: Int
    /// The default body cap: 32 MB.
    public static let defaultMaximumBodyBytes = 32 << 20
    private let session: URLSession
    private let transfers: Transfers

    /// - Parameters:
    ///   - timeout: request timeout in seconds (default 20). Whole seconds only: the Linux
    ///     URLSession truncates fractions (0.5 s would mean "fail at once"), so the value is
    ///     rounded up to at least 1 s.
    ///   - deadline: the total time a request may take (default 60 s).
    ///   - maximumBodyBytes: the largest body accepted (default 32 MB).
    public init(
        timeout: TimeInterval = 20, deadline: TimeInterval = 60, maximumBodyBytes: Int = defaultMaximumBodyBytes
    ) {
        let timeout = max(1, timeout.rounded(.up))
        self.timeout = timeout
        self.deadline = max(deadline, 0.1)
        self.maximumBodyBytes = max(maximumBodyBytes, 1)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = max(self.deadline.rounded(.up), timeout)
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.urlCredentialStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpMaximumConnectionsPerHost = 4
        let transfers = Transfers(maximumBodyBytes: self.maximumBodyBytes)
        self.transfers = transfers
        session = URLSession(configuration: configuration, delegate: transfers, delegateQueue: nil)
    }

    deinit {
        session.invalidateAndCancel()
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.url.user == nil, request.url.password == nil else {
            // Credentials in the URL would be sent as Basic auth, which Allura rejects.
            throw ForgeError.invalidURL("credentials in URLs are not allowed")
        }
        var urlRequest = URLRequest(
            url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        urlRequest.httpShouldHandleCookies = false
        for (name, value) in request.headers {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        urlRequest.httpBody = request.body
        let task = session.dataTask(with: urlRequest)
        let (data, response) = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                transfers.start(task, deadline: deadline, continuation: continuation)
            }
        } onCancel: {
            task.cancel()
        }
        guard let http = response as? HTTPURLResponse else {
            throw ForgeError.invalidResponse("not an HTTP response")
        }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            headers[String(describing: key).lowercased()] = String(describing: value)
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: data)
    }

    /// The `ForgeError` for a failed URLSession task.
    public static func forgeError(for error: URLError) -> ForgeError {
        switch error.code {
        case .timedOut:
            return .timeout
        case .notConnectedToInternet, .dataNotAllowed, .internationalRoamingOff:
            return .offline("not connected to the network")
        case .cannotFindHost, .dnsLookupFailed:
            return .offline("host not found")
        case .cannotConnectToHost:
            return .offline("connection refused")
        case .networkConnectionLost:
            return .offline("connection lost")
        case .secureConnectionFailed:
            return .tls("the secure connection could not be established")
        case .serverCertificateHasBadDate, .serverCertificateNotYetValid:
            return .tls("the server certificate is expired or not yet valid")
        case .serverCertificateUntrusted, .serverCertificateHasUnknownRoot:
            return .tls("the server certificate is not trusted")
        case .clientCertificateRejected, .clientCertificateRequired:
            return .tls("the server asks for a client certificate")
        case .badURL, .unsupportedURL:
            return .invalidURL("the URL cannot be requested")
        case .badServerResponse, .cannotParseResponse, .zeroByteResource:
            return .invalidResponse("the server sent a malformed response")
        case .cancelled:
            return .offline("request cancelled")
        default:
            return .offline("network error \(error.code.rawValue)")
        }
    }
}

/// The session's delegate: collects each task's body (abandoning it past the cap), enforces
/// each task's deadline, refuses redirects, and resumes the waiting caller exactly once.
private final class Transfers: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    typealias Continuation = CheckedContinuation<(Data, URLResponse?), any Error>

    private struct Transfer {
        var continuation: Continuation
        var body = Data()
        var response: URLResponse?
        /// Why the task was cancelled by the transport itself.
        var failure: ForgeError?
    }

    private let maximumBodyBytes: Int
    private let lock = NSLock()
    private var transfers: [Int: Transfer] = [:]

    init(maximumBodyBytes: Int) { self.maximumBodyBytes = maximumBodyBytes }

    /// Deadlines fire on a queue of their own at a high priority, so work that keeps the shared
    /// queues busy cannot hold a request past its deadline.
    static let deadlines = DispatchQueue(label: "anvil.http.deadlines", qos: .userInitiated)

    func start(_ task: URLSessionDataTask, deadline: TimeInterval, continuation: Continuation) {
        let id = task.taskIdentifier
        lock.withLock { transfers[id] = Transfer(continuation: continuation) }
        Self.deadlines.asyncAfter(deadline: .now() + deadline) { [weak self, weak task] in
            guard let self, let task else { return }
            if self.fail(id, with: .timeout) { task.cancel() }
        }
        task.resume()
    }

    /// Marks a transfer as failed by the transport; false when it already ended.
    private func fail(_ id: Int, with error: ForgeError) -> Bool {
        lock.withLock {
            guard transfers[id] != nil, transfers[id]?.failure == nil else { return false }
            transfers[id]?.failure = error
            return true
        }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        let id = dataTask.taskIdentifier
        let declared = response.expectedContentLength
        lock.withLock { transfers[id]?.response = response }
        if declared > Int64(maximumBodyBytes), fail(id, with: tooLarge) {
            completionHandler(.cancel)
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let id = dataTask.taskIdentifier
        let over: Bool = lock.withLock {
            guard transfers[id] != nil, transfers[id]?.failure == nil else { return false }
            transfers[id]?.body.append(data)
            return (transfers[id]?.body.count ?? 0) > maximumBodyBytes
        }
        if over, fail(id, with: tooLarge) {
            lock.withLock { transfers[id]?.body = Data() }
            dataTask.cancel()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let transfer = lock.withLock({ transfers.removeValue(forKey: task.taskIdentifier) }) else { return }
        if let failure = transfer.failure {
            transfer.continuation.resume(throwing: failure)
        } else if let error = error as? URLError {
            transfer.continuation.resume(throwing: URLSessionTransport.forgeError(for: error))
        } else if let error {
            transfer.continuation.resume(throwing: ForgeError.offline(String(describing: type(of: error))))
        } else {
            transfer.continuation.resume(returning: (transfer.body, transfer.response ?? task.response))
        }
    }

    private var tooLarge: ForgeError {
        let size =
            maximumBodyBytes >= 1 << 20 ? "\(maximumBodyBytes >> 20) MB" : "\(maximumBodyBytes) bytes"
        return .invalidResponse("the answer is larger than \(size), the most Anvil accepts (max_response_mb)")
    }
}
