import ForgeModel
import Foundation
import HTTP

/// Ticket list, search, single ticket, `new` and `save`.
extension ForgeState {
    mutating func tickets(key: String, project: DemoProject, path: [String], context: RequestContext) -> HTTPResponse {
        guard let tracker = data.trackers[key] else { return DemoResponses.errorPage(404) }
        switch path.count {
        case 0:
            guard context.method == "GET" else { return DemoResponses.errorPage(404) }
            return ticketList(tracker, project: project, context: context)
        case 1 where path[0] == "search":
            guard context.method == "GET" else { return DemoResponses.errorPage(404) }
            return ticketSearch(tracker, context: context)
        case 1 where path[0] == "new":
            guard context.method == "POST" else { return context.notAllowed() }
            guard context.user != nil else { return context.unauthorized() }
            return createTicket(key: key, project: project, context: context)
        case 1:
            guard context.method == "GET" else { return DemoResponses.errorPage(404) }
            guard path[0].allSatisfy(\.isASCII), path[0].allSatisfy(\.isNumber), let number = Int(path[0]),
                let ticket = tracker.tickets[number]
            else { return DemoResponses.errorPage(404) }
            if ticket.isPrivate, context.isAnonymous { return context.unauthorized() }
            return DemoResponses.json(.object(["ticket": ticketJSON(ticket, full: true)]))
        case 2 where path[1] == "save":
            guard let number = Int(path[0]), tracker.tickets[number] != nil else { return DemoResponses.errorPage(404) }
            guard context.method == "POST" else { return context.notAllowed() }
            guard context.user != nil else { return context.unauthorized() }
            return saveTicket(key: key, number: number, project: project, context: context)
        default:
            return DemoResponses.errorPage(404)
        }
    }

    func ticketJSON(_ ticket: DemoTicket, full: Bool) -> DemoJSON {
        var object: [String: DemoJSON] = [
            "_id": .string(ticket.id), "ticket_num": .int(ticket.ticketNum), "summary": .optional(ticket.summary),
            "status": .string(ticket.status), "reported_by": .string(ticket.reportedBy),
            "reported_by_id": .optional(data.users[ticket.reportedBy]?.id),
            "assigned_to": .optional(ticket.assignedTo),
            "assigned_to_id": .optional(ticket.assignedTo.flatMap { data.users[$0]?.id }),
            "labels": .array(ticket.labels.map { .string($0) }), "private": .bool(ticket.isPrivate),
            "discussion_disabled": .bool(ticket.discussionDisabled),
            "created_date": .string(DemoTime.timestamp(ticket.createdDate)),
            "mod_date": .string(DemoTime.timestamp(ticket.modDate)),
            "votes_up": .int(ticket.votesUp), "votes_down": .int(ticket.votesDown),
            "custom_fields": .object(ticket.customFields),
            "attachments": .array(ticket.attachments.map(attachmentJSON)),
            "related_artifacts": .array(ticket.relatedArtifacts.map { .string($0) }),
        ]
        if let thread = data.threads[ticket.threadID] {
            object["discussion_thread_url"] = .string(threadURL(thread))
            if full { object["discussion_thread"] = threadJSON(thread, paging: nil) }
        }
        if full { object["description"] = .string(ticket.description) }
        return .object(object)
    }

    /// Cuts a page of ticket numbers, then drops the private ones the caller may not see, and
    /// lowers `count` by the number dropped from this page only (Allura's quirk).
    func visiblePage(
        _ numbers: [Int], tracker: DemoTracker, paging: Paging, context: RequestContext
    ) -> (tickets: [DemoTicket], count: Int) {
        let page = paging.slice(numbers).compactMap { tracker.tickets[$0] }
        let visible = page.filter { !$0.isPrivate || !context.isAnonymous }
        return (visible, numbers.count - (page.count - visible.count))
    }

    private func ticketList(_ tracker: DemoTracker, project: DemoProject, context: RequestContext) -> HTTPResponse {
        guard
            let paging = Paging.parse(
                context.query, defaultLimit: 100, zeroLimit: 25, strictPage: true, strictLimit: true)
        else {
            return DemoResponses.errorPage(500)
        }
        let (tickets, count) = visiblePage(
            tracker.numbersNewestFirst, tracker: tracker, paging: paging, context: context)
        let all = Array(tracker.tickets.values)
        let milestones: [DemoJSON] = tracker.milestones.map { milestone in
            let members = all.filter { $0.customFields["_milestone"]?.stringValue == milestone.name }
            return .object([
                "name": .string(milestone.name), "due_date": .optional(milestone.dueDate),
                "description": .optional(milestone.description), "complete": .bool(milestone.complete),
                "default": .bool(milestone.isDefault), "total": .int(members.count),
                "closed": .int(members.filter { tracker.closedStatuses.contains($0.status) }.count),
            ])
        }
        return DemoResponses.json(
            .object([
                "tickets": .array(
                    tickets.map { .object(["ticket_num": .int($0.ticketNum), "summary": .optional($0.summary)]) }),
                "count": .int(count), "limit": .int(paging.limit), "page": .int(paging.page),
                "tracker_config": .object([
                    "_id": .string(tracker.configID),
                    "options": .object([
                        "mount_point": .string(tracker.mountPoint), "mount_label": .string(tracker.mountLabel),
                        "ordinal": .int(tracker.ordinal), "url": .string(project.webPath + tracker.mountPoint + "/"),
                        "EnableVoting": .bool(true), "TicketMonitoringType": .null, "AllowEmailPosting": .bool(true),
                    ]),
                ]),
                "milestones": .array(milestones),
                "saved_bins": .array(
                    tracker.bins.sorted { $0.summary < $1.summary }.map { bin in
                        .object([
                            "_id": .string(bin.id), "summary": .string(bin.summary), "terms": .string(bin.terms),
                            "sort": .string(bin.sort),
                        ])
                    }),
            ]))
    }

