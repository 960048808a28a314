import ForgeModel
import Foundation
import HTTP

/// Ticket trackers (§6): list, search, one ticket, `save` and `new`.
///
/// As with discussions, the wire-level methods of the same names on `AlluraForge` (returning the
/// `Allura…JSON` types) stay as they are; the capability methods below differ in their result
/// types and are found through the protocols (`forge.ticketReading`) or a typed result.
extension AlluraForge: TicketReading, TicketWriting {}

extension TicketReading where Self: AlluraForge {
    /// A page of the tracker's list (§6.1), newest first, with its milestones and saved bins.
    ///
    /// Entries carry only the number and the summary (`isPartial` is true). Private tickets the
    /// caller may not see are dropped after paging, so a page can be short and `count` moves
    /// from page to page; the total is the estimate `.atMost(count + (limit − returned))` of
    /// §3.4, which `AlluraPaging.hasMore` pages by correctly.
    public func ticketList(_ project: ProjectPath, mount: String, page: Int, limit: Int) async throws -> TicketPage {
        let (page, limit) = (AlluraPaging.clamped(page: page), AlluraPaging.clamped(limit: limit))
        let json: AlluraTicketListJSON = try await ticketList(project, mount: mount, page: page, limit: limit)
        return AlluraMapping.ticketListPage(json, requestedPage: page, requestedLimit: limit)
    }

    /// A page of a search (§6.3), with facets: the query compiled to Solr syntax
    /// (`status:open AND labels:crash`; an empty query matches every ticket, which Allura's
    /// search needs said). Tickets are complete except for their descriptions and threads
    /// (`isPartial` is false); the total is estimated as for the list.
    ///
    /// - Throws: `ForgeError.validation` with the search backend's message when it rejected the
    ///   query (`solr_error`).
    public func searchTickets(
        _ project: ProjectPath, mount: String, query: TicketQuery, page: Int, limit: Int
    )
        async throws -> TicketPage
    {
        let (q, sort) = AlluraTicketQuery.compile(query)
        let (page, limit) = (AlluraPaging.clamped(page: page), AlluraPaging.clamped(limit: limit))
        let json: AlluraTicketSearchJSON = try await searchTickets(
            project, mount: mount, query: q, sort: sort, page: page, limit: limit)
        if let message = json.solrError, !message.isEmpty {
            throw ForgeError.validation(["q: " + HTMLText.oneLine(message, limit: 300)])
        }
        return AlluraMapping.ticketSearchPage(json, requestedPage: page, requestedLimit: limit)
    }

    /// One ticket (§6.2) with its description and first ten comments. A moved ticket's 301 is
    /// followed.
    public func ticket(_ project: ProjectPath, mount: String, number: Int) async throws -> Ticket {
        let json: AlluraTicketJSON = try await ticket(project, mount: mount, number: number)
        return AlluraMapping.ticket(json)
    }
}

extension TicketWriting where Self: AlluraForge {
    /// Applies `edit` to ticket `number` with Allura's replacing `save` (§6.5).
    ///
    /// The ticket is read fresh, the edit applied to it, and the complete form of
    /// `AlluraTicketForm.fields(for:)` posted to `…/{number}/save`; the redirect is followed to
    /// read the result, which is compared with the intent. What did not stick (an assignee who
    /// is not a member, a user field that was not accepted, an attempt to unassign) is listed
    /// in `ignored`.
    ///
    /// - Throws: `TicketConflict` with the fresh ticket, without writing, when `expectedStamp`
    ///   is given and differs from the ticket's current `mod_date`; `ForgeError.validation` with
    ///   the server's lines for an invalid status, milestone or select value (see
    ///   `AlluraStatusChoices.fromValidation`); `ForgeError.unsupported` for an empty edit,
    ///   without a request.
    public func updateTicket(
        _ project: ProjectPath, mount: String, number: Int, edit: TicketEdit, expectedStamp: String?
    ) async throws -> TicketWriteResult {
        guard !edit.isEmpty else { throw ForgeError.unsupported("Nothing to change on ticket #\(number)") }
        let fresh: Ticket = try await ticket(project, mount: mount, number: number)
        if let expectedStamp, expectedStamp != fresh.modifiedStamp {
            throw TicketConflict(current: fresh)
        }
        let intended = edit.applied(to: fresh)
        let response = try await postForm(
            project.segments + [mount, String(number), "save"], fields: AlluraTicketForm.fields(for: intended))
        let saved = try await ticketAfterWrite(response.body, project: project, mount: mount, number: number)
        return TicketWriteResult(ticket: saved, ignored: AlluraTicketForm.ignoredParts(of: edit, result: saved))
    }

