import ForgeModel
import Foundation

/// The form fields of Allura's ticket `save` and `new` actions (§6.5), as pure functions.
///
/// `save` replaces rather than patches: labels not sent are cleared, custom fields not sent are
/// dropped (the milestone too), and boolean fields not sent become false. An edit is therefore
/// always "read fresh, apply the change, send everything", and `fields(for:)` is the
/// "send everything" part.
public enum AlluraTicketForm {
    /// The prefix of every ticket form field.
    public static let prefix = "ticket_form."

    /// The complete `save` form for `ticket` as it should be after the edit, in this order:
    ///
    /// - `ticket_form.summary`, only when not empty: an empty summary is rejected ("You must
    ///   provide a Title"), and one left out stays as it is (tickets created without a summary);
    /// - `ticket_form.description`, when known (a search result has none);
    /// - `ticket_form.status`, always unless empty (an empty status is not a valid choice; left
    ///   out, it stays as it is);
    /// - `ticket_form.assigned_to`, only for an assignee (REST cannot unassign);
    /// - `ticket_form.labels`, joined with `,`, always, even empty (omitted would clear them too);
    /// - `ticket_form.private` and `ticket_form.discussion_disabled` as `true`/`false`;
    /// - `ticket_form._milestone`, `""` when there is none;
    /// - every other custom field as `ticket_form.custom_fields._<key>`, sorted by name, valued
    ///   by `text(of:)`.
    public static func fields(for ticket: Ticket) -> [(String, String)] {
        var form: [(String, String)] = []
        if !ticket.summary.isEmpty { form.append((prefix + "summary", ticket.summary)) }
        if let description = ticket.description { form.append((prefix + "description", description)) }
        if !ticket.status.isEmpty { form.append((prefix + "status", ticket.status)) }
        if let assignee = ticket.assignee, !assignee.isEmpty { form.append((prefix + "assigned_to", assignee)) }
        form.append((prefix + "labels", ticket.labels.joined(separator: ",")))
        form.append((prefix + "private", ticket.isPrivate ? "true" : "false"))
        form.append((prefix + "discussion_disabled", ticket.discussionDisabled ? "true" : "false"))
        let custom = fieldNames(ticket.customFields)
        form.append((prefix + "_milestone", ticket.milestone ?? ""))
        for name in custom.keys.sorted() {
            form.append((prefix + "custom_fields." + name, custom[name].map(text(of:)) ?? ""))
        }
        return form
    }

    /// The `new` form for a ticket made of the fields of `edit`: the summary, the status (the
    /// edit's, or `open`: Allura has no default and would store `""`), and whatever else the
    /// edit sets (description, assignee, the added labels, a milestone, custom fields). Fields
    /// left out get Allura's defaults. The caller checks that the summary is not empty.
    public static func newFields(for edit: TicketEdit) -> [(String, String)] {
        var form: [(String, String)] = [(prefix + "summary", edit.summary ?? "")]
        let status = edit.status.flatMap { $0.isEmpty ? nil : $0 } ?? "open"
        form.append((prefix + "status", status))
        if let description = edit.description { form.append((prefix + "description", description)) }
        if let assignee = edit.assignee, !assignee.isEmpty { form.append((prefix + "assigned_to", assignee)) }
        var labels: [String] = []
        for label in edit.labelsAdded where !labels.contains(label) && !edit.labelsRemoved.contains(label) {
            labels.append(label)
        }
        if !labels.isEmpty { form.append((prefix + "labels", labels.joined(separator: ","))) }
        if case .some(.some(let milestone)) = edit.milestone, !milestone.isEmpty {
            form.append((prefix + "_milestone", milestone))
        }
        let custom = fieldNames(edit.fields)
        for name in custom.keys.sorted() {
            form.append((prefix + "custom_fields." + name, custom[name].map(text(of:)) ?? ""))
        }
        return form
    }

