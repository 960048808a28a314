/// Lets the options every command shares come before the command's name, as in
/// `anvil --demo dump URL`: they are moved after it, where the command parses them. Also reads
/// `--demo KIND` and `--demo=KIND` as `--demo --demo-kind KIND`, so that a bare `--demo` stays a flag.
enum ArgumentOrder {
    /// Shared options, and whether each takes a value.
    static let sharedOptions: [String: Bool] = [
        "--demo": false, "--demo-kind": true, "--config": true, "--demo-latency": true,
    ]
    static let commands: Set<String> = ["browse", "dump", "demo-server"]
    /// The words `--demo` takes as its kind; any other word after it is left alone (a URL, a command).
    static let demoKinds: Set<String> = Set(DemoKind.allCases.map(\.rawValue))

    /// `arguments` (without the program name) with `--demo KIND` spelled out and leading shared
    /// options moved after a command name that follows them.
    static func normalise(_ arguments: [String]) -> [String] {
        reorder(spellingOutDemoKind(arguments))
    }

    /// `--demo KIND` and `--demo=KIND` as `--demo --demo-kind KIND`, up to a `--`.
    static func spellingOutDemoKind(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word == "--" { return result + arguments[index...] }
            if word.hasPrefix("--demo=") {
                result += ["--demo", "--demo-kind", String(word.dropFirst("--demo=".count))]
            } else if word == "--demo", index + 1 < arguments.count, demoKinds.contains(arguments[index + 1]) {
                result += ["--demo", "--demo-kind", arguments[index + 1]]
                index += 1
            } else {
                result.append(word)
            }
            index += 1
        }
        return result
    }

    /// Leading shared options moved after a command name that follows them; unchanged when
    /// anything else comes first.
    static func reorder(_ arguments: [String]) -> [String] {
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if commands.contains(word) {
                guard index > 0 else { return arguments }
                return [word] + arguments[..<index] + arguments[(index + 1)...]
            }
            let name = String(word.prefix { $0 != "=" })
            guard let takesValue = sharedOptions[name] else { return arguments }
            index += takesValue && !word.contains("=") ? 2 : 1
        }
        return arguments
    }
}
