import ForgeModel
import Foundation

/// A query syntax error, reported as `solr_error`.
struct QueryError: Error {
    var message: String
}

/// A parsed ticket search (a subset of Solr's standard syntax): `field:value`, quoted phrases,
/// ranges, wildcards, `AND`/`&&`, `OR`/`||`, `NOT`/`!`/`-`, parentheses and bare words.
/// Juxtaposed terms are ANDed.
indirect enum TicketQuery {
    case term(field: String?, value: String, phrase: Bool)
    case range(field: String, low: String, high: String)
    case and(TicketQuery, TicketQuery)
    case or(TicketQuery, TicketQuery)
    case not(TicketQuery)

    static func parse(_ text: String) throws(QueryError) -> TicketQuery {
        var parser = QueryParser(tokens: try QueryLexer.tokens(text))
        let query = try parser.parseOr()
        guard parser.atEnd else { throw QueryError(message: "Cannot parse '\(text)'") }
        return query
    }

    func matches(_ ticket: DemoTicket) -> Bool {
        switch self {
        case .and(let a, let b): return a.matches(ticket) && b.matches(ticket)
        case .or(let a, let b): return a.matches(ticket) || b.matches(ticket)
        case .not(let q): return !q.matches(ticket)
        case .range(let field, let low, let high):
            return TicketFields.inRange(ticket, field: field, low: low, high: high)
        case .term(let field, let value, let phrase):
            guard let field else { return TicketFields.matchesText(ticket, value: value, phrase: phrase) }
            return TicketFields.matches(ticket, field: field, value: value, phrase: phrase)
        }
    }
}

private enum QueryToken: Equatable {
    case open, close, and, or, not
    case term(field: String?, value: String, phrase: Bool)
    case range(field: String, low: String, high: String)
}

private enum QueryLexer {
    static func tokens(_ text: String) throws(QueryError) -> [QueryToken] {
        let chars = Array(text)
        var tokens: [QueryToken] = []
        var i = 0
        func readQuoted() throws(QueryError) -> String {
            i += 1
            var value = ""
            while i < chars.count, chars[i] != "\"" {
                if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                value.append(chars[i])
                i += 1
            }
            guard i < chars.count else { throw QueryError(message: "unterminated quote") }
            i += 1
            return value
        }
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            if c == "(" { tokens.append(.open); i += 1; continue }
            if c == ")" { tokens.append(.close); i += 1; continue }
            if c == "&", i + 1 < chars.count, chars[i + 1] == "&" { tokens.append(.and); i += 2; continue }
            if c == "|", i + 1 < chars.count, chars[i + 1] == "|" { tokens.append(.or); i += 2; continue }
            if c == "!" || (c == "-" && (tokens.isEmpty || i == 0 || chars[i - 1].isWhitespace || chars[i - 1] == "("))
            {
                tokens.append(.not); i += 1; continue
            }
            if c == "\"" { tokens.append(.term(field: nil, value: try readQuoted(), phrase: true)); continue }
            var word = ""
            while i < chars.count, !chars[i].isWhitespace, chars[i] != "(", chars[i] != ")", chars[i] != ":" {
                if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                word.append(chars[i])
                i += 1
            }
            if i < chars.count, chars[i] == ":" {
                i += 1
                guard i < chars.count else { throw QueryError(message: "missing value for '\(word)'") }
                if chars[i] == "\"" {
                    tokens.append(.term(field: word, value: try readQuoted(), phrase: true))
                } else if chars[i] == "[" || chars[i] == "{" {
                    i += 1
                    var body = ""
                    while i < chars.count, chars[i] != "]", chars[i] != "}" { body.append(chars[i]); i += 1 }
                    guard i < chars.count else { throw QueryError(message: "unterminated range") }
                    i += 1
                    let parts = body.components(separatedBy: " TO ")
                    guard parts.count == 2 else { throw QueryError(message: "bad range '\(body)'") }
                    tokens.append(
                        .range(
                            field: word, low: parts[0].trimmedOfSpaces,
                            high: parts[1].trimmedOfSpaces))
                } else {
                    var value = ""
                    while i < chars.count, !chars[i].isWhitespace, chars[i] != ")" {
                        if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                        value.append(chars[i])
                        i += 1
                    }
                    tokens.append(.term(field: word, value: value, phrase: false))
                }
                continue
            }
            switch word {
            case "AND": tokens.append(.and)
            case "OR": tokens.append(.or)
            case "NOT": tokens.append(.not)
            case "": throw QueryError(message: "unexpected character")
            default: tokens.append(.term(field: nil, value: word, phrase: false))
            }
        }
        return tokens
    }
}

