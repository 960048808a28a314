import ForgeModel
import Foundation
import HTTP

/// One request to the GitLab demo, read the way GitLab's Grape API reads it: path segments of
/// `/api/v4/…` (each decoded once, so an encoded `%2F` stays inside its segment), and parameters
/// merged from the query, a form body and a JSON body.
struct GitLabDemoRequest {
    let method: String
    let url: URL
    let segments: [String]
    let parameters: [String: GitLabParameter]
    /// The caller's user id; nil for anonymous requests.
    let caller: Int?

    init(_ request: HTTPRequest, caller: Int?) {
        method = request.method.uppercased() == "HEAD" ? "GET" : request.method.uppercased()
        url = request.url
        self.caller = caller
        let rawPath = DemoURL.rawPath(of: request.url)
        segments = rawPath.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        var parameters: [String: GitLabParameter] = [:]
        for (name, value) in FormFields(encoded: DemoURL.query(of: request.url)).pairs {
            parameters.merge(name: name, value: value)
        }
        let type = request.header("Content-Type")?.lowercased() ?? ""
        if type.contains("json"), let body = request.body,
            let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any]
        {
            for (name, value) in object { parameters[name] = GitLabParameter(json: value) }
        } else if let body = request.body {
            for (name, value) in FormFields(body: body).pairs { parameters.merge(name: name, value: value) }
        }
        self.parameters = parameters
    }

    subscript(name: String) -> GitLabParameter? { parameters[name] }

    /// A string parameter.
    func string(_ name: String) -> String? { parameters[name]?.text }

    /// An integer parameter; nil when absent or not a number.
    func int(_ name: String) -> Int? { parameters[name]?.text.flatMap { Int($0) } }
}

/// A parameter as Grape sees it: text, a list (`name[]=a&name[]=b`, a JSON array, or a comma list
/// where the API allows one), a boolean or null.
enum GitLabParameter: Hashable {
    case text(String)
    case list([String])
    case null

    init(json: Any) {
        switch json {
        case let string as String: self = .text(string)
        case let number as NSNumber:
            if String(cString: number.objCType) == "c" {
                self = .text(number.boolValue ? "true" : "false")
            } else {
                self = .text(number.stringValue)
            }
        case let array as [Any]: self = .list(array.map { "\($0)" })
        default: self = .null
        }
    }

    var text: String? {
        switch self {
        case .text(let value): return value
        case .list(let values): return values.joined(separator: ",")
        case .null: return nil
        }
    }

    /// The values of a list parameter; a text value is split on commas.
    var list: [String] {
        switch self {
        case .text(let value):
            return value.split(separator: ",").map { $0.trimmedOfSpaces }.filter { !$0.isEmpty }
        case .list(let values): return values.filter { !$0.isEmpty }
        case .null: return []
        }
    }

    var bool: Bool? {
        switch text?.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: return nil
        }
    }
}

extension Dictionary where Key == String, Value == GitLabParameter {
    /// Adds a form pair: `name[]` pairs collect into a list under `name`.
    fileprivate mutating func merge(name: String, value: String) {
        if name.hasSuffix("[]") {
            let key = String(name.dropLast(2))
            if case .list(let values) = self[key] {
                self[key] = .list(values + [value])
            } else {
                self[key] = .list([value])
            }
        } else {
            self[name] = .text(value)
        }
    }
}
