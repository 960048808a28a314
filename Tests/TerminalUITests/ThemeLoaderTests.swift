import Foundation
import Testing
import Text

@testable import TerminalUI

@Suite struct ThemeLoaderTests {
    static let shipped = ["default", "light", "mono", "high-contrast"]

    @Test(arguments: shipped)
    func shippedThemeParsesAndCoversEveryRole(name: String) throws {
        let loader = ThemeLoader(directories: [ThemeLoader.packageThemesDirectory])
        let theme = try loader.load(named: name)
        #expect(theme.name == name)
        let missing = Role.allCases.filter { theme.styles[$0] == nil }
        #expect(missing.isEmpty, "\(name) misses \(missing)")
    }

    @Test func monoThemeUsesNoColours() throws {
        let theme = try ThemeLoader(directories: [ThemeLoader.packageThemesDirectory]).load(named: "mono")
        for style in theme.styles.values {
            #expect(style.foreground == .default && style.background == .default)
        }
        #expect(theme.withoutColors() == theme)
    }

    @Test func builtinDefaultMatchesShippedFile() throws {
        let file = try ThemeLoader.load(file: ThemeLoader.packageThemesDirectory + "/default.theme")
        #expect(BuiltinTheme.theme == file)
        #expect(Role.allCases.allSatisfy { BuiltinTheme.theme.styles[$0] != nil })
    }

    @Test func defaultFallsBackToBuiltinWhenNoFileExists() throws {
        let loader = ThemeLoader(directories: ["/nonexistent/anvil-themes"])
        #expect(try loader.load(named: "default") == BuiltinTheme.theme)
        #expect(loader.available() == ["default"])
    }

    @Test func userThemeComesFirstAndIsListed() throws {
        let dir = try TemporaryDirectory()
        let themes = dir.path + "/anvil/themes"
        try FileManager.default.createDirectory(atPath: themes, withIntermediateDirectories: true)
        try "color normal red default\n".write(toFile: themes + "/light.theme", atomically: true, encoding: .utf8)
        try "color normal green default\n".write(toFile: themes + "/mine.theme", atomically: true, encoding: .utf8)
        let env = ["XDG_CONFIG_HOME": dir.path, "HOME": "/nonexistent"]
        let light = try ThemeLoader.load(named: "light", environment: env)
        #expect(light.style(for: .normal).foreground == .indexed(1))
        #expect(try ThemeLoader.load(named: "mine", environment: env).style(for: .normal).foreground == .indexed(2))
        let names = ThemeLoader(environment: env).available()
        #expect(Set(Self.shipped + ["mine"]).isSubset(of: Set(names)))
        #expect(names == names.sorted())
    }

    @Test func fileOfANameIsTheOneLoaded() throws {
        let dir = try TemporaryDirectory()
        let themes = dir.path + "/anvil/themes"
        try FileManager.default.createDirectory(atPath: themes, withIntermediateDirectories: true)
        try "color normal red default\n".write(toFile: themes + "/light.theme", atomically: true, encoding: .utf8)
        let loader = ThemeLoader(directories: [themes, ThemeLoader.packageThemesDirectory])
        #expect(loader.file(of: "light") == themes + "/light.theme")
        #expect(loader.file(of: "mono") == ThemeLoader.packageThemesDirectory + "/mono.theme")
        #expect(loader.file(of: "no-such-theme") == nil)
        #expect(loader.file(of: "../light") == nil)
        #expect(ThemeLoader(directories: [themes]).file(of: "default") == nil, "the built-in theme has no file")
    }

    @Test func aPathsFolderIsItsTextUpToTheLastSlash() {
        #expect(ThemeLoader.folder(of: "/opt/anvil/bin/anvil") == "/opt/anvil/bin")
        #expect(ThemeLoader.folder(of: "/opt/anvil/bin/") == "/opt/anvil")
        #expect(ThemeLoader.folder(of: "/anvil") == "/")
        #expect(ThemeLoader.folder(of: "/") == "/")
        #expect(ThemeLoader.folder(of: "anvil") == ".")
        let dirs = ThemeLoader.standardDirectories(environment: [:], executablePath: "/anvil")
        #expect(dirs.prefix(2) == ["/themes", "/share/anvil/themes"])
        #expect(ThemeLoader.currentExecutablePath()?.hasPrefix("/") == true)
    }

    @Test func homeConfigUsedWithoutXDG() {
        let dirs = ThemeLoader.standardDirectories(
            environment: ["HOME": "/home/u"], executablePath: "/opt/anvil/bin/anvil")
        #expect(
            dirs.prefix(3) == [
                "/home/u/.config/anvil/themes", "/opt/anvil/bin/themes", "/opt/anvil/share/anvil/themes",
            ])
        #expect(dirs.last == ThemeLoader.packageThemesDirectory)
    }

    @Test func unknownThemeListsAvailableNames() {
        let loader = ThemeLoader(directories: [ThemeLoader.packageThemesDirectory])
        do {
            _ = try loader.load(named: "solarized")
            Issue.record("loaded a theme that does not exist")
        } catch {
            #expect(error.message.contains("unknown theme"))
            #expect(error.message.contains("solarized"))
            for name in Self.shipped { #expect(error.message.contains(name)) }
        }
    }

    @Test(arguments: ["../etc/passwd", "a/b", "", ".hidden"])
    func refusesPathsAsNames(name: String) {
        #expect(throws: ThemeError.self) {
            try ThemeLoader(directories: [ThemeLoader.packageThemesDirectory]).load(named: name)
        }
    }

    @Test func errorInFileNamesItsPath() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path + "/bad.theme"
        try "color normal default default\ncolor title purple default\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ThemeError(file: path, line: 2, reason: "unknown colour 'purple'")) {
            try ThemeLoader.load(file: path)
        }
    }
}

/// A fresh folder under the temporary directory, removed when released.
final class TemporaryDirectory {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "anvil-theme-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}