private struct QueryParser {
    var tokens: [QueryToken]
    var position = 0

    var atEnd: Bool { position >= tokens.count }
    var current: QueryToken? { atEnd ? nil : tokens[position] }

    mutating func parseOr() throws(QueryError) -> TicketQuery {
        var left = try parseAnd()
        while current == .or {
            position += 1
            left = .or(left, try parseAnd())
        }
        return left
    }

    mutating func parseAnd() throws(QueryError) -> TicketQuery {
        var left = try parseUnary()
        while let token = current, token != .or, token != .close {
            if token == .and { position += 1 }
            left = .and(left, try parseUnary())
        }
        return left
    }

    mutating func parseUnary() throws(QueryError) -> TicketQuery {
        guard let token = current else { throw QueryError(message: "unexpected end of query") }
        position += 1
        switch token {
        case .not: return .not(try parseUnary())
        case .open:
            let inner = try parseOr()
            guard current == .close else { throw QueryError(message: "missing ')'") }
            position += 1
            return inner
        case .term(let field, let value, let phrase): return .term(field: field, value: value, phrase: phrase)
        case .range(let field, let low, let high): return .range(field: field, low: low, high: high)
        case .close, .and, .or: throw QueryError(message: "unexpected operator")
        }
    }
}

/// How ticket fields are matched and compared.
enum TicketFields {
    /// `status_s` → `status`, `ticket_num_i` → `ticket_num`, `snippet_s` → `summary`.
    static func plainName(_ field: String) -> String {
        var name = field
        for suffix in ["_s", "_i", "_b", "_dt", "_t", "_d"]
        where name.hasSuffix(suffix) && name.count > suffix.count + 1 {
            name = String(name.dropLast(suffix.count))
            break
        }
        return name == "snippet" ? "summary" : name
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "_" && $0 != "-" && !$0.isEmoji }.map(
            String.init)
    }

    static func wordMatch(_ words: [String], value: String) -> Bool {
        let needle = value.lowercased()
        if needle == "*" { return !words.isEmpty }
        if needle.hasSuffix("*") { return words.contains { $0.hasPrefix(needle.dropLast()) } }
        return words.contains(needle)
    }

    static func phraseMatch(_ text: String, value: String) -> Bool {
        words(text).joined(separator: " ").contains(words(value).joined(separator: " "))
    }

    static func stringValue(_ json: DemoJSON?) -> String? {
        switch json {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    static func exact(_ ticket: DemoTicket, field: String) -> String? {
        switch field {
        case "status": return ticket.status
        case "assigned_to": return ticket.assignedTo
        case "reported_by": return ticket.reportedBy
        case "private": return ticket.isPrivate ? "true" : "false"
        case "discussion_disabled": return ticket.discussionDisabled ? "true" : "false"
        case "ticket_num": return String(ticket.ticketNum)
        case "votes_up": return String(ticket.votesUp)
        case "votes_down": return String(ticket.votesDown)
        case "votes_total": return String(ticket.votesUp - ticket.votesDown)
        default: return field.hasPrefix("_") ? stringValue(ticket.customFields[field]) : nil
        }
    }

    static func matches(_ ticket: DemoTicket, field rawField: String, value: String, phrase: Bool) -> Bool {
        let field = plainName(rawField)
        switch field {
        case "summary":
            return phrase
                ? phraseMatch(ticket.summary ?? "", value: value) : wordMatch(words(ticket.summary ?? ""), value: value)
        case "description":
            return phrase
                ? phraseMatch(ticket.description, value: value) : wordMatch(words(ticket.description), value: value)
        case "labels":
            if phrase { return ticket.labels.contains { phraseMatch($0, value: value) } }
            return wordMatch(ticket.labels.flatMap(words), value: value) || ticket.labels.contains(value)
        default:
            guard let actual = exact(ticket, field: field) else { return false }
            if value == "*" { return !actual.isEmpty }
            if value.hasSuffix("*"), !phrase { return actual.hasPrefix(value.dropLast()) }
            return actual == value
        }
    }

    static func matchesText(_ ticket: DemoTicket, value: String, phrase: Bool) -> Bool {
        var parts = [
            ticket.summary ?? "", ticket.description, ticket.status, ticket.reportedBy, ticket.assignedTo ?? "",
            String(ticket.ticketNum),
        ]
        parts += ticket.labels
        parts += ticket.customFields.values.compactMap(stringValue)
        let text = parts.joined(separator: " ")
        return phrase ? phraseMatch(text, value: value) : wordMatch(words(text), value: value)
    }

    /// Milliseconds for a range bound of a date field: `*`, `NOW`, `NOW-7DAYS`, ISO dates.
    static func dateBound(_ text: String) -> Int64? {
        if text.hasPrefix("NOW") {
            var offset: Int64 = 0
            let rest = text.dropFirst(3)
            if let unitStart = rest.firstIndex(where: \.isLetter), let amount = Int64(rest[..<unitStart]) {
                let unit = rest[unitStart...].uppercased()
                let size: Int64 =
                    unit.hasPrefix("DAY")
                    ? DemoTime.day
                    : unit.hasPrefix("HOUR")
                        ? DemoTime.hour
                        : unit.hasPrefix("MONTH")
                            ? 30 * DemoTime.day : unit.hasPrefix("YEAR") ? 365 * DemoTime.day : DemoTime.minute
                offset = amount * size
            }
            return DemoTime.now + offset
        }
        let digits = text.split { !$0.isNumber }.compactMap { Int($0) }
        guard digits.count >= 3 else { return nil }
        return DemoTime.millis(
            year: digits[0], month: digits[1], day: digits[2], hour: digits.count > 3 ? digits[3] : 0,
            minute: digits.count > 4 ? digits[4] : 0, second: digits.count > 5 ? digits[5] : 0)
    }

    static func inRange(_ ticket: DemoTicket, field rawField: String, low: String, high: String) -> Bool {
        let field = plainName(rawField)
        if field == "created_date" || field == "mod_date" {
            let value = field == "created_date" ? ticket.createdDate : ticket.modDate
            if low != "*", let bound = dateBound(low), value < bound { return false }
            if high != "*", let bound = dateBound(high), value > bound { return false }
            return true
        }
        guard let actual = exact(ticket, field: field) else { return false }
        if let number = Double(actual) {
            if low != "*", let bound = Double(low), number < bound { return false }
            if high != "*", let bound = Double(high), number > bound { return false }
            return true
        }
        if low != "*", actual < low { return false }
        if high != "*", actual > high { return false }
        return true
    }
}

/// A Solr sort spec such as `mod_date_dt desc, ticket_num_i asc`.
struct TicketSort {
    var keys: [(field: String, ascending: Bool)]

    static func parse(_ text: String?) throws(QueryError) -> TicketSort {
        guard let text, !text.trimmedOfSpaces.isEmpty else {
            return TicketSort(keys: [("ticket_num", false)])
        }
        var keys: [(field: String, ascending: Bool)] = []
        for part in text.split(separator: ",") {
            let words = part.split(separator: " ")
            guard words.count == 2, ["asc", "desc"].contains(words[1].lowercased()) else {
                throw QueryError(message: "Can't determine a Sort Order (asc or desc) in sort spec '\(text)'")
            }
            keys.append((TicketFields.plainName(String(words[0])), words[1].lowercased() == "asc"))
        }
        if !keys.contains(where: { $0.field == "ticket_num" }) { keys.append(("ticket_num", true)) }
        return TicketSort(keys: keys)
    }

    func areInIncreasingOrder(_ a: DemoTicket, _ b: DemoTicket) -> Bool {
        for key in keys {
            let order = compare(a, b, field: key.field)
            if order != 0 { return key.ascending ? order < 0 : order > 0 }
        }
        return false
    }

    private func compare(_ a: DemoTicket, _ b: DemoTicket, field: String) -> Int {
        func sign<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x > y ? 1 : 0) }
        switch field {
        case "ticket_num": return sign(a.ticketNum, b.ticketNum)
        case "mod_date": return sign(a.modDate, b.modDate)
        case "created_date": return sign(a.createdDate, b.createdDate)
        case "summary": return sign(a.summary ?? "", b.summary ?? "")
        case "votes_total": return sign(a.votesUp - a.votesDown, b.votesUp - b.votesDown)
        default:
            let x = TicketFields.exact(a, field: field) ?? ""
            let y = TicketFields.exact(b, field: field) ?? ""
            if let nx = Double(x), let ny = Double(y) { return sign(nx, ny) }
            return sign(x, y)
        }
    }
}

private extension Character {
    var isEmoji: Bool { unicodeScalars.contains { $0.properties.isEmojiPresentation } }
}
