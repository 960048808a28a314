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

    /// `../shared/fixtures/gitlab` beside the checkout, or `Tests/Fixtures/gitlab` inside it.
    public static let gitlabDirectory: URL = {
        let inside = packageRoot.appendingPathComponent("Tests/Fixtures/gitlab")
        if FileManager.default.fileExists(atPath: inside.path) { return inside }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures/gitlab")
    }()

    /// The bytes of a GitLab fixture by its path below `fixtures/gitlab`, e.g.
    /// `gitlab("examples/GET_user.json")`.
    public static func gitlab(_ path: String) throws -> Data {
        try Data(contentsOf: gitlabDirectory.appendingPathComponent(path))
    }

    /// The files of a folder below `fixtures/gitlab`, sorted by name.
    public static func gitlabFiles(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: gitlabDirectory.appendingPathComponent(folder).path)
            .filter { !$0.hasPrefix(".") }.sorted()
    }

    /// `../shared/fixtures/tuleap` beside the checkout, or `Tests/Fixtures/tuleap` inside it.
    public static let tuleapDirectory: URL = {
        let inside = packageRoot.appendingPathComponent("Tests/Fixtures/tuleap")
        if FileManager.default.fileExists(atPath: inside.path) { return inside }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures/tuleap")
    }()

    /// The bytes of a Tuleap fixture by its file name, e.g. `tuleap("artifacts-211.json")`.
    public static func tuleap(_ name: String) throws -> Data {
        try Data(contentsOf: tuleapDirectory.appendingPathComponent(name))
    }

    /// The JSON files of `fixtures/tuleap`, sorted by name.
    public static func tuleapFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: tuleapDirectory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
    }
}
