/// Maps keys to actions. Built from `Action.defaultKeys`, then overridden from the config.
public struct Keymap: Sendable {
    /// The bindings once one was changed; until then the defaults, which every keymap shares.
    private var changed: [Key: Action]?

    private var bindings: [Key: Action] { changed ?? Self.defaults }

    /// The default bindings of every action, made at their first use (the first key, or the
    /// config's `[keys]`) rather than on the way to the first screen.
    private static let defaults: [Key: Action] = {
        var bindings: [Key: Action] = [:]
        for action in Action.allCases {
            for name in action.defaultKeys {
                if let key = KeyName.parse(name) { bindings[key] = action }
            }
        }
        return bindings
    }()

    /// The default bindings of every action.
    public init() {}

    public func action(for key: Key) -> Action? { bindings[key] }

    /// Binds `keys` (key names) to `action`, replacing that action's earlier keys.
    /// Throws a message naming the first key that cannot be parsed.
    public mutating func rebind(_ action: Action, to keys: [String]) throws(KeymapError) {
        var parsed: [Key] = []
        for name in keys {
            guard let key = KeyName.parse(name) else { throw KeymapError.unknownKey(name) }
            parsed.append(key)
        }
        var table = bindings.filter { $0.value != action }
        for key in parsed { table[key] = action }
        changed = table
    }

    /// The keys bound to `action`, in a stable order, as names.
    public func keys(for action: Action) -> [String] {
        bindings.filter { $0.value == action }.map { KeyName.name(of: $0.key) }.sorted { a, b in
            let ia = action.defaultKeys.firstIndex(of: a) ?? Int.max
            let ib = action.defaultKeys.firstIndex(of: b) ?? Int.max
            return ia != ib ? ia < ib : a < b
        }
    }
}

public enum KeymapError: Error, Hashable, Sendable {
    case unknownKey(String)
    case unknownAction(String)

    public var message: String {
        switch self {
        case .unknownKey(let k): return "unknown key name '\(k)'"
        case .unknownAction(let a): return "unknown action '\(a)'"
        }
    }
}

/// Names of keys as written in the config and shown on the help screen: `j`, `Down`, `C-r`.
public enum KeyName {
    private static let named: [(String, Key)] = [
        ("Up", .up), ("Down", .down), ("Left", .left), ("Right", .right), ("Home", .home), ("End", .end),
        ("PgUp", .pageUp), ("PgDn", .pageDown), ("Enter", .enter), ("Esc", .escape), ("Backspace", .backspace),
        ("Delete", .delete), ("Tab", .tab), ("BackTab", .backTab), ("Insert", .insert), ("Space", .char(" ")),
    ]

    /// `named` by lower-case name.
    private static let namedByLowercase = Dictionary(
        named.map { ($0.0.lowercased(), $0.1) }, uniquingKeysWith: { first, _ in first })

    public static func parse(_ name: String) -> Key? {
        if let key = namedByLowercase[name.lowercased()] { return key }
        if name.count == 1, let c = name.first { return .char(c) }
        if name.hasPrefix("C-"), name.count == 3, let c = name.last, c.isLetter {
            return .ctrl(Character(c.lowercased()))
        }
        if name.hasPrefix("F"), let n = Int(name.dropFirst()), (1...24).contains(n) { return .function(n) }
        return nil
    }

    public static func name(of key: Key) -> String {
        if let hit = named.first(where: { $0.1 == key }) { return hit.0 }
        switch key {
        case .char(let c): return String(c)
        case .ctrl(let c): return "C-\(c)"
        case .function(let n): return "F\(n)"
        default: return "?"
        }
    }
}
