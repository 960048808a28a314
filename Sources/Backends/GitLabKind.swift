import ForgeModel
import Foundation
import GitLab
import HTTP

/// GitLab v4: `/api/v4/…`, a `/-/` segment, gitlab.com; `PRIVATE-TOKEN` or OAuth bearer tokens.
struct GitLabKind: BackendKind {
    let name = "gitlab"
    var authModes: [String] { GitLabAuth.Mode.allCases.map(\.rawValue) }

    func recognise(_ url: URL) -> Recognition {
        let segments = url.pathSegments
        if url.isOn("gitlab.com") || segments.contains("-") { return .certainly }
        if let api = segments.firstIndex(of: "api"), segments.dropFirst(api + 1).first == "v4" { return .certainly }
        return .possibly
    }

    /// Listing projects anonymously answers a JSON array, even on an instance without public ones.
    var probe: BackendProbe? { BackendProbe(path: "api/v4/projects?per_page=1") { $0 is [Any] } }

    func makeForge(_ recipe: ForgeRecipe) throws -> any Forge {
        let mode: GitLabAuth.Mode
        if let auth = recipe.auth {
            guard let chosen = GitLabAuth.Mode(rawValue: auth) else {
                throw ForgeError.unsupported("GitLab auth is \"token\" or \"oauth\", not \"\(auth)\"")
            }
            mode = chosen
        } else {
            mode = .privateToken
        }
        var countdown: (@Sendable (Int) -> Void)?
        if let tell = recipe.notice {
            countdown = { seconds in tell("Rate limited by the forge: retrying in \(seconds) s (Esc cancels)") }
        }
        return try GitLabForge(
            baseURL: recipe.baseURL, token: recipe.token, auth: mode, transport: recipe.transport,
            displayName: recipe.displayName, rateLimitWait: countdown)
    }
}
