import ArgumentParser

/// The plainest command lines — `anvil`, `anvil URL`, `anvil --demo gitlab`, with `--config`,
/// `--theme`, `--offline` or `--no-cache` — read without ArgumentParser, whose reflection over its
/// property wrappers took half the time from process start to the first request. Anything else
/// (a command, `--help`, `--version`, an option it does not know, a value that needs checking)
/// returns nil and goes to ArgumentParser, which stays the parser of record: a test checks that
/// both read every line this one accepts the same way.
struct QuickBrowse {
    var demo = false
    var demoKind: String?
    var config: String?
    var theme: String?
    var offline = false
    var noCache = false
    var url: String?

    /// Words that are commands (or ask for help) rather than a URL.
    static let commandWords: Set<String> = ["browse", "dump", "sync", "demo-server", "themes", "help"]

    /// Reads `arguments` (normalised by `ArgumentOrder`); nil when they are not that plain.
    init?(_ arguments: [String]) {
        var index = 0
        func value(of word: String, name: String) -> String? {
            if word.hasPrefix(name + "=") { return String(word.dropFirst(name.count + 1)) }
            guard word == name, index + 1 < arguments.count else { return nil }
            index += 1
            let next = arguments[index]
            return next.hasPrefix("-") ? nil : next
        }
        while index < arguments.count {
            let word = arguments[index]
            switch word {
            case "--demo":
                guard !demo else { return nil }
                demo = true
            case "--offline":
                guard !offline else { return nil }
                offline = true
            case "--no-cache":
                guard !noCache else { return nil }
                noCache = true
            default:
                if word.hasPrefix("--demo-kind") {
                    guard demoKind == nil, let kind = value(of: word, name: "--demo-kind"),
                        DemoKind(rawValue: kind) != nil
                    else { return nil }
                    demoKind = kind
                } else if word.hasPrefix("--config") {
                    guard config == nil, let path = value(of: word, name: "--config") else { return nil }
                    config = path
                } else if word.hasPrefix("--theme") {
                    guard theme == nil, let name = value(of: word, name: "--theme") else { return nil }
                    theme = name
                } else {
                    guard url == nil, !word.hasPrefix("-"), !Self.commandWords.contains(word) else { return nil }
                    url = word
                }
            }
            index += 1
        }
    }

    /// The `browse` command these arguments make, as ArgumentParser would have made it.
    var command: Browse {
        var common = CommonOptions()
        common.demo = demo
        common.demoKindName = demoKind
        common.config = config
        common.offline = offline
        common.noCache = noCache
        common.demoLatency = 0
        var browse = Browse()
        browse.common = common
        browse.theme = theme
        browse.url = url
        return browse
    }
}
