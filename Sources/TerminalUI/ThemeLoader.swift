import Foundation

/// Finds and loads themes by name: the user's own themes first, then the themes shipped with
/// Anvil, then the built-in `default` theme.
public struct ThemeLoader: Sendable {
    /// The folders searched, in order; the first one holding `NAME.theme` wins.
    public var directories: [String]

    /// A loader searching `directories`.
    public init(directories: [String]) {
        self.directories = directories
    }

    /// A loader searching the standard places for `environment` (see `standardDirectories`).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.directories = ThemeLoader.standardDirectories(environment: environment)
    }

    /// `$XDG_CONFIG_HOME/anvil/themes` (default `~/.config`), `<exe dir>/themes`,
    /// `<exe dir>/../share/anvil/themes`, then the package's own `themes/` folder.
    public static func standardDirectories(
        environment: [String: String], executablePath: String? = currentExecutablePath()
    ) -> [String] {
        var result: [String] = []
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            result.append(config + "/anvil/themes")
        } else if let home = environment["HOME"], !home.isEmpty {
            result.append(home + "/.config/anvil/themes")
        }
        if let executablePath {
            let exeDir = folder(of: executablePath)
            result.append(path(exeDir, "themes"))
            result.append(path(folder(of: exeDir), "share/anvil/themes"))
        }
        result.append(packageThemesDirectory)
        var seen = Set<String>()
        return result.filter { seen.insert($0).inserted }
    }

    /// The `themes/` folder of the source package this file was built from.
    public static let packageThemesDirectory: String = path(folder(of: folder(of: folder(of: #filePath))), "themes")

    /// The path of the running executable with its links resolved, if known.
    public static func currentExecutablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if length > 0 { return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        guard let path = Bundle.main.executablePath, let resolved = realpath(path, nil) else {
            return Bundle.main.executablePath
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The folder `path` is in: its text up to the last slash (`/` for a file at the root, `.`
    /// for a bare name). Plain text: Foundation's URL works the path out through its whole parser.
    static func folder(of path: String) -> String {
        var text = Substring(path)
        while text.utf8.count > 1, text.utf8.last == UInt8(ascii: "/") { text.removeLast() }
        guard let slash = text.lastIndex(of: "/") else { return "." }
        return slash == text.startIndex ? "/" : String(text[..<slash])
    }

    /// Whether something is at `path`: one system call, where `FileManager` sets up first.
    private static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    private static func path(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// Loads theme `name` from the first folder that has it, or the built-in default theme.
    /// An unknown name gives an error that lists the available themes.
    public func load(named name: String) throws(ThemeError) -> Theme {
        guard ThemeLoader.isValidName(name) else {
            throw ThemeError(file: name, line: nil, reason: "not a theme name (letters, digits, '-', '_' and '.' only)")
        }
        for directory in directories {
            let path = directory + "/" + name + ".theme"
            if Self.exists(path) {
                return try ThemeLoader.load(file: path)
            }
        }
        if name == BuiltinTheme.name { return BuiltinTheme.theme }
        throw ThemeError(
            file: name, line: nil,
            reason: "unknown theme (available: \(available().joined(separator: ", ")))")
    }

    /// The file theme `name` is loaded from, or nil when no folder has it (`default` is then the
    /// built-in theme; any other name is unknown).
    public func file(of name: String) -> String? {
        guard ThemeLoader.isValidName(name) else { return nil }
        return directories.lazy.map { $0 + "/" + name + ".theme" }
            .first { Self.exists($0) }
    }

    /// Names of every theme that can be loaded, sorted, without duplicates.
    public func available() -> [String] {
        var names: Set<String> = [BuiltinTheme.name]
        for directory in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files where file.hasSuffix(".theme") {
                let name = String(file.dropLast(6))
                if ThemeLoader.isValidName(name) { names.insert(name) }
            }
        }
        return names.sorted()
    }

    /// Loads theme `name` from the standard places for `environment`.
    public static func load(named name: String, environment: [String: String]) throws(ThemeError) -> Theme {
        try ThemeLoader(environment: environment).load(named: name)
    }

    /// Loads a theme file by path.
    public static func load(file path: String) throws(ThemeError) -> Theme {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ThemeError(file: path, line: nil, reason: "cannot read theme file")
        }
        return try ThemeParser.parse(text, file: path)
    }

    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0))
            }
    }
}

/// The `default` theme compiled in, so Anvil draws sensibly when no theme file is found.
/// Keep it the same as `themes/default.theme` (a test checks).
public enum BuiltinTheme {
    public static let name = "default"

    /// The rules of the default theme, in the theme file format.
    public static let text = """
        color normal        default       default
        color title         white         blue      bold
        color status        black         cyan
        color error         bright-red    default   bold
        color cursor        default       default   reverse
        color pointer       default       default
        color tree          default       default
        color author        green         default
        color date          default       default
        color quote         default       default   dim italic
        color code          yellow        default
        color link          blue          default
        color heading       magenta       default   bold
        color label         black         yellow
        color ticket-open   green         default
        color ticket-closed default       default   dim
        color unread        yellow        default
        color tagged        magenta       default   bold
        color search-match  black         yellow    bold
        color muted         default       default   dim
        color emphasis      default       default   italic
        color strong        default       default   bold
        color strike        default       default   dim
        color mention       cyan          default   bold
        color reference     cyan          default   underline
        color macro         magenta       default
        color key           yellow        default   bold
        color prompt        default       default   bold
        color placeholder   default       default   dim italic
        """

    /// The parsed default theme.
    public static var theme: Theme {
        (try? ThemeParser.parse(text, file: "default.theme")) ?? Theme(name: name, styles: [:])
    }
}
