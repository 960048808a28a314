import Foundation

/// A small TQL (tuleap-rest.md §6.3) for the demo: comparisons of field short names and
/// `@comments` with `=`, `!=`, `<`, `<=`, `>`, `>=`, `IN (…)`, `NOT IN (…)`, joined by `AND`,
/// `OR` and parentheses. Refusals use Tuleap's words.
struct TuleapDemoTQL {
    enum Failure: Error, Equatable {
        case message(String)
    }

    indirect enum Node {
        case and(Node, Node)
        case or(Node, Node)
        case compare(name: String, op: String, values: [String])
    }

    enum Token: Equatable {
        case word(String)
        case text(String)
        case symbol(String)
    }

    static let syntax = Failure.message("Error during parsing expert query")

    /// The parsed query, checked against `tracker`'s fields.
    static func parse(_ query: String, tracker: TuleapDemoTracker) throws(Failure) -> Node {
        var parser = Parser(tokens: try tokens(query))
        let node = try parser.or()
        guard parser.index == parser.tokens.count else { throw syntax }
        try check(node, tracker: tracker)
        return node
    }

    static func tokens(_ query: String) throws(Failure) -> [Token] {
        var result: [Token] = []
        var chars = Array(query)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace {
                i += 1
            } else if c == "\"" || c == "'" {
                var text = ""
                i += 1
                while i < chars.count, chars[i] != c {
                    if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                    text.append(chars[i])
                    i += 1
                }
                guard i < chars.count else { throw syntax }
                i += 1
                result.append(.text(text))
            } else if "()=,".contains(c) {
                result.append(.symbol(String(c)))
                i += 1
            } else if "!<>".contains(c) {
                if i + 1 < chars.count, chars[i + 1] == "=" {
                    result.append(.symbol(String(c) + "="))
                    i += 2
                } else if c == "!" {
                    throw syntax
                } else {
                    result.append(.symbol(String(c)))
                    i += 1
                }
            } else {
                var word = ""
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || "_@.-".contains(chars[i]) {
                    word.append(chars[i])
                    i += 1
                }
                guard !word.isEmpty else { throw syntax }
                result.append(.word(word))
            }
        }
        chars = []
        return result
    }

    struct Parser {
        let tokens: [Token]
        var index = 0

        mutating func next() -> Token? {
            guard index < tokens.count else { return nil }
            defer { index += 1 }
            return tokens[index]
        }

        func peekWord(_ word: String) -> Bool {
            guard index < tokens.count, case .word(let w) = tokens[index] else { return false }
            return w.lowercased() == word
        }

        mutating func or() throws(Failure) -> Node {
            var left = try and()
            while peekWord("or") {
                index += 1
                left = .or(left, try and())
            }
            return left
        }

        mutating func and() throws(Failure) -> Node {
            var left = try term()
            while peekWord("and") {
                index += 1
                left = .and(left, try term())
            }
            return left
        }

        mutating func term() throws(Failure) -> Node {
            guard let token = next() else { throw TuleapDemoTQL.syntax }
            if token == .symbol("(") {
                let inner = try or()
                guard next() == .symbol(")") else { throw TuleapDemoTQL.syntax }
                return inner
            }
            guard case .word(let name) = token else { throw TuleapDemoTQL.syntax }
            if peekWord("not") {
                index += 1
                guard peekWord("in") else { throw TuleapDemoTQL.syntax }
                index += 1
                return .compare(name: name, op: "not in", values: try list())
            }
            if peekWord("in") {
                index += 1
                return .compare(name: name, op: "in", values: try list())
            }
            guard case .symbol(let op)? = next(), ["=", "!=", "<", "<=", ">", ">="].contains(op) else {
                throw TuleapDemoTQL.syntax
            }
            return .compare(name: name, op: op, values: [try value()])
        }

        mutating func list() throws(Failure) -> [String] {
            guard next() == .symbol("(") else { throw TuleapDemoTQL.syntax }
            var values = [try value()]
            while let token = next() {
                if token == .symbol(")") { return values }
                guard token == .symbol(",") else { throw TuleapDemoTQL.syntax }
                values.append(try value())
            }
            throw TuleapDemoTQL.syntax
        }

        mutating func value() throws(Failure) -> String {
            switch next() {
            case .text(let text)?: return text
            case .word(let word)? where Double(word) != nil: return word
            default: throw TuleapDemoTQL.syntax
            }
        }
    }

    static func check(_ node: Node, tracker: TuleapDemoTracker) throws(Failure) {
        switch node {
        case .and(let a, let b), .or(let a, let b):
            try check(a, tracker: tracker)
            try check(b, tracker: tracker)
        case .compare(let name, _, let values):
            if name.lowercased() == "@comments" { return }
            guard let field = tracker.field(named: name) else {
                throw .message(
                    "We cannot search on '\(name)', we don't know what it refers to. Please refer to the documentation for the allowed comparisons."
                )
            }
            guard ["sb", "msb", "rb", "cb"].contains(field.type), !field.boundToUsers else { return }
            for value in values where !value.isEmpty && !field.values.contains(where: { $0.label == value }) {
                throw .message("The value '\(value)' doesn't exist for the list field '\(name)'.")
            }
        }
    }

    /// Whether `artifact` matches.
    static func matches(_ node: Node, _ artifact: TuleapDemoArtifact, data: TuleapDemoData) -> Bool {
        guard let tracker = data.tracker(artifact.trackerID) else { return false }
        switch node {
        case .and(let a, let b): return matches(a, artifact, data: data) && matches(b, artifact, data: data)
        case .or(let a, let b): return matches(a, artifact, data: data) || matches(b, artifact, data: data)
        case .compare(let name, let op, let values):
            let wanted = values.first ?? ""
            if name.lowercased() == "@comments" {
                let comments = artifact.changesets.map(\.comment).filter { !$0.isEmpty }
                let found =
                    wanted.isEmpty
                    ? comments.isEmpty : comments.contains { $0.lowercased().contains(wanted.lowercased()) }
                return op == "!=" ? !found : found
            }
            guard let field = tracker.field(named: name) else { return false }
            let texts = Self.texts(artifact.values[field.id], field: field, data: data)
            switch op {
            case "in": return texts.contains { text in values.contains { $0.lowercased() == text.lowercased() } }
            case "not in": return !texts.contains { text in values.contains { $0.lowercased() == text.lowercased() } }
            case "=", "!=":
                let isList = ["sb", "msb", "rb", "cb", "tbl"].contains(field.type)
                let found: Bool
                if wanted.isEmpty {
                    found = texts.allSatisfy(\.isEmpty)
                } else if isList {
                    found = texts.contains { $0.lowercased() == wanted.lowercased() }
                } else {
                    found = texts.contains { $0.lowercased().contains(wanted.lowercased()) }
                }
                return op == "=" ? found : !found
            default:
                guard let text = texts.first, !text.isEmpty else { return false }
                let left = Double(text)
                let right = Double(wanted)
                let order: ComparisonResult
                if let left, let right {
                    order = left < right ? .orderedAscending : left > right ? .orderedDescending : .orderedSame
                } else {
                    order = text.compare(wanted)
                }
                switch op {
                case "<": return order == .orderedAscending
                case "<=": return order != .orderedDescending
                case ">": return order == .orderedDescending
                default: return order != .orderedAscending
                }
            }
        }
    }

    /// The texts a value compares as: list labels (usernames), numbers, dates, strings.
    static func texts(_ value: TuleapDemoValue?, field: TuleapDemoField, data: TuleapDemoData) -> [String] {
        switch value {
        case .string(let text)?, .text(let text, _)?: return [text]
        case .int(let number)?: return [number.map(String.init) ?? ""]
        case .float(let number)?: return [number.map { String($0) } ?? ""]
        case .date(let day)?: return [day ?? ""]
        case .list(let ids)?:
            let labels = ids.compactMap { id in
                field.boundToUsers ? data.user(id)?.username : field.values.first { $0.id == id }?.label
            }
            return labels.isEmpty ? [""] : labels
        case .tags(let tags)?: return tags.isEmpty ? [""] : tags
        default: return [""]
        }
    }
}
