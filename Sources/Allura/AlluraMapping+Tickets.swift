import ForgeModel
import Foundation

/// Conversions of the ticket wire types (§6) to the forge-neutral model.
extension AlluraMapping {
    /// A custom field's value from the tagged "any" Allura stores (§6.2): numbers stay numbers,
    /// booleans may arrive as `true`, `"True"`, `"False"`, `"true"`, `"false"` or `"on"`, and both
    /// `null` and `""` are `.empty`. Lists are joined with `,`; objects are `.empty`.
    public static func fieldValue(_ json: AlluraJSONValue) -> FieldValue {
        switch json {
        case .null: return .empty
        case .bool(let b): return .bool(b)
        case .int(let i): return .number(Double(i))
        case .double(let d): return .number(d)
        case .string(let s):
            switch s {
            case "": return .empty
            case "True", "true", "on": return .bool(true)
            case "False", "false": return .bool(false)
            default: return .text(s)
            }
        case .array:
            let text = json.text
            return text.isEmpty ? .empty : .text(text)
        case .object: return .empty
        }
    }

    /// The comment thread id: `discussion_thread._id` when the thread is embedded, otherwise the
    /// last path segment of `discussion_thread_url`.
    public static func ticketThreadID(_ json: AlluraTicketJSON) -> String? {
        if let id = json.discussionThread?.id, !id.isEmpty { return id }
        guard let url = json.discussionThreadURL else { return nil }
        return URLParts(url).segments.last.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A full ticket (§6.2), or a search result (no description, no embedded thread).
    ///
    /// `_milestone` becomes `milestone` (nil when absent or empty); every other custom field is
    /// kept under its field key, the name without Allura's leading underscore (`_found_in` →
    /// `found_in`). `modifiedStamp` is the raw `mod_date` text, so that a later save can tell
    /// whether the ticket changed in between.
    public static func ticket(_ json: AlluraTicketJSON) -> Ticket {
        var custom: [String: FieldValue] = [:]
        var milestone: String?
        for (name, value) in json.customFields ?? [:] {
            if name == "_milestone" {
                let text = value.text
                milestone = text.isEmpty ? nil : text
            } else {
                custom[fieldKey(name)] = fieldValue(value)
            }
        }
        return Ticket(
            number: json.ticketNum, summary: json.summary ?? "",
            description: json.description.map { normalisedText($0) }, status: json.status ?? "",
            reporter: json.reportedBy ?? "", assignee: json.assignedTo.flatMap { $0.isEmpty ? nil : $0 },
            labels: json.labels ?? [], milestone: milestone, customFields: custom, isPrivate: json.isPrivate ?? false,
            discussionDisabled: json.discussionDisabled ?? false, created: json.createdDate?.date,
            modified: json.modDate?.date, modifiedStamp: json.modDate?.raw ?? "",
            votesUp: ServerNumbers.count(json.votesUp) ?? 0,
            votesDown: ServerNumbers.count(json.votesDown) ?? 0, attachments: (json.attachments ?? []).map(attachment),
            threadID: ticketThreadID(json), thread: json.discussionThread.map { embeddedThread($0) })
    }

    /// The field key of an Allura custom field name: the name without its leading underscore.
    public static func fieldKey(_ name: String) -> String {
        name.hasPrefix("_") ? String(name.dropFirst()) : name
    }

    /// The Allura custom field name of a field key (`priority` → `_priority`).
    public static func fieldName(_ key: String) -> String { "_" + key }

    /// A ticket-list entry (§6.1): only the number and the summary are known.
    public static func ticketEntry(_ json: AlluraTicketListJSON.Entry) -> Ticket {
        Ticket(number: json.ticketNum, summary: json.summary ?? "", status: "")
    }

    /// A milestone of the `_milestone` field.
    public static func milestone(_ json: AlluraMilestoneJSON) -> Milestone {
        Milestone(
            name: json.name, dueDate: json.dueDate ?? "", description: normalisedText(json.description),
            isComplete: json.complete?.value ?? false, isDefault: json.isDefault?.value ?? false,
            total: ServerNumbers.count(json.total) ?? 0, closed: ServerNumbers.count(json.closed) ?? 0)
    }

    /// A saved bin as a named search (`terms` is the query, `sort` the search sort).
    public static func savedSearch(_ json: AlluraSavedBinJSON) -> SavedSearch {
        SavedSearch(name: json.summary, query: json.terms ?? "", sort: json.sort ?? "")
    }

    /// The tracker metadata of a ticket list: milestones and saved bins in server order.
    public static func trackerInfo(_ json: AlluraTicketListJSON) -> TrackerInfo {
        TrackerInfo(
            milestones: (json.milestones ?? []).map(milestone),
            savedSearches: (json.savedBins ?? []).map(savedSearch))
    }

    /// Search facets (`filter_choices`) by field, in server order (most frequent first).
    public static func facets(_ json: [String: [AlluraFacetJSON]]?) -> [String: [FacetValue]] {
        (json ?? [:]).mapValues { $0.map { FacetValue(value: $0.value, count: ServerNumbers.count($0.count) ?? 0) } }
    }

    /// The upper bound on a ticket list's or search's size from one page (§3.4): hidden private
    /// tickets are dropped after paging and subtracted from `count` only for the current page, so
    /// the true total is at most `count + (limit − returned)`. `.unknown` without a count.
    public static func ticketTotal(count: Int?, limit: Int, returned: Int) -> Total {
        guard let count = ServerNumbers.count(count) else { return .unknown }
        let limit = ServerNumbers.limit(echoed: limit, requested: limit)
        return .atMost(min(count + max(limit - min(max(returned, 0), limit), 0), ServerNumbers.maximumCount))
    }

    /// A page of the plain ticket list (§6.1): partial tickets (number and summary) and the
    /// tracker's metadata. Echoed `page` and `limit` win over the requested ones.
    public static func ticketListPage(
        _ json: AlluraTicketListJSON, requestedPage: Int, requestedLimit: Int
    ) -> TicketPage {
        let limit = ServerNumbers.limit(echoed: json.limit, requested: requestedLimit)
        let page = ServerNumbers.page(echoed: json.page, requested: requestedPage, limit: limit)
        return TicketPage(
            tickets: json.tickets.map(ticketEntry), isPartial: true, page: page, limit: limit,
            total: ticketTotal(count: json.count, limit: limit, returned: json.tickets.count),
            tracker: trackerInfo(json))
    }

    /// A page of search results (§6.3): full tickets without descriptions, with the facets.
    public static func ticketSearchPage(
        _ json: AlluraTicketSearchJSON, requestedPage: Int, requestedLimit: Int
    ) -> TicketPage {
        let limit = ServerNumbers.limit(echoed: json.limit, requested: requestedLimit)
        let page = ServerNumbers.page(echoed: json.page, requested: requestedPage, limit: limit)
        return TicketPage(
            tickets: json.tickets.map(ticket), isPartial: false, page: page, limit: limit,
            total: ticketTotal(count: json.count, limit: limit, returned: json.tickets.count),
            facets: facets(json.filterChoices))
    }
}
