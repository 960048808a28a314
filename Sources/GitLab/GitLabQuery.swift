import Foundation

/// The text of `:search` on a GitLab forge: GitLab's filtered-search tokens, the rest free text.
///
///     label:bug ~"needs review" -label:ui assignee:@bob milestone:%"v1.1" state:closed crash on start
///
/// `label:`/`~` add a label (all must match), `assignee:` / `author:` take a username (with or
/// without `@`), `milestone:` a title (with or without `%`; `none`/`any`), `state:` is `opened`,
/// `closed` or `all` (`open` is read as `opened`), `sort:` a field such as `updated` or
/// `due_date_asc`. Quotes keep spaces inside a value.
public enum GitLabQuery {
    /// The filter `text` describes, starting from the open issues.
    public static func parse(_ text: String) -> GitLabIssueFilter {
        var filter = GitLabIssueFilter()
        var words: [String] = []
        for token in tokens(text) {
            let (key, value) = split(token)
            switch key?.lowercased() {
            case "label", "labels":
                if !value.isEmpty { filter.labels.append(strip(value, "~")) }
            case "assignee":
                filter.assignee = strip(value, "@")
            case "author":
                filter.author = strip(value, "@")
            case "milestone":
                filter.milestone = normalisedSpecial(strip(value, "%"))
            case "state", "is":
                let state = value.lowercased() == "open" ? "opened" : value.lowercased()
                if ["opened", "closed", "all"].contains(state) { filter.state = state }
            case "sort":
                let (orderBy, sort) = GitLabIssueFilter.webSort(value)
                filter.orderBy = orderBy
                filter.sort = sort
            case nil where token.hasPrefix("~") && token.count > 1:
                filter.labels.append(String(token.dropFirst()))
            case nil where token.hasPrefix("%") && token.count > 1:
                filter.milestone = normalisedSpecial(String(token.dropFirst()))
            default:
                words.append(token)
            }
        }
        if !words.isEmpty { filter.search = words.joined(separator: " ") }
        return filter
    }

    /// The query text for `filter`, the inverse of `parse` (state written only when not open).
    public static func text(for filter: GitLabIssueFilter) -> String {
        var parts: [String] = []
        if filter.state != "opened" { parts.append("state:" + filter.state) }
        parts += filter.labels.map { "~" + quoted($0) }
        if let assignee = filter.assignee { parts.append("assignee:@" + assignee) }
        if let author = filter.author { parts.append("author:@" + author) }
        if let milestone = filter.milestone { parts.append("%" + quoted(milestone)) }
        if let orderBy = filter.orderBy, let name = GitLabIssueFilter.webSortName(orderBy: orderBy, sort: filter.sort) {
            parts.append("sort:" + name)
        }
        if let search = filter.search { parts.append(search) }
        return parts.joined(separator: " ")
    }

    /// Splits on spaces outside double quotes; quotes are removed.
    static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var quoted = false
        for character in text {
            if character == "\"" {
                quoted.toggle()
            } else if character.isWhitespace, !quoted {
                if !current.isEmpty { result.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// `key:value` → (key, value); a token without a known key → (nil, token).
    static func split(_ token: String) -> (String?, String) {
        let keys: Set<String> = ["label", "labels", "assignee", "author", "milestone", "state", "is", "sort"]
        guard let colon = token.firstIndex(of: ":"), keys.contains(token[..<colon].lowercased()) else {
            return (nil, token)
        }
        return (String(token[..<colon]), String(token[token.index(after: colon)...]))
    }

    static func strip(_ value: String, _ sigil: Character) -> String {
        value.first == sigil ? String(value.dropFirst()) : value
    }

    /// GitLab's special milestone values are capitalised (`None`, `Any`, `Upcoming`, `Started`).
    static func normalisedSpecial(_ value: String) -> String {
        let special = ["none": "None", "any": "Any", "upcoming": "Upcoming", "started": "Started"]
        return special[value.lowercased()] ?? value
    }

    static func quoted(_ value: String) -> String {
        value.contains(where: \.isWhitespace) ? "\"" + value + "\"" : value
    }
}
