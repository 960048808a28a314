import ForgeModel
import Foundation
import TOMLKit
import TerminalUI

/// Turns config text into an `AnvilConfig`, checking every key and type, with errors that name
/// the file, the line and the key.
struct ConfigDecoder {
    private let text: String
    private let file: String
    private let locator: TOMLKeyLocator
    private let kinds: ForgeKinds?

    init(text: String, file: String, kinds: ForgeKinds? = nil) {
        self.text = text
        self.file = file
        self.locator = TOMLKeyLocator(text: text)
        self.kinds = kinds
    }

    func decode() throws(ConfigError) -> AnvilConfig {
        let root = try parseTOML()
        try rejectUnknownKeys(
            in: root, at: [],
            allowed: [
                "default_forge", "theme", "ascii", "cursor", "max_response_mb", "cache_mb", "forges", "keys",
                "searches", "trackers", "osc8", "osc52",
            ])
        let forges = try decodeForges(root["forges"])
        let defaultForgeName = try string(root["default_forge"], at: ["default_forge"])
        if let name = defaultForgeName, forges[name] == nil {
            let known = forges.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
            throw error(
                at: ["default_forge"],
                "no forge named '\(name)'"
                    + (known.isEmpty ? " (there is no [forges] table)" : "; configured: \(known)"))
        }
        let theme = try string(root["theme"], at: ["theme"])
        if let theme, theme.isEmpty { throw error(at: ["theme"], "must not be empty") }
        var cursor: CursorStyle?
        if let name = try string(root["cursor"], at: ["cursor"]) {
            guard let style = CursorStyle(rawValue: name) else {
                let names = CursorStyle.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
                throw error(at: ["cursor"], "expected \(names)")
            }
            cursor = style
        }
        var maximumResponseMB: Int?
        if let value = root["max_response_mb"] {
            guard let number = value.int, (1...4096).contains(number) else {
                throw typeError(
                    at: ["max_response_mb"], expected: "a whole number of megabytes from 1 to 4096", found: value)
            }
            maximumResponseMB = number
        }
        var cacheMB: Int?
        if let value = root["cache_mb"] {
            guard let number = value.int, (0...1_000_000).contains(number) else {
                throw typeError(
                    at: ["cache_mb"], expected: "a whole number of megabytes (0 for no cache)", found: value)
            }
            cacheMB = number
        }
        var config = AnvilConfig(
            file: file,
            configuredForges: forges,
            defaultForgeName: defaultForgeName,
            theme: theme,
            ascii: try bool(root["ascii"], at: ["ascii"]),
            cursor: cursor,
            keymap: try decodeKeymap(root["keys"]),
            searches: try decodeSearches(root["searches"]),
            trackerStatuses: try decodeTrackers(root["trackers"]))
        if let maximumResponseMB { config.maximumResponseBytes = maximumResponseMB << 20 }
        if let cacheMB { config.cacheBytes = cacheMB << 20 }
        config.osc8 = try bool(root["osc8"], at: ["osc8"])
        config.osc52 = try bool(root["osc52"], at: ["osc52"]) ?? true
        return config
    }

    // MARK: - Sections

    private func parseTOML() throws(ConfigError) -> TOMLTable {
        do {
            return try TOMLTable(string: text)
        } catch let parseError as TOMLParseError {
            throw ConfigError(
                file: file, line: parseError.source.begin.line, column: parseError.source.begin.column,
                problem: "malformed TOML: \(Self.oneLine(parseError.description))")
        } catch {
            throw ConfigError(file: file, problem: "malformed TOML")
        }
    }

    private func decodeForges(_ value: TOMLValueConvertible?) throws(ConfigError) -> [String: ForgeConfig] {
        guard let table = try table(value, at: ["forges"]) else { return [:] }
        var forges: [String: ForgeConfig] = [:]
        for (name, entry) in table {
            forges[name] = try decodeForge(named: name, entry)
        }
        return forges
    }

