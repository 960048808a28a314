import ForgeModel
import Foundation
import HTTP
import Tuleap

/// Tuleap: `/projects/NAME`, `/plugins/tracker/…`, `/api/artifacts/…`; an access key (default),
/// an OAuth2 token, a session token from user name and password, or HTTP Basic.
struct TuleapKind: BackendKind {
    let name = "tuleap"
    var authModes: [String] { TuleapAuth.Mode.allCases.map(\.rawValue) }

    func recognise(_ url: URL) -> Recognition {
        let segments = url.pathSegments
        if segments.first == "projects" || segments.starts(with: ["plugins", "tracker"]) { return .certainly }
        if segments.starts(with: ["api", "artifacts"]) || segments.starts(with: ["api", "v1"]) { return .certainly }
        // The server's root, or pages Tuleap also has: its probe may tell.
        if segments.isEmpty || ["users", "wiki", "goto", "goto.php"].contains(segments[0]) { return .possibly }
        return .not
    }

    /// `GET /api/version` needs no credentials and names the flavour.
    var probe: BackendProbe? {
        BackendProbe(path: "api/version") { json in
            ((json as? [String: Any])?["flavor_name"] as? String)?.contains("Tuleap") ?? false
        }
    }

    func makeForge(_ recipe: ForgeRecipe) throws -> any Forge {
        let mode: TuleapAuth.Mode
        if let auth = recipe.auth {
            guard let chosen = TuleapAuth.Mode(rawValue: auth) else {
                let known = TuleapAuth.Mode.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                throw ForgeError.unsupported("Tuleap auth is one of \(known), not \"\(auth)\"")
            }
            mode = chosen
        } else {
            mode = .accessKey
        }
        return try TuleapForge(
            baseURL: recipe.baseURL, secret: recipe.token, auth: mode, username: recipe.username,
            transport: recipe.transport, displayName: recipe.displayName)
    }
}
