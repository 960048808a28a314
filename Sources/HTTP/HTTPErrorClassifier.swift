import ForgeModel
import Foundation

/// Turns an HTTP status and body into a `ForgeError`, following Allura's conventions: the status
/// code decides, bodies only supply a short human detail. Messages are one line, bounded, and
/// never contain markup.
public enum HTTPErrorClassifier {
    /// The error for `response`, or nil when the status is a success (2xx) or a redirect (3xx).
    public static func error(for response: HTTPResponse, url: URL) -> ForgeError? {
        let status = response.status
        if (200..<400).contains(status) { return nil }
        let body = ResponseBody(response)
        switch status {
        case 400:
            if let lines = body.validationLines() { return .validation(lines) }
            return .http(status: 400, detail: body.detail())
        case 401:
            return .unauthorized(detail: body.unauthorizedDetail())
        case 403:
            return .forbidden(reason: body.detail())
        case 404:
            let path = url.path(percentEncoded: false)
            return .notFound(what: HTMLText.oneLine(path.isEmpty ? "/" : path))
        case 405:
            return .methodNotAllowed
        case 429:
            return .rateLimited(retryAfter: retryAfterSeconds(response.header("Retry-After")))
        case 500..<600:
            return .server(status: status, detail: body.detail())
        default:
            return .http(status: status, detail: body.detail())
        }
    }

    /// `Retry-After` as whole seconds; nil for absent or date-valued headers.
    static func retryAfterSeconds(_ value: String?) -> Int? {
        guard let value else { return nil }
        return Int(value.trimmedOfSpaces).map { max($0, 0) }
    }
}

/// An error response body, read as JSON, HTML or plain text as its content suggests.
struct ResponseBody {
    let text: String
    let json: [String: Any]?
    let isHTML: Bool

    init(_ response: HTTPResponse) {
        text = String(decoding: response.body.prefix(512 * 1024), as: UTF8.self)
        let trimmed = text.drop(while: { $0.isWhitespace })
        if trimmed.hasPrefix("{"),
            let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any]
        {
            json = object
        } else {
            json = nil
        }
        let type = response.header("Content-Type")?.lowercased() ?? ""
        isHTML = json == nil && (type.contains("html") || trimmed.hasPrefix("<"))
    }

    /// Allura's ticket validation body: `{"errors": {"ticket_form": "a: x\nb: y"}}`, or the
    /// webhook form `{"error": {"url": "…"}}`. Nil for any other body.
    func validationLines() -> [String]? {
        guard let json else { return nil }
        var lines: [String] = []
        if let errors = json["errors"] as? [String: Any] {
            for key in errors.keys.sorted() {
                if let message = errors[key] as? String {
                    lines += message.split(whereSeparator: \.isNewline).map { String($0) }
                } else if let nested = errors[key] as? [String: Any] {
                    lines += nested.keys.sorted().map { "\($0): \(nested[$0].map { "\($0)" } ?? "")" }
                }
            }
        } else if let errors = json["error"] as? [String: Any] {
            lines = errors.keys.sorted().map { "\($0): \(errors[$0].map { "\($0)" } ?? "")" }
        } else {
            return nil
        }
        let clean = lines.map { HTMLText.oneLine(HTMLText.plainText($0)) }.filter { !$0.isEmpty }
        return clean.isEmpty ? nil : clean
    }

    /// The specific line of a 401 message, such as "Do not use tokens in URL, …". The generic
    /// "This server could not verify …" sentence is not a detail.
    func unauthorizedDetail() -> String? {
        let source = json?["message"] as? String ?? text
        let lines = HTMLText.lines(source).filter { line in
            !line.hasPrefix("This server could not verify") && !line.hasPrefix("401 Unauthorized")
                && line != "Unauthorized"
        }
        return lines.last.map { HTMLText.oneLine($0) }
    }

    /// A short human detail: the JSON `error`/`message`/`title`, the reason or heading of an
    /// HTML page, or the first line of a plain-text body.
    func detail() -> String? {
        if let json {
            for key in ["error", "message", "title", "status"] {
                if let value = json[key] as? String {
                    let line = HTMLText.lines(value).first.map { HTMLText.oneLine($0) }
                    if let line, !line.isEmpty { return line }
                }
            }
            return nil
        }
        if isHTML { return HTMLText.summary(text) }
        return text.split(whereSeparator: \.isNewline)
            .map { HTMLText.oneLine(String($0)) }
            .first { !$0.isEmpty }
    }
}