    private func decodeForge(named name: String, _ value: TOMLValueConvertible) throws(ConfigError) -> ForgeConfig {
        let path = ["forges", name]
        guard let table = try table(value, at: path) else { throw error(at: path, "expected a table") }
        try rejectUnknownKeys(
            in: table, at: path, allowed: ["url", "kind", "auth", "token_command", "token_file", "username"])
        guard let urlText = try string(table["url"], at: path + ["url"]) else {
            throw error(at: path, "missing url (for example url = \"https://sourceforge.net\")")
        }
        let url = try forgeURL(urlText, at: path + ["url"])
        let tokenCommand = try nonEmptyString(table["token_command"], at: path + ["token_command"])
        let tokenFile = try nonEmptyString(table["token_file"], at: path + ["token_file"])
        let username = try nonEmptyString(table["username"], at: path + ["username"])
        let kind = try nonEmptyString(table["kind"], at: path + ["kind"])
        let auth = try nonEmptyString(table["auth"], at: path + ["auth"])
        try check(kind: kind, auth: auth, url: url, at: path)
        return ForgeConfig(
            name: name, url: url, tokenCommand: tokenCommand, tokenFile: tokenFile, username: username, kind: kind,
            auth: auth)
    }

    /// `kind` must be one Anvil knows, and `auth` a mode of that kind (or of the kind the URL
    /// shows); unchecked without `kinds`.
    private func check(kind: String?, auth: String?, url: URL, at path: [String]) throws(ConfigError) {
        guard let kinds else { return }
        let names = kinds.authModes.keys.sorted()
        if let kind, kinds.authModes[kind] == nil {
            throw error(
                at: path + ["kind"], "unknown kind '\(kind)' (expected one of: \(names.joined(separator: ", ")))")
        }
        guard let auth else { return }
        guard let effective = kind ?? kinds.recognise(url), let modes = kinds.authModes[effective] else {
            throw error(
                at: path + ["auth"],
                "the URL does not show which kind of forge this is; add kind = (\(names.joined(separator: ", ")))")
        }
        if !modes.contains(auth) {
            let expected = modes.map { "'\($0)'" }.joined(separator: " or ")
            throw error(
                at: path + ["auth"], "'\(auth)' is not an auth mode of \(effective) forges (expected \(expected))")
        }
    }

