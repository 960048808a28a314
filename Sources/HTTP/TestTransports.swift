import ForgeModel
import Foundation

/// One request and what came of it.
public struct HTTPExchange: Sendable {
    public var request: HTTPRequest
    /// The response, or nil when the transport threw.
    public var response: HTTPResponse?
    public var error: ForgeError?
}

/// Wraps a transport and records every request with its response, in order. For tests.
public final class RecordingTransport: Transport, @unchecked Sendable {
    private let inner: Transport
    private let lock = NSLock()
    private var recorded: [HTTPExchange] = []

    public init(_ inner: Transport) {
        self.inner = inner
    }

    /// Everything sent so far, oldest first.
    public var exchanges: [HTTPExchange] {
        lock.withLock { recorded }
    }

    /// The requests sent so far, oldest first.
    public var requests: [HTTPRequest] { exchanges.map(\.request) }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        do {
            let response = try await inner.send(request)
            append(HTTPExchange(request: request, response: response, error: nil))
            return response
        } catch let error as ForgeError {
            append(HTTPExchange(request: request, response: nil, error: error))
            throw error
        }
    }

    private func append(_ exchange: HTTPExchange) {
        lock.withLock { recorded.append(exchange) }
    }
}

/// Answers requests from a closure or from a table of canned responses. For tests.
public struct StubTransport: Transport {
    private let handler: @Sendable (HTTPRequest) async throws -> HTTPResponse

    /// Answers with whatever `handler` returns or throws.
    public init(_ handler: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) {
        self.handler = handler
    }

    /// Answers from `table`, keyed by `"METHOD URL"` (e.g. `"POST https://h/rest/x/new"`) or by
    /// the bare URL string for any method; anything else gets `fallback` (404 by default).
    public init(_ table: [String: HTTPResponse], fallback: HTTPResponse = HTTPResponse(status: 404)) {
        handler = { request in
            let url = request.url.absoluteString
            return table["\(request.method) \(url)"] ?? table[url] ?? fallback
        }
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await handler(request)
    }
}

extension HTTPResponse {
    /// A JSON response with `body`, for tests and the demo forge.
    public static func json(_ body: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: ["Content-Type": "application/json; charset=utf-8"], body: Data(body.utf8))
    }
}