    /// Creates a ticket from the fields of `edit` with `POST …/new` (§6.5) and returns it as the
    /// forge stored it. The status is the edit's, or `open`; labels are the added ones.
    ///
    /// - Throws: `ForgeError.unsupported` for a missing or blank summary, without a request;
    ///   `ForgeError.validation` for values the tracker rejects; `.rateLimited` on 429.
    public func createTicket(_ project: ProjectPath, mount: String, edit: TicketEdit) async throws -> Ticket {
        guard let summary = edit.summary, !summary.trimmedOfWhitespace.isEmpty else {
            throw ForgeError.unsupported("A new ticket needs a summary")
        }
        let response = try await postForm(
            project.segments + [mount, "new"], fields: AlluraTicketForm.newFields(for: edit))
        return try await ticketAfterWrite(response.body, project: project, mount: mount, number: nil)
    }

    /// The ticket in the answer to a followed write redirect; when that is not a ticket and the
    /// number is known, the ticket is read again.
    private func ticketAfterWrite(
        _ body: Data, project: ProjectPath, mount: String, number: Int?
    ) async throws
        -> Ticket
    {
        do {
            return AlluraMapping.ticket(try decode(AlluraTicketResponseJSON.self, from: body).ticket)
        } catch let error as ForgeError {
            guard let number else { throw error }
            return try await ticket(project, mount: mount, number: number)
        }
    }
}

extension AlluraForge: TicketStatusProviding {
    public func statusChoices(
        seen tickets: [Ticket], facets: [FacetValue], tracker: TrackerInfo
    )
        -> (open: [String], closed: [String])
    {
        AlluraStatusChoices.build(tickets: tickets, facets: facets, savedSearches: tracker.savedSearches, override: nil)
    }
}

extension AlluraForge: TicketFieldInferring {
    /// Allura's REST API does not describe custom fields (§6.1): they are the keys the tickets
    /// seen carry. A field whose values are all numbers is a number field, all booleans a yes/no
    /// field, anything else text with the values in use (from tickets and search facets) as
    /// suggestions; the select options themselves are not known.
    public func fieldSpecs(
        seen tickets: [Ticket], facets: [String: [FacetValue]], tracker: TrackerInfo
    )
        -> [FieldSpec]
    {
        var values: [String: [FieldValue]] = [:]
        for ticket in tickets {
            for (key, value) in ticket.customFields { values[key, default: []].append(value) }
        }
        for name in facets.keys where name.hasPrefix("_") && name != "_milestone" {
            let key = AlluraMapping.fieldKey(name)
            if values[key] == nil { values[key] = [] }
        }
        var specs = tracker.fields
        for key in values.keys.sorted() where !specs.contains(where: { $0.key == key }) {
            let known = (values[key] ?? []).filter { $0 != .empty && $0 != .text("") }
            let kind: FieldSpec.Kind
            if !known.isEmpty, known.allSatisfy({ if case .number = $0 { return true } else { return false } }) {
                kind = .number
            } else if !known.isEmpty, known.allSatisfy({ if case .bool = $0 { return true } else { return false } }) {
                kind = .flag
            } else {
                kind = .text
            }
            var inUse: [String] = []
            let facetValues = (facets[AlluraMapping.fieldName(key)] ?? []).map(\.value)
            for text in facetValues + known.map(\.display) where !text.isEmpty && !inUse.contains(text) {
                inUse.append(text)
            }
            specs.append(
                FieldSpec(key: key, name: FieldSpec.humanName(key), kind: kind, choices: kind == .text ? inUse : []))
        }
        return specs
    }
}

extension AlluraForge: TrackerMetadataReading {
    /// Allura's list answer carries the tracker's milestones and saved searches: one ticket's page.
    public func trackerInfo(_ project: ProjectPath, mount: String) async throws -> TrackerInfo {
        try await ticketList(project, mount: mount, page: 0, limit: 1).tracker ?? TrackerInfo()
    }
}