    /// A custom field's value as form text: text as it is, `""` for `.empty`, booleans as
    /// `true`/`false`, numbers in decimal without a trailing `.0` for whole numbers.
    public static func text(of value: FieldValue) -> String {
        switch value {
        case .text(let s): return s
        case .empty: return ""
        case .bool(let b): return b ? "true" : "false"
        case .number(let n):
            if n.isFinite, n == n.rounded(), abs(n) < 1e15 { return String(Int(n)) }
            return String(n)
        }
    }

    /// `fields` keyed by Allura's custom field names (`priority` → `_priority`).
    public static func fieldNames(_ fields: [String: FieldValue]) -> [String: FieldValue] {
        var result: [String: FieldValue] = [:]
        for (key, value) in fields { result[AlluraMapping.fieldName(key)] = value }
        return result
    }

    /// What of `edit` did not stick: `result` (the ticket as the forge now has it) compared with
    /// the intent, one sentence per difference. Only the parts the edit sets are compared.
    public static func ignoredParts(of edit: TicketEdit, result: Ticket) -> [String] {
        var ignored: [String] = []
        if let summary = edit.summary, summary != result.summary {
            ignored.append(summary.isEmpty ? "an empty summary is not accepted" : "the summary was not changed")
        }
        if let description = edit.description,
            AlluraMapping.normalisedText(description) != AlluraMapping.normalisedText(result.description)
        {
            ignored.append("the description was not changed")
        }
        if let status = edit.status, !status.isEmpty, status != result.status {
            ignored.append("status \(status) was not accepted")
        }
        if let assignee = edit.assignee {
            if assignee.isEmpty {
                if let current = result.assignee {
                    ignored.append("unassigning is not possible over REST; still assigned to \(current)")
                }
            } else if assignee != result.assignee {
                ignored.append("assignee \(assignee) was not accepted")
            }
        }
        for label in edit.labelsAdded where !edit.labelsRemoved.contains(label) && !result.labels.contains(label) {
            ignored.append("label \(label) was not added")
        }
        for label in edit.labelsRemoved where result.labels.contains(label) {
            ignored.append("label \(label) was not removed")
        }
        if let milestone = edit.milestone, (milestone ?? "") != (result.milestone ?? "") {
            if let milestone, !milestone.isEmpty {
                ignored.append("milestone \(milestone) was not accepted")
            } else {
                ignored.append("the milestone was not cleared")
            }
        }
        for name in edit.fields.keys.sorted() {
            let wanted = edit.fields[name].map(text(of:)) ?? ""
            let actual = result.customFields[name].map(text(of:)) ?? ""
            guard wanted != actual else { continue }
            // A boolean left false reads back as absent or "False": the same thing.
            if wanted == "false", actual.isEmpty { continue }
            let shown = wanted.isEmpty ? "an empty value" : wanted
            ignored.append("\(name) \(shown) was not accepted")
        }
        return ignored
    }
}

/// The status names of a tracker, split into open and closed.
///
/// Allura's REST API does not list them (§6.1), so they are pieced together from Allura's
/// defaults, the statuses seen on tickets and in search facets, the default saved bins, and a
/// user override; `fromValidation` reads the complete list from a rejected save.
public enum AlluraStatusChoices {
    /// Allura's default open statuses.
    public static let defaultOpen = ["open", "unread", "accepted", "pending"]
    /// Allura's default closed statuses, plus the common `invalid`.
    public static let defaultClosed = ["closed", "wont-fix", "invalid"]

