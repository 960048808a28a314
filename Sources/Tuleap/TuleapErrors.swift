import ForgeModel
import Foundation
import HTTP

/// Turns a Tuleap error answer into a `ForgeError` with a one-line message (tuleap-rest.md §3.3,
/// §2). The body is `{"error": {"code", "message", "i18n_error_message"?}}`, or `{"error": "text"}`
/// from the platform, or a proxy's HTML; the translated message is preferred, the reason-phrase
/// prefix (`Not Found: `) is dropped.
public enum TuleapErrors {
    /// The error for `response`, or nil for a 2xx or 3xx status.
    /// - Parameters:
    ///   - credential: how the request was authenticated, so a 401 says which credential to fix.
    ///   - isWrite: whether the request was a write (an OAuth token cannot write).
    public static func error(for response: HTTPResponse, credential: TuleapAuth.Mode?, isWrite: Bool) -> ForgeError? {
        let status = response.status
        if (200..<400).contains(status) { return nil }
        let detail = TuleapErrorBody(response).detail
        switch status {
        case 400: return .validation([detail ?? "the forge refused the request"])
        case 401: return .unauthorized(detail: advice(detail, credential: credential, isWrite: isWrite))
        case 403:
            if credential == .oauth, isWrite { return .forbidden(reason: oauthWrite) }
            return .forbidden(reason: detail)
        case 404: return .notFound(what: detail)
        case 405: return .methodNotAllowed
        case 429: return .rateLimited(retryAfter: response.header("Retry-After").flatMap { Int($0) })
        case 500..<600: return .server(status: status, detail: detail)
        default: return .http(status: status, detail: detail)
        }
    }

    static let oauthWrite = "the OAuth token's scope does not allow writing (use an access key to edit)"

    /// What a 401 means for the credential used: invalid credentials fail even on public pages.
    static func advice(_ detail: String?, credential: TuleapAuth.Mode?, isWrite: Bool) -> String {
        let said = detail.map { " (\($0))" } ?? ""
        switch credential {
        case nil:
            return "this needs credentials (set ANVIL_TOKEN, token_command or token_file)" + said
        case .oauth?:
            if isWrite { return oauthWrite }
            return "the OAuth token was refused: it is invalid, expired, or lacks this scope" + said
        case .accessKey?:
            return "the access key (X-Auth-AccessKey) is invalid, even for public pages: fix or remove it" + said
        case .token?:
            return "the user name or password was refused, even for public pages" + said
        case .basic?:
            return "the user name or password (HTTP Basic) was refused, even for public pages" + said
        }
    }

    /// "Not Found: Project does not exist" → "Project does not exist"; a bare "Not Found" → nil.
    static func withoutReason(_ text: String) -> String? {
        let reasons = [
            "Bad Request", "Unauthorized", "Forbidden", "Not Found", "Precondition Failed", "Internal Server Error",
            "Method Not Allowed", "Conflict", "Not Acceptable", "Service Unavailable",
        ]
        var rest = text.trimmedOfWhitespace
        for reason in reasons where rest.lowercased().hasPrefix(reason.lowercased()) {
            rest = String(rest.dropFirst(reason.count)).trimming(scalarsIn: " :\n")
            break
        }
        return rest.isEmpty ? nil : rest
    }
}

/// An error body read in the documented order: `i18n_error_message`, then `message`, then a bare
/// `error` string, then plain text or an HTML page.
struct TuleapErrorBody {
    private(set) var detail: String?

    init(_ response: HTTPResponse) {
        let body = ErrorBody(response)
        guard case .object(let object) = body else {
            if case .text(let text) = body { detail = text }
            return
        }
        if let error = object["error"] as? [String: Any] {
            let text = (error["i18n_error_message"] as? String) ?? (error["message"] as? String)
            detail = text.flatMap(TuleapErrors.withoutReason).map { HTMLText.oneLine($0) }
        } else if let text = object["error"] as? String {
            detail = TuleapErrors.withoutReason(text).map { HTMLText.oneLine($0) }
        }
    }
}
