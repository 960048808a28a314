import ForgeModel
import Foundation

/// Tuleap: recognised, so that its addresses get a clear answer, but not browsable yet.
struct TuleapKind: BackendKind {
    let name = "tuleap"
    let authModes = ["token"]

    func recognise(_ url: URL) -> Recognition {
        let segments = url.pathSegments
        if segments.first == "projects" || segments.starts(with: ["plugins", "tracker"]) { return .certainly }
        if segments.starts(with: ["api", "artifacts"]) { return .certainly }
        return .not
    }

    var probe: BackendProbe? { nil }

    func makeForge(_ recipe: ForgeRecipe) throws -> any Forge {
        throw ForgeError.unsupported("Tuleap forges are not supported yet (\(recipe.baseURL.host ?? "?"))")
    }
}
