/// Lets the options every command shares come before the command's name, as in
/// `anvil --demo dump URL`: they are moved after it, where the command parses them.
enum ArgumentOrder {
    /// Shared options, and whether each takes a value.
    static let sharedOptions: [String: Bool] = ["--demo": false, "--config": true, "--demo-latency": true]
    static let commands: Set<String> = ["browse", "dump", "demo-server"]

    /// `arguments` (without the program name) with leading shared options moved after a command
    /// name that follows them; unchanged when anything else comes first.
    static func normalise(_ arguments: [String]) -> [String] {
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
