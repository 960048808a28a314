import ForgeModel
import Foundation

/// The proxies the environment names, read as curl reads them: `http_proxy` (lower case only)
/// for http, `https_proxy`/`HTTPS_PROXY` for https, `all_proxy`/`ALL_PROXY` for either, and
/// `no_proxy`/`NO_PROXY` for the hosts reached directly. Loopback addresses are always direct.
public struct ProxySettings: Sendable, Equatable {
    /// A proxy to go through.
    public struct Proxy: Sendable, Equatable {
        public var host: String
        public var port: Int
        /// `Proxy-Authorization` from the proxy URL's user and password.
        public var authorization: String?
    }

    var http: Proxy?
    var https: Proxy?
    /// Hosts and domains reached without a proxy; `*` for all.
    var bypass: [String]
    /// Why the proxy set for http, or for https, cannot be used (a SOCKS or https proxy): said when
    /// it would be used, rather than going around it.
    var unusableHTTP: String?
    var unusableHTTPS: String?

    public static let none = ProxySettings(http: nil, https: nil, bypass: [])

    init(http: Proxy?, https: Proxy?, bypass: [String]) {
        self.http = http
        self.https = https
        self.bypass = bypass
    }

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        func value(_ names: String...) -> String? {
            names.lazy.compactMap { environment[$0] }.first { !$0.trimmedOfSpaces.isEmpty }
        }
        var unusable: String?
        func proxy(_ text: String?) -> Proxy? {
            unusable = nil
            guard let text else { return nil }
            let withScheme = text.contains("://") ? text : "http://" + text
            guard let components = URLComponents(string: withScheme), let host = components.host, !host.isEmpty
            else {
                unusable = "the proxy address in the environment cannot be read"
                return nil
            }
            guard components.scheme?.lowercased() == "http" else {
                unusable = "only http:// proxies are supported, not \(components.scheme ?? "")://"
                return nil
            }
            var authorization: String?
            if let user = components.percentEncodedUser {
                let name = user.removingPercentEncoding ?? user
                let password = components.percentEncodedPassword.map { $0.removingPercentEncoding ?? $0 } ?? ""
                authorization = "Basic " + Data("\(name):\(password)".utf8).base64EncodedString()
            }
            return Proxy(host: host, port: components.port ?? 80, authorization: authorization)
        }
        let all = value("all_proxy", "ALL_PROXY")
        http = proxy(value("http_proxy") ?? all)
        unusableHTTP = unusable
        https = proxy(value("https_proxy", "HTTPS_PROXY") ?? all)
        unusableHTTPS = unusable
        bypass = (value("no_proxy", "NO_PROXY") ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map {
            String($0).lowercased()
        }
    }

    /// The proxy for `url`, nil to connect directly; throws when the one to use cannot be.
    func proxy(for url: URL) throws -> Proxy? {
        guard let host = url.host?.lowercased() else { return nil }
        if Self.isLoopback(host) || bypasses(host) { return nil }
        let secure = url.scheme?.lowercased() == "https"
        if let unusable = secure ? unusableHTTPS : unusableHTTP { throw ForgeError.offline(unusable) }
        return secure ? https : http
    }

    private func bypasses(_ host: String) -> Bool {
        bypass.contains { entry in
            if entry == "*" { return true }
            let domain = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
            let name = domain.split(separator: ":").first.map(String.init) ?? domain
            return host == name || host.hasSuffix("." + name)
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
    }
}
