import Foundation

/// Locations shared by the test targets.
public enum Fixtures {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// `../shared/fixtures/allura` beside the checkout, or `Tests/Fixtures/allura` inside it.
    public static let alluraDirectory: URL = {
        let inside = packageRoot.appendingPathComponent("Tests/Fixtures/allura")
        if FileManager.default.fileExists(atPath: inside.path) { return inside }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures/allura")
    }()

    /// The bytes of a recorded Allura response, e.g. `allura("project.json")`.
    public static func allura(_ name: String) throws -> Data {
        try Data(contentsOf: alluraDirectory.appendingPathComponent(name))
    }
}
