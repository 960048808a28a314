import ForgeModel
import Foundation
import HTTP

/// Turns a GitLab error response into a `ForgeError` with a one-line message (gitlab-rest.md §2.3,
/// §3.5). The status decides the kind; the body, whatever its shape (`message` as text or as an
/// object, `error` with `error_description`, plain text, an HTML page), supplies the detail.
public enum GitLabErrors {
    /// How the request was authenticated, so a 401 can say which token to fix.
    public enum Credential: Sendable, Hashable {
        case none
        case privateToken
        case oauth
    }

    /// The error for `response`, or nil for a 2xx or 3xx status.
    public static func error(for response: HTTPResponse, credential: Credential) -> ForgeError? {
        let status = response.status
        if (200..<400).contains(status) { return nil }
        let body = GitLabErrorBody(response)
        switch status {
        case 400:
            if let fields = body.fieldMessages { return .validation(fields) }
            return .http(status: 400, detail: body.detail)
        case 401:
            return .unauthorized(detail: unauthorizedAdvice(body, credential: credential))
        case 403:
            if body.error == "insufficient_scope" {
                let scope = body.scope.map { "the token needs the '\($0)' scope" } ?? "the token's scope is too narrow"
                return .forbidden(reason: scope)
            }
            return .forbidden(reason: body.detail.flatMap(withoutStatusPrefix))
        case 404:
            return .notFound(what: body.detail.flatMap(withoutStatusPrefix))
        case 405:
            return .methodNotAllowed
        case 410:
            return .unsupported("This forge answered as GitLab's removed API v3: Anvil speaks v4 only")
        case 429:
            return .rateLimited(retryAfter: retryAfterSeconds(response))
        case 500..<600:
            return .server(status: status, detail: body.detail.flatMap(withoutStatusPrefix))
        default:
            return .http(status: status, detail: body.detail.flatMap(withoutStatusPrefix))
        }
    }

    /// The seconds to wait after a 429: `Retry-After`, else until `RateLimit-Reset` (Unix seconds,
    /// measured from `now`), else nil. Negative and absurd values are clamped to 0…3600.
    public static func retryAfterSeconds(_ response: HTTPResponse, now: Date = Date()) -> Int? {
        if let text = response.header("Retry-After")?.trimmedOfSpaces, let seconds = Int(text) {
            return min(max(seconds, 0), 3600)
        }
        if let text = response.header("RateLimit-Reset")?.trimmedOfSpaces,
            let reset = Int(text)
        {
            let wait = reset - Int(now.timeIntervalSince1970)
            return min(max(wait, 0), 3600)
        }
        return nil
    }

    /// What to do about a 401: an expired token is renewed or refreshed, any other is checked.
    static func unauthorizedAdvice(_ body: GitLabErrorBody, credential: Credential) -> String {
        let which: String
        switch credential {
        case .none: return "this needs a token (set ANVIL_TOKEN, token_command or token_file)"
        case .privateToken: which = "the access token (sent as PRIVATE-TOKEN)"
        case .oauth: which = "the OAuth token (sent as Authorization: Bearer)"
        }
        let description = body.errorDescription?.lowercased() ?? ""
        if description.contains("expired") {
            return "\(which) has expired: " + (credential == .oauth ? "refresh it" : "create a new one")
        }
        if description.contains("revoked") { return "\(which) was revoked: create a new one" }
        return "\(which) was refused: check it, or set auth = \"oauth\" for an OAuth token"
    }

    /// "404 Project Not Found" → "Project Not Found"; a bare "404 Not found" → nil (the status says it).
    static func withoutStatusPrefix(_ text: String) -> String? {
        var rest = Substring(text)
        if rest.count >= 4, rest.prefix(3).allSatisfy(\.isNumber), rest.dropFirst(3).first == " " {
            rest = rest.dropFirst(4)
        }
        let trimmed = rest.trimming(scalarsIn: " -:")
        let generic: Set<String> = ["not found", "forbidden", "unauthorized", "internal server error"]
        return trimmed.isEmpty || generic.contains(trimmed.lowercased()) ? nil : trimmed
    }
}

/// A GitLab error body read in the documented order: `message` as a string, `message` as an
/// object (`{field: [messages]}` or `{error: text}`), `error` (+ `error_description`), then plain
/// text or an HTML page.
struct GitLabErrorBody {
    private(set) var message: String?
    private(set) var fieldMessages: [String]?
    private(set) var error: String?
    private(set) var errorDescription: String?
    private(set) var scope: String?
    private(set) var text: String?

    init(_ response: HTTPResponse) {
        let body = ErrorBody(response)
        guard case .object(let object) = body else {
            if case .text(let line) = body { text = line }
            return
        }
        if let message = object["message"] as? String {
            self.message = HTMLText.oneLine(message)
        } else if let nested = object["message"] as? [String: Any] {
            if let error = nested["error"] as? String {
                self.message = HTMLText.oneLine(error)
            } else {
                let lines = nested.keys.sorted().compactMap { key -> String? in
                    let messages = (nested[key] as? [Any])?.compactMap { $0 as? String } ?? []
                    let joined = messages.isEmpty ? (nested[key] as? String ?? "") : messages.joined(separator: ", ")
                    return joined.isEmpty ? nil : HTMLText.oneLine(key == "base" ? joined : "\(key) \(joined)")
                }
                fieldMessages = lines.isEmpty ? nil : lines
            }
        }
        error = (object["error"] as? String).map { HTMLText.oneLine($0) }
        errorDescription = (object["error_description"] as? String).map { HTMLText.oneLine($0) }
        scope = (object["scope"] as? String).map { HTMLText.oneLine($0) }
    }

    /// The most specific one-line detail the body offers.
    var detail: String? {
        if let message { return message }
        if let fieldMessages { return fieldMessages.joined(separator: "; ") }
        if let errorDescription { return errorDescription }
        if let error { return error }
        return text
    }
}
