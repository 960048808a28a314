import Allura
import ForgeModel
import Foundation
import HTTP

/// Apache Allura (SourceForge): `/p/…`, `/u/…/profile`, `/rest/…`; bearer tokens only.
struct AlluraKind: BackendKind {
    let name = "allura"
    let authModes = ["token"]

    func recognise(_ url: URL) -> Recognition {
        let segments = url.pathSegments
        if url.isOn("sourceforge.net") || segments.first == "rest" || segments.first == "p" { return .certainly }
        if segments.first == "u", segments.count >= 3, segments[2] == "profile" { return .certainly }
        return .possibly
    }

    /// `/rest/` answers a JSON object on every Allura.
    var probe: BackendProbe? { BackendProbe(path: "rest/") { $0 is [String: Any] } }

    func makeForge(_ recipe: ForgeRecipe) throws -> any Forge {
        if let auth = recipe.auth, !authModes.contains(auth) {
            throw ForgeError.unsupported("Allura forges take only bearer tokens (auth = \"token\"), not \"\(auth)\"")
        }
        return try AlluraForge(
            baseURL: recipe.baseURL, token: recipe.token, transport: recipe.transport, displayName: recipe.displayName)
    }
}
