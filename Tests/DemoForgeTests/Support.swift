import DemoForge
import Foundation
import HTTP
import Testing

/// Shared helpers for the DemoForge tests.
enum Demo {
    static let base = "https://demo.anvil.test"
    static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    static let authorization = "Bearer " + DemoNames.demoToken

    /// One forge per seed, shared by read-only tests (generation takes a moment).
    static let shared = DemoForge(seed: 1)

    static func get(
        _ forge: DemoForge, _ path: String, token: Bool = false, accept: String? = "application/json",
        headers: [String: String] = [:]
    ) -> HTTPResponse {
        request(forge, "GET", path, token: token, accept: accept, headers: headers)
    }

    static func post(
        _ forge: DemoForge, _ path: String, form: [(String, String)], token: Bool = true,
        accept: String? = "application/json"
    ) -> HTTPResponse {
        request(forge, "POST", path, token: token, accept: accept, body: Data(encode(form).utf8))
    }

    static func request(
        _ forge: DemoForge, _ method: String, _ path: String, token: Bool, accept: String?,
        headers: [String: String] = [:], body: Data? = nil
    ) -> HTTPResponse {
        var allHeaders = headers
        if let accept { allHeaders["Accept"] = accept }
        if token { allHeaders["Authorization"] = authorization }
        if body != nil { allHeaders["Content-Type"] = "application/x-www-form-urlencoded" }
        guard let url = URL(string: base + path) else {
            Issue.record("bad test URL \(path)")
            return HTTPResponse(status: 0)
        }
        return forge.respond(to: HTTPRequest(method: method, url: url, headers: allHeaders, body: body))
    }

    static func encode(_ form: [(String, String)]) -> String {
        let allowed = Demo.unreserved
        return form.map { name, value in
            (name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name) + "="
                + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)
        }.joined(separator: "&")
    }

    /// Decodes a JSON object body.
    static func object(
        _ response: HTTPResponse, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: response.body, options: [.fragmentsAllowed])
        guard let object = value as? [String: Any] else {
            Issue.record(
                "body is not a JSON object: \(String(decoding: response.body, as: UTF8.self).prefix(200))",
                sourceLocation: sourceLocation)
            return [:]
        }
        return object
    }

    static func fixture(_ name: String) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: try fixtureData(name))
        return value as? [String: Any] ?? [:]
    }

    static func fixtureData(_ name: String) throws -> Data {
        try TestSupportBridge.allura(name)
    }

    /// Differences between the key structure of `actual` and `expected`, recursively for nested
    /// objects and the first element of arrays of objects. Keys in `skip` are not descended into.
    static func keyDifferences(
        _ actual: Any, _ expected: Any, path: String = "$", skip: Set<String> = ["custom_fields", "filter_choices"]
    ) -> [String] {
        if let a = actual as? [String: Any], let e = expected as? [String: Any] {
            var problems: [String] = []
            let missing = Set(e.keys).subtracting(a.keys)
            let extra = Set(a.keys).subtracting(e.keys)
            if !missing.isEmpty { problems.append("\(path): missing \(missing.sorted())") }
            if !extra.isEmpty { problems.append("\(path): extra \(extra.sorted())") }
            for key in Set(a.keys).intersection(e.keys) where !skip.contains(key) {
                problems += keyDifferences(a[key] as Any, e[key] as Any, path: path + "." + key, skip: skip)
            }
            return problems
        }
        if let a = actual as? [Any], let e = expected as? [Any], let first = a.first, let expectedFirst = e.first {
            return keyDifferences(first, expectedFirst, path: path + "[0]", skip: skip)
        }
        return []
    }

    /// The slugs of every post of a forum topic, paging with `limit`.
    static func allTopicPosts(_ forge: DemoForge, forum: String, thread: String, limit: Int) throws -> [[[String: Any]]]
    {
        var pages: [[[String: Any]]] = []
        var page = 0
        while true {
            let json = try object(
                get(forge, "/rest/p/anvil-demo/discussion/\(forum)/thread/\(thread)/?page=\(page)&limit=\(limit)"))
            let posts = (json["topic"] as? [String: Any])?["posts"] as? [[String: Any]] ?? []
            let count = json["count"] as? Int ?? 0
            if posts.isEmpty { break }
            pages.append(posts)
            page += 1
            if page * limit >= count { break }
        }
        return pages
    }
}