    /// The open and closed statuses, each without duplicates, in this order of precedence:
    ///
    /// 1. `override` (from configuration) wins: its statuses are listed first, as it splits them;
    /// 2. the closed statuses named by the "Closed Tickets" bin (`status:X`) and the negated
    ///    terms of the "Open Tickets" bin (`!status:X`);
    /// 3. Allura's defaults, unless the bins name closed statuses none of which is a default
    ///    one (the tracker then uses statuses of its own, such as `done` and `declined`);
    /// 4. statuses seen on `tickets` and in `facets`, as open when nothing else says otherwise
    ///    (an unknown status counts as open).
    ///
    /// Empty status names are left out.
    public static func build(
        tickets: [Ticket], facets: [FacetValue], savedSearches: [SavedSearch],
        override: (open: [String], closed: [String])?
    ) -> (open: [String], closed: [String]) {
        var open: [String] = []
        var closed: [String] = []
        var known: Set<String> = []
        func add(_ status: String, isClosed: Bool) {
            let status = status.trimmedOfSpaces
            guard !status.isEmpty, known.insert(status).inserted else { return }
            if isClosed { closed.append(status) } else { open.append(status) }
        }
        if let override {
            for status in override.closed { add(status, isClosed: true) }
            for status in override.open { add(status, isClosed: false) }
        }
        let fromBins = closedStatuses(in: savedSearches)
        for status in fromBins { add(status, isClosed: true) }
        if fromBins.isEmpty || fromBins.contains(where: defaultClosed.contains) {
            for status in defaultOpen { add(status, isClosed: false) }
            for status in defaultClosed { add(status, isClosed: true) }
        }
        for ticket in tickets { add(ticket.status, isClosed: false) }
        for facet in facets { add(facet.value, isClosed: false) }
        return (open, closed)
    }

    /// The closed statuses the default bins name: `status:X` terms of "Closed Tickets" and
    /// negated terms (`!status:X`, `-status:X`, `NOT status:X`) of "Open Tickets".
    public static func closedStatuses(in savedSearches: [SavedSearch]) -> [String] {
        var result: [String] = []
        for search in savedSearches {
            let name = search.name.lowercased()
            let wantNegated: Bool
            if name == "closed tickets" {
                wantNegated = false
            } else if name == "open tickets" {
                wantNegated = true
            } else {
                continue
            }
            for term in statusTerms(search.query) where term.negated == wantNegated && !result.contains(term.value) {
                result.append(term.value)
            }
        }
        return result
    }

    /// The `status:X` (or `status_s:X`) terms of a query, with whether each is negated.
    static func statusTerms(_ query: String) -> [(value: String, negated: Bool)] {
        let chars = Array(query)
        var terms: [(String, Bool)] = []
        var index = 0
        while index < chars.count {
            var matched: Int?
            for key in ["status:", "status_s:"] {
                let keyChars = Array(key)
                if index + keyChars.count <= chars.count, Array(chars[index..<index + keyChars.count]) == keyChars {
                    matched = keyChars.count
                    break
                }
            }
            guard let length = matched else {
                index += 1
                continue
            }
            let before: Character? = index > 0 ? chars[index - 1] : nil
            if let before, !(before.isWhitespace || "(!-+".contains(before)) {
                index += length
                continue
            }
            var negated = before == "!" || before == "-"
            if !negated {
                let prefix = String(chars[..<index]).trimmedOfSpaces
                negated = prefix.hasSuffix(" NOT") || prefix == "NOT" || prefix.hasSuffix("(NOT")
            }
            var cursor = index + length
            var value = ""
            if cursor < chars.count, chars[cursor] == "\"" {
                cursor += 1
                while cursor < chars.count, chars[cursor] != "\"" {
                    value.append(chars[cursor])
                    cursor += 1
                }
                cursor += 1
            } else {
                while cursor < chars.count, !chars[cursor].isWhitespace, chars[cursor] != ")" {
                    value.append(chars[cursor])
                    cursor += 1
                }
            }
            if !value.isEmpty { terms.append((value, negated)) }
            index = cursor
        }
        return terms
    }

    /// The allowed values of `field` from the lines of a validation error (§3.5), such as
    /// `status: Value must be one of: open; unread; closed (not 'bogus')`. Works for `status`,
    /// `_milestone` and select custom fields. Nil when no line lists them.
    public static func fromValidation(_ lines: [String], field: String = "status") -> [String]? {
        let marker = "Value must be one of:"
        for line in lines {
            let trimmed = line.trimmedOfSpaces
            guard trimmed.hasPrefix(field + ":"), let range = trimmed.range(of: marker) else { continue }
            var list = String(trimmed[range.upperBound...])
            if let not = list.range(of: " (not '", options: .backwards) { list = String(list[..<not.lowerBound]) }
            let values = list.split(separator: ";").map { $0.trimmedOfSpaces }
                .filter { !$0.isEmpty }
            return values
        }
        return nil
    }
}
