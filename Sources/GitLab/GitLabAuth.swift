import ForgeModel
import Foundation
import HTTP

/// How requests to a GitLab instance are authenticated (gitlab-rest.md §2): a personal, project or
/// group access token in `PRIVATE-TOKEN` (the default), or an OAuth2 access token as
/// `Authorization: Bearer` (`auth = "oauth"`). Tokens go only in headers, never in a URL, and
/// never over plain `http` except to a loopback host.
public struct GitLabAuth: Sendable, CustomStringConvertible {
    public enum Mode: String, Sendable, CaseIterable {
        case privateToken = "token"
        case oauth
    }

    public let mode: Mode
    private let token: Secret?

    /// - Throws: `ForgeError.insecureToken` when a token would go over plain `http` to a host that
    ///   is not loopback.
    public init(mode: Mode, token: String?, base: URL) throws(ForgeError) {
        let usable = token?.trimmedOfWhitespace.nilWhenEmpty
        if usable != nil, base.scheme?.lowercased() != "https", !LoopbackHost.contains(base.host ?? "") {
            throw ForgeError.insecureToken(host: base.host ?? "?")
        }
        self.mode = mode
        self.token = usable.map(Secret.init)
    }

    /// The header carrying the token, or none without a token.
    public var headers: [String: String] {
        guard let token else { return [:] }
        switch mode {
        case .privateToken: return ["PRIVATE-TOKEN": token.value]
        case .oauth: return ["Authorization": "Bearer " + token.value]
        }
    }

    /// Which credential a 401 should talk about.
    public var credential: GitLabErrors.Credential {
        guard token != nil else { return .none }
        return mode == .oauth ? .oauth : .privateToken
    }

    public var description: String {
        "GitLabAuth(\(mode.rawValue), \(token == nil ? "anonymous" : "token set"))"
    }
}

extension String {
    fileprivate var nilWhenEmpty: String? { isEmpty ? nil : self }
}
