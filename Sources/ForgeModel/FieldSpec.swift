import Foundation

/// A ticket field beyond the built-in ones (summary, status, assignee, labels, milestone), as a
/// tracker defines it: its key, the name people see, and what it may hold.
public struct FieldSpec: Hashable, Sendable {
    /// What kind of value the field holds.
    public enum Kind: String, Hashable, Sendable {
        case text, number, flag, date, user
        /// One of `choices`.
        case choice
    }

    /// The key of the field in `Ticket.customFields` and `TicketEdit.fields`.
    public var key: String
    /// The name shown to people (`Priority`, `Found in`, `Due date`).
    public var name: String
    public var kind: Kind
    /// For `.choice`, every value allowed; for other kinds, values seen in use (suggestions).
    public var choices: [String]
    /// Whether Anvil can write the field on this forge.
    public var isWritable: Bool
    /// Whether ticket lists show the field as a column when there is room (a tracker's own
    /// select fields on Tuleap: severity, category).
    public var isListColumn: Bool

    public init(
        key: String, name: String, kind: Kind = .text, choices: [String] = [], isWritable: Bool = true,
        isListColumn: Bool = false
    ) {
        self.key = key
        self.name = name
        self.kind = kind
        self.choices = choices
        self.isWritable = isWritable
        self.isListColumn = isListColumn
    }

    /// Whether `word` names this field, by key or by name, ignoring case.
    public func isNamed(_ word: String) -> Bool {
        let wanted = word.trimmedOfSpaces.lowercased()
        return key.lowercased() == wanted || name.lowercased() == wanted
    }

    /// Why `text` cannot be written to the field.
    public struct Rejection: Error, Hashable, Sendable {
        public var message: String
    }

    /// The value `text` stands for in this field: `.empty` for blank text (clearing the field),
    /// a number for a number field, a flag for `yes`/`no`, a choice in the tracker's spelling.
    public func value(parsing text: String) -> Result<FieldValue, Rejection> {
        let text = text.trimmedOfSpaces
        guard isWritable else { return .failure(Rejection(message: "\(name) cannot be changed from Anvil")) }
        if text.isEmpty { return .success(.empty) }
        switch kind {
        case .text, .user:
            return .success(.text(text))
        case .number:
            guard let number = Double(text), number.isFinite else {
                return .failure(Rejection(message: "\(name) takes a number, not \(text)"))
            }
            return .success(.number(number))
        case .flag:
            switch text.lowercased() {
            case "yes", "y", "true", "on", "1": return .success(.bool(true))
            case "no", "n", "false", "off", "0": return .success(.bool(false))
            default: return .failure(Rejection(message: "\(name) takes yes or no, not \(text)"))
            }
        case .date:
            guard Self.isCalendarDate(text) else {
                return .failure(Rejection(message: "\(name) takes a date as YYYY-MM-DD, not \(text)"))
            }
            return .success(.text(text))
        case .choice:
            guard let choice = choices.first(where: { $0.lowercased() == text.lowercased() }) else {
                return .failure(
                    Rejection(message: "\(name) is one of \(choices.joined(separator: ", ")); not \(text)"))
            }
            return .success(.text(choice))
        }
    }

    /// A one-line description of what the field takes, for templates and prompts.
    public var hint: String {
        switch kind {
        case .choice: return "one of " + choices.joined(separator: ", ")
        case .flag: return "yes or no"
        case .date: return "a date, YYYY-MM-DD"
        case .number: return "a number"
        case .user: return "a user name"
        case .text:
            let shown = choices.prefix(6)
            guard !shown.isEmpty else { return "text" }
            return "in use: " + shown.joined(separator: ", ") + (choices.count > shown.count ? ", …" : "")
        }
    }

    /// `2026-12-03`: four-digit year, month 1–12, a day the month has.
    static func isCalendarDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// A readable name for a bare key: underscores as spaces, the first letter capitalised
    /// (`found_in` → `Found in`). Backends use it where the forge gives no name.
    public static func humanName(_ key: String) -> String {
        let bare = key.replacingOccurrences(of: "_", with: " ").trimmedOfSpaces
        guard let first = bare.first else { return key }
        return first.uppercased() + bare.dropFirst()
    }
}
