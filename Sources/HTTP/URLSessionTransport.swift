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
public final class URLSessionTransport: Transport {
    /// Seconds a request may wait for data before it fails with `.timeout`.
    public let timeout: TimeInterval
    private let session: URLSession

    /// - Parameter timeout: request timeout in seconds (default 20). Whole seconds only: the
    ///   Linux URLSession truncates fractions (0.5 s would mean "fail at once"), so the value is
    ///   rounded up to at least 1 s.
    public init(timeout: TimeInterval = 20) {
        let timeout = max(1, timeout.rounded(.up))
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = max(timeout * 6, 60)
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.urlCredentialStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpMaximumConnectionsPerHost = 2
        session = URLSession(configuration: configuration, delegate: NoRedirectDelegate(), delegateQueue: nil)
    }

    deinit {
        session.finishTasksAndInvalidate()
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
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch let error as URLError {
            throw Self.forgeError(for: error)
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

/// Refuses every redirect so that the caller sees the 3xx response itself.
private final class NoRedirectDelegate: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