    private func ticketSearch(_ tracker: DemoTracker, context: RequestContext) -> HTTPResponse {
        let paging = Paging.parse(context.query, defaultLimit: 100, zeroLimit: 1) ?? Paging(page: 0, limit: 100)
        let q = context.query["q"]
        let sort = context.query["sort"]
        var result: [String: DemoJSON] = [
            "q": .optional(q), "sort": .optional(sort), "limit": .int(paging.limit), "page": .int(paging.page),
            "filter": .object([:]), "filter_choices": .object([:]), "solr_error": .null,
            "tickets": .array([]), "count": .int(0),
        ]
        guard let q, !q.trimmedOfSpaces.isEmpty else { return DemoResponses.json(.object(result)) }
        let query: TicketQuery
        let order: TicketSort
        do {
            query = try TicketQuery.parse(q.replacingOccurrences(of: "$USER", with: context.user ?? "$USER"))
            order = try TicketSort.parse(sort)
        } catch {
            result["solr_error"] = .string("org.apache.solr.search.SyntaxError: \(error.message)")
            return DemoResponses.json(.object(result))
        }
        let matches = tracker.tickets.values.filter { query.matches($0) }.sorted(by: order.areInIncreasingOrder)
        let (tickets, count) = visiblePage(matches.map(\.ticketNum), tracker: tracker, paging: paging, context: context)
        result["tickets"] = .array(tickets.map { ticketJSON($0, full: false) })
        result["count"] = .int(count)
        result["filter_choices"] = facets(matches)
        return DemoResponses.json(.object(result))
    }

    private func facets(_ tickets: [DemoTicket]) -> DemoJSON {
        func facet(_ values: [String?]) -> DemoJSON {
            var counts: [String: Int] = [:]
            for case let value? in values where !value.isEmpty { counts[value, default: 0] += 1 }
            let ordered = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            return .array(ordered.map { .array([.string($0.key), .int($0.value)]) })
        }
        return .object([
            "status": facet(tickets.map(\.status)),
            "assigned_to": facet(tickets.map(\.assignedTo)),
            "reported_by": facet(tickets.map(\.reportedBy)),
            "_milestone": facet(tickets.map { $0.customFields["_milestone"]?.stringValue }),
        ])
    }

    // MARK: Writes

    /// The form fields under `ticket_form.`, as sent.
    private func sentFields(_ context: RequestContext) -> [(String, String)] {
        context.form.pairs.filter { $0.name.hasPrefix("ticket_form.") }.map { ($0.name, $0.value) }
    }

    private func validate(_ context: RequestContext, tracker: DemoTracker, requireSummary: Bool) -> [String] {
        var errors: [String] = []
        if let summary = context.form["ticket_form.summary"], summary.isEmpty {
            errors.append("summary: You must provide a Title")
        }
        if let milestone = context.form["ticket_form._milestone"], !milestone.isEmpty,
            !tracker.milestones.contains(where: { $0.name == milestone })
        {
            errors.append(
                "_milestone: Value must be one of: \(tracker.milestones.map(\.name).joined(separator: "; ")) (not '\(milestone)')"
            )
        }
        for name in context.form.names(withPrefix: "ticket_form.custom_fields._") {
            let field = String(name.dropFirst("ticket_form.custom_fields.".count))
            if case .select(let options) = tracker.fields[field], let value = context.form[name], !value.isEmpty,
                !options.contains(value)
            {
                errors.append("\(field): Value must be one of: \(options.joined(separator: "; ")) (not '\(value)')")
            }
        }
        if let status = context.form["ticket_form.status"], !tracker.statuses.contains(status) {
            errors.append("status: Value must be one of: \(tracker.statuses.joined(separator: "; ")) (not '\(status)')")
        }
        if context.isAnonymous, let flag = context.form["ticket_form.private"], Self.truthy(flag) {
            errors.append("private: Log in to Mark as Private")
        }
        return errors
    }

