import ForgeModel
import Foundation
import HTTP

/// How requests to a Tuleap server are authenticated (tuleap-rest.md §2), chosen with `auth = …`:
/// a personal access key in `X-Auth-AccessKey` (the default), an OAuth2 token as
/// `Authorization: Bearer` (read-only for Anvil), a session token from `POST /api/tokens` with
/// the configured user name and the credential as password (`X-Auth-Token` + `X-Auth-UserId`), or
/// HTTP Basic. Exactly one method per request; none at all without a credential. Secrets go only
/// in headers, never in a URL, and never over plain `http` except to a loopback host.
public struct TuleapAuth: Sendable, CustomStringConvertible {
    public enum Mode: String, Sendable, CaseIterable {
        case accessKey = "access_key"
        case oauth
        case token
        case basic
    }

    public let mode: Mode
    let secret: Secret?
    let username: String?

    /// - Throws: `ForgeError.insecureToken` for a secret over plain `http` to a non-loopback host;
    ///   `ForgeError.unsupported` when `token` or `basic` has no user name.
    public init(mode: Mode, secret: String?, username: String?, base: URL) throws(ForgeError) {
        let usable = secret?.trimmedOfWhitespace
        let value = usable?.isEmpty == false ? usable : nil
        if value != nil, base.scheme?.lowercased() != "https", !LoopbackHost.contains(base.host ?? "") {
            throw ForgeError.insecureToken(host: base.host ?? "?")
        }
        if value != nil, mode == .token || mode == .basic, (username ?? "").isEmpty {
            throw ForgeError.unsupported(
                "Tuleap auth = \"\(mode.rawValue)\" needs username = \"…\" in the forge's table (the password is the credential)"
            )
        }
        self.mode = mode
        self.secret = value.map(Secret.init)
        self.username = username
    }

    /// Whether a credential is sent at all.
    public var isAuthenticated: Bool { secret != nil }

    /// The mode a 401 should talk about; nil when anonymous.
    var credential: Mode? { secret == nil ? nil : mode }

    /// The headers of the static modes; `token` gets its headers from the session the client holds.
    func headers(session: TuleapSession?) -> [String: String] {
        guard let secret else { return [:] }
        switch mode {
        case .accessKey: return ["X-Auth-AccessKey": secret.value]
        case .oauth: return ["Authorization": "Bearer " + secret.value]
        case .basic:
            let pair = Data(((username ?? "") + ":" + secret.value).utf8).base64EncodedString()
            return ["Authorization": "Basic " + pair]
        case .token:
            guard let session else { return [:] }
            return ["X-Auth-Token": session.token.value, "X-Auth-UserId": session.userID]
        }
    }

    public var description: String {
        "TuleapAuth(\(mode.rawValue), \(secret == nil ? "anonymous" : "credential set"))"
    }
}

/// A session token from `POST /api/tokens` and the user it belongs to.
struct TuleapSession: Sendable {
    let token: Secret
    let userID: String
}