    /// An http(s) URL with a host and without a user name, password, query or fragment.
    /// The text itself is not quoted back: a URL may carry a password.
    private func forgeURL(_ text: String, at path: [String]) throws(ConfigError) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else {
            throw error(at: path, "not a valid URL (expected something like https://sourceforge.net)")
        }
        guard scheme == "https" || scheme == "http" else {
            throw error(at: path, "expected an http or https URL")
        }
        guard let host = url.host, !host.isEmpty else { throw error(at: path, "the URL has no host") }
        guard url.user == nil, url.password == nil else {
            throw error(at: path, "the URL must not contain a user name or password; use token_command or token_file")
        }
        guard url.query == nil, url.fragment == nil else {
            throw error(at: path, "the URL must not have a query or fragment")
        }
        return url
    }

    private func decodeKeymap(_ value: TOMLValueConvertible?) throws(ConfigError) -> Keymap {
        var keymap = Keymap()
        guard let table = try table(value, at: ["keys"]) else { return keymap }
        var boundBy: [Key: String] = [:]
        for (actionName, entry) in table {
            let path = ["keys", actionName]
            guard let action = Action(rawValue: actionName) else {
                throw error(at: path, KeymapError.unknownAction(actionName).message)
            }
            let names = try stringList(entry, at: path)
            do {
                try keymap.rebind(action, to: names)
            } catch {
                throw self.error(at: path, error.message)
            }
            for name in names {
                guard let key = KeyName.parse(name) else { continue }
                if let other = boundBy[key], other != actionName {
                    throw error(at: path, "key '\(name)' is also bound to '\(other)'")
                }
                boundBy[key] = actionName
            }
        }
        return keymap
    }

    private func decodeSearches(_ value: TOMLValueConvertible?) throws(ConfigError) -> [NamedSearch] {
        guard let table = try table(value, at: ["searches"]) else { return [] }
        var searches: [(line: Int, search: NamedSearch)] = []
        for (name, entry) in table {
            let path = ["searches", name]
            guard let query = try nonEmptyString(entry, at: path) else { continue }
            searches.append((locator.line(of: path) ?? Int.max, NamedSearch(name: name, query: query)))
        }
        return searches.sorted { $0.line != $1.line ? $0.line < $1.line : $0.search.name < $1.search.name }.map(
            \.search)
    }

    /// `[trackers."p/nimbus/bugs"]` with `open = [...]` and `closed = [...]`.
    private func decodeTrackers(_ value: TOMLValueConvertible?) throws(ConfigError) -> [String: TrackerStatuses] {
        guard let table = try table(value, at: ["trackers"]) else { return [:] }
        var result: [String: TrackerStatuses] = [:]
        for (name, entry) in table {
            let path = ["trackers", name]
            guard let tracker = try self.table(entry, at: path) else { continue }
            try rejectUnknownKeys(in: tracker, at: path, allowed: ["open", "closed"])
            let open = try tracker["open"].map { value throws(ConfigError) in try statusList(value, at: path + ["open"])
            }
            let closed = try tracker["closed"].map { value throws(ConfigError) in
                try statusList(value, at: path + ["closed"])
            }
            guard let open, let closed else { throw error(at: path, "needs both open and closed status lists") }
            result[name.trimming(scalarsIn: "/")] = TrackerStatuses(
                open: open, closed: closed)
        }
        return result
    }

    private func statusList(_ value: TOMLValueConvertible, at path: [String]) throws(ConfigError) -> [String] {
        guard let array = value.array else {
            throw typeError(at: path, expected: "a list of status names", found: value)
        }
        var names: [String] = []
        for element in array {
            guard let name = element.string, !name.isEmpty else {
                throw typeError(at: path, expected: "a list of status names (strings)", found: element)
            }
            names.append(name)
        }
        return names
    }

    // MARK: - Typed values

    private func rejectUnknownKeys(in table: TOMLTable, at path: [String], allowed: Set<String>) throws(ConfigError) {
        // Report the first unknown key in the file, so fixing errors goes top to bottom.
        let unknown = table.keys.filter { !allowed.contains($0) }
            .min { (locator.line(of: path + [$0]) ?? Int.max) < (locator.line(of: path + [$1]) ?? Int.max) }
        if let unknown {
            let expected = allowed.sorted().joined(separator: ", ")
            throw error(at: path + [unknown], "unknown key (expected one of: \(expected))")
        }
    }

    private func table(_ value: TOMLValueConvertible?, at path: [String]) throws(ConfigError) -> TOMLTable? {
        guard let value else { return nil }
        guard let table = value.table else { throw typeError(at: path, expected: "a table", found: value) }
        return table
    }

    private func string(_ value: TOMLValueConvertible?, at path: [String]) throws(ConfigError) -> String? {
        guard let value else { return nil }
        guard let string = value.string else { throw typeError(at: path, expected: "a string", found: value) }
        return string
    }

    private func nonEmptyString(_ value: TOMLValueConvertible?, at path: [String]) throws(ConfigError) -> String? {
        guard let string = try string(value, at: path) else { return nil }
        if string.trimmedOfSpaces.isEmpty { throw error(at: path, "must not be empty") }
        return string
    }

    private func bool(_ value: TOMLValueConvertible?, at path: [String]) throws(ConfigError) -> Bool? {
        guard let value else { return nil }
        guard let bool = value.bool else { throw typeError(at: path, expected: "true or false", found: value) }
        return bool
    }

    /// A list of strings; a single string is taken as a list of one.
    private func stringList(_ value: TOMLValueConvertible, at path: [String]) throws(ConfigError) -> [String] {
        if let single = value.string { return [single] }
        guard let array = value.array else {
            throw typeError(at: path, expected: "a list of key names", found: value)
        }
        var strings: [String] = []
        for element in array {
            guard let string = element.string else {
                throw typeError(at: path, expected: "a list of key names (strings)", found: element)
            }
            strings.append(string)
        }
        return strings
    }

    // MARK: - Errors

    private func typeError(at path: [String], expected: String, found value: TOMLValueConvertible) -> ConfigError {
        error(at: path, "expected \(expected), found \(Self.describe(value.type))")
    }

    private func error(at path: [String], _ problem: String) -> ConfigError {
        ConfigError(file: file, line: locator.line(of: path), key: Self.dotted(path), problem: problem)
    }

    private static func describe(_ type: TOMLType) -> String {
        switch type {
        case .table: return "a table"
        case .array: return "a list"
        case .string: return "a string"
        case .int: return "an integer"
        case .double: return "a number"
        case .bool: return "a boolean"
        case .date: return "a date"
        case .time: return "a time"
        case .dateTime: return "a date and time"
        }
    }

    /// The parser's text with control characters escaped, so the message stays on one line.
    private static func oneLine(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.properties.generalCategory == .control {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result.trimmedOfSpaces
    }

    /// `forges.sf.url`, with parts that are not bare keys quoted: `searches."my open"`.
    static func dotted(_ path: [String]) -> String {
        path.map { part in
            let isBare =
                !part.isEmpty
                && part.unicodeScalars.allSatisfy { c in
                    ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_"
                        || c == "-"
                }
            if isBare { return part }
            let escaped = part.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\""
        }.joined(separator: ".")
    }
}
