/// A one-line text field: the `:` command prompt and the `/` search prompt.
public struct LineEditor: Hashable, Sendable {
    /// What the prompt shows before the text, e.g. `:` or `/`.
    public var prompt: String
    public private(set) var text: [Character] = []
    /// Insertion point, 0...text.count.
    public private(set) var caret: Int = 0
    private var history: [String]
    private var historyIndex: Int
    /// The choices Tab is stepping through, and which one is shown.
    private var cycle: Cycle?

    private struct Cycle: Hashable, Sendable {
        var options: [String]
        var index: Int
    }

    /// What a key did to the field.
    public enum Outcome: Hashable, Sendable { case editing, submitted(String), cancelled }

    public init(prompt: String, text: String = "", history: [String] = []) {
        self.prompt = prompt
        self.text = Array(text)
        self.caret = self.text.count
        self.history = history
        self.historyIndex = history.count
    }

    public var string: String { String(text) }

    /// Applies one key. `complete` offers completions of the whole text for Tab.
    public mutating func handle(_ key: Key, complete: ((String) -> [String])? = nil) -> Outcome {
        if key != .tab { cycle = nil }
        switch key {
        case .enter: return .submitted(string)
        case .escape, .ctrl("c"), .ctrl("g"): return .cancelled
        case .backspace:
            if text.isEmpty { return .cancelled }
            if caret > 0 {
                text.remove(at: caret - 1)
                caret -= 1
            }
        case .delete, .ctrl("d"):
            if caret < text.count { text.remove(at: caret) }
        case .left, .ctrl("b"): caret = max(0, caret - 1)
        case .right, .ctrl("f"): caret = min(text.count, caret + 1)
        case .home, .ctrl("a"): caret = 0
        case .end, .ctrl("e"): caret = text.count
        case .ctrl("u"):
            text.removeSubrange(0..<caret)
            caret = 0
        case .ctrl("k"): text.removeSubrange(caret..<text.count)
        case .ctrl("w"):
            var start = caret
            while start > 0, text[start - 1] == " " { start -= 1 }
            while start > 0, text[start - 1] != " " { start -= 1 }
            text.removeSubrange(start..<caret)
            caret = start
        case .up:
            if historyIndex > 0 {
                historyIndex -= 1
                setText(history[historyIndex])
            }
        case .down:
            if historyIndex < history.count - 1 {
                historyIndex += 1
                setText(history[historyIndex])
            } else {
                historyIndex = history.count
                setText("")
            }
        case .tab: completeOrCycle(complete)
        case .char(let c):
            text.insert(c, at: caret)
            caret += 1
        default: break
        }
        return .editing
    }

    /// Tab: the only choice, else the choices' common start; on an empty prompt, each Tab shows
    /// the next choice in turn.
    private mutating func completeOrCycle(_ complete: ((String) -> [String])?) {
        if let cycle, cycle.options.indices.contains(cycle.index), string == cycle.options[cycle.index] {
            let next = (cycle.index + 1) % cycle.options.count
            self.cycle = Cycle(options: cycle.options, index: next)
            return setText(cycle.options[next])
        }
        guard let options = complete?(string), !options.isEmpty else { return }
        if options.count == 1 { return setText(options[0]) }
        let prefix = Self.commonPrefix(options)
        if prefix.count > text.count { return setText(prefix) }
        // Typed text that fits several choices stays as typed; an empty prompt offers them in turn.
        guard text.isEmpty else { return }
        cycle = Cycle(options: options, index: 0)
        setText(options[0])
    }

    private mutating func setText(_ s: String) {
        text = Array(s)
        caret = text.count
    }

    static func commonPrefix(_ items: [String]) -> String {
        guard var prefix = items.first else { return "" }
        for item in items.dropFirst() {
            while !item.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}
