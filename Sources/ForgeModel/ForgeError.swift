/// Every failure a forge request can end in, each with a one-line message for the status line.
public enum ForgeError: Error, Hashable, Sendable {
    /// No connection: offline, DNS failure, connection refused.
    case offline(String)
    case tls(String)
    case timeout
    /// 401: no token, a wrong or expired token, or a token sent over plain HTTP.
    case unauthorized(detail: String?)
    /// 403: authenticated but not allowed; the server's short reason when it gave one.
    case forbidden(reason: String?)
    case notFound(what: String?)
    case methodNotAllowed
    case rateLimited(retryAfter: Int?)
    /// 5xx.
    case server(status: Int, detail: String?)
    /// Any other unexpected status.
    case http(status: Int, detail: String?)
    /// 400 validation failure with the server's `field: message` lines.
    case validation([String])
    /// A token would have been sent over plain HTTP to a non-loopback host.
    case insecureToken(host: String)
    /// The response did not have the expected shape.
    case invalidResponse(String)
    case invalidURL(String)
    /// The forge or tool cannot do this.
    case unsupported(String)
    /// Offline (or asked for the local copy only), and this was never read before.
    case notCached

    /// A one-line message for a human; never contains a token or raw HTML.
    public var message: String {
        switch self {
        case .offline(let why): return "Cannot reach the forge: \(why)"
        case .tls(let why): return "Secure connection failed: \(why)"
        case .timeout: return "The forge did not answer in time"
        case .unauthorized(let detail):
            let base = "Not authorised (401): log in or check the token"
            return detail.map { "\(base): \($0)" } ?? base
        case .forbidden(let reason):
            let base = "No permission (403)"
            return reason.map { "\(base): \($0)" } ?? base
        case .notFound(let what):
            return what.map { "Not found (404): \($0)" } ?? "Not found (404)"
        case .methodNotAllowed: return "The forge does not allow this request (405)"
        case .rateLimited(let after):
            return after.map { "Rate limited (429): try again in \($0) s" } ?? "Rate limited (429): try again later"
        case .server(let status, let detail):
            let base = "The forge failed (\(status))"
            return detail.map { "\(base): \($0)" } ?? base
        case .http(let status, let detail):
            let base = "Unexpected answer from the forge (\(status))"
            return detail.map { "\(base): \($0)" } ?? base
        case .validation(let lines): return "Rejected: " + lines.joined(separator: "; ")
        case .insecureToken(let host):
            return "Refusing to send the token over plain http to \(host): use https"
        case .invalidResponse(let why): return "Unexpected response: \(why)"
        case .invalidURL(let url): return "Not a forge URL: \(url)"
        case .unsupported(let what): return what
        case .notCached: return "Not cached: Anvil has not read this from the forge before (offline)"
        }
    }
}