    static func truthy(_ value: String) -> Bool {
        ["true", "on", "1", "yes", "True"].contains(value)
    }

    /// The stored value of a custom field sent as `raw`.
    private func fieldValue(_ raw: String, kind: DemoFieldKind?, project: DemoProject) -> DemoJSON {
        switch kind {
        case .number:
            if raw.isEmpty { return .string("") }
            if let int = Int(raw) { return .int(int) }
            return Double(raw).map { .double($0) } ?? .string(raw)
        case .boolean: return .bool(Self.truthy(raw))
        case .user: return .string(project.developers.contains(raw) ? raw : "")
        case .select, .text, nil: return .string(raw)
        }
    }

    /// Applies the `ticket_form.*` fields of `context` to `ticket` with the replace rules of `save`
    /// (or the defaults of `new`).
    private func apply(
        _ context: RequestContext, to ticket: inout DemoTicket, tracker: DemoTracker, project: DemoProject, isNew: Bool
    ) {
        let form = context.form
        if let summary = form["ticket_form.summary"] { ticket.summary = summary }
        if let description = form["ticket_form.description"] { ticket.description = description }
        if let status = form["ticket_form.status"] { ticket.status = status }
        if let assignee = form["ticket_form.assigned_to"], project.developers.contains(assignee) {
            ticket.assignedTo = assignee
        }
        ticket.labels = form["ticket_form.labels"].map(Self.splitLabels) ?? []
        if let flag = form["ticket_form.private"] { ticket.isPrivate = Self.truthy(flag) }
        if let flag = form["ticket_form.discussion_disabled"], !isNew { ticket.discussionDisabled = Self.truthy(flag) }

        let customNames = form.names(withPrefix: "ticket_form.custom_fields._")
            .filter { $0 != "ticket_form.custom_fields._milestone" }
        if !customNames.isEmpty || form.has("ticket_form._milestone") {
            var fields: [String: DemoJSON] = [:]
            if let milestone = form["ticket_form._milestone"] { fields["_milestone"] = .string(milestone) }
            for name in customNames {
                let field = String(name.dropFirst("ticket_form.custom_fields.".count))
                fields[field] = fieldValue(form[name] ?? "", kind: tracker.fields[field], project: project)
            }
            ticket.customFields = fields
        }
        if !isNew {
            for (field, kind) in tracker.fields
            where kind == .boolean && !customNames.contains("ticket_form.custom_fields." + field) {
                ticket.customFields[field] = .bool(false)
            }
        }
    }

    private mutating func createTicket(key: String, project: DemoProject, context: RequestContext) -> HTTPResponse {
        guard var tracker = data.trackers[key], let user = context.user else { return DemoResponses.errorPage(404) }
        let errors = validate(context, tracker: tracker, requireSummary: true)
        guard errors.isEmpty else { return DemoResponses.validation(errors: errors, sent: sentFields(context)) }
        let number = tracker.nextTicketNum
        let now = tick()
        var ticket = DemoTicket(
            ticketNum: number, id: rng.hex(24), summary: nil, description: "", status: "", reportedBy: user,
            assignedTo: nil,
            labels: [], isPrivate: false, discussionDisabled: false, createdDate: now, modDate: now, votesUp: 0,
            votesDown: 0,
            customFields: [:], relatedArtifacts: [], attachments: [], threadID: rng.hex(10))
        apply(context, to: &ticket, tracker: tracker, project: project, isNew: true)
        tracker.tickets[number] = ticket
        tracker.nextTicketNum += 1
        data.trackers[key] = tracker
        data.threads[ticket.threadID] = DemoThread(
            id: ticket.threadID, discussionID: tracker.discussionID, toolKey: key,
            owner: .ticket(tracker: key, number: number), posts: [])
        // `…/bugs/new` redirects to `…/bugs/N/`; `…/bugs/new/` to `…/bugs/new/N/` (a 404).
        let base = context.trailingSlash ? context.rawPath : context.redirectBaseForAction
        return DemoResponses.redirect(to: root + base + "\(number)/")
    }

    private mutating func saveTicket(
        key: String, number: Int, project: DemoProject, context: RequestContext
    ) -> HTTPResponse {
        guard var tracker = data.trackers[key], var ticket = tracker.tickets[number] else {
            return DemoResponses.errorPage(404)
        }
        let errors = validate(context, tracker: tracker, requireSummary: false)
        guard errors.isEmpty else { return DemoResponses.validation(errors: errors, sent: sentFields(context)) }
        apply(context, to: &ticket, tracker: tracker, project: project, isNew: false)
        ticket.modDate = tick()
        tracker.tickets[number] = ticket
        data.trackers[key] = tracker
        let base = context.trailingSlash ? context.rawPath : context.redirectBaseForAction
        return DemoResponses.redirect(to: root + base)
    }
}
