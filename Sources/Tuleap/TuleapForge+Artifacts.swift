import ForgeModel
import Foundation
import HTTP

/// Artifacts as tickets: a tracker's list and TQL search paged by `limit`/`offset` (the size an
/// upper bound), one artifact with its `Etag`, tracker metadata, and writes as one `PUT` with
/// `If-Match`; a 412 becomes a `TicketConflict` holding the artifact as it is now.
extension TuleapForge {
    /// The tracker id of a ticket tool's mount.
    func trackerID(_ mount: String) throws -> Int {
        guard let id = Int(mount), id > 0 else {
            throw ForgeError.unsupported("This tool lists no tracker: open the artifact's tracker from the project")
        }
        return id
    }

    public func ticketList(_ project: ProjectPath, mount: String, page: Int, limit: Int) async throws -> TicketPage {
        try await artifacts(trackerID(mount), tql: nil, page: page, limit: limit)
    }

    public func searchTickets(
        _ project: ProjectPath, mount: String, query: TicketQuery, page: Int, limit: Int
    ) async throws -> TicketPage {
        let id = try trackerID(mount)
        let tql = try TuleapQuery.tql(query, tracker: try await tracker(id))
        return try await artifacts(id, tql: tql, page: page, limit: limit)
    }

    /// A page of a tracker's artifacts with their values, newest first without a query (by id
    /// ascending with one: Tuleap ignores `order` then).
    func artifacts(_ trackerID: Int, tql: String?, page: Int, limit: Int) async throws -> TicketPage {
        let tracker = try await tracker(trackerID)
        let size = min(max(limit, 1), traits.maximumPageSize)
        var query = [URLQueryItem(name: "values", value: "all")]
        if let tql {
            query.append(URLQueryItem(name: "expert_query", value: tql))
        } else {
            query.append(URLQueryItem(name: "order", value: "desc"))
        }
        let (items, paging) = try await client.page(
            [ArtifactJSON].self, ["trackers", String(trackerID), "artifacts"], query: query, offset: page * size,
            limit: size)
        return TicketPage(
            tickets: items.map { TuleapMapping.ticket($0, tracker: tracker) }, isPartial: false, page: page,
            limit: size, total: paging.size.map(Total.atMost) ?? .unknown, tracker: info(tracker))
    }

    /// One artifact with its first follow-ups; its `Etag` is the stamp a write sends back.
    public func ticket(_ project: ProjectPath, mount: String, number: Int) async throws -> Ticket {
        let (json, response) = try await client.getWithResponse(ArtifactJSON.self, ["artifacts", String(number)])
        let tracker = try? await self.tracker(json.tracker.id)
        var ticket = TuleapMapping.ticket(json, tracker: tracker, etag: response.header("Etag"))
        if let page = try? await thread(number, page: 0, limit: 50, tracker: tracker) {
            ticket.thread = DiscussionThread(
                id: String(number), subject: ticket.summary, posts: page.posts, page: 0, limit: page.limit)
        }
        return ticket
    }

    public func trackerInfo(_ project: ProjectPath, mount: String) async throws -> TrackerInfo {
        if mount == TuleapMapping.artifactsMount, project.neighborhood == "artifact", let id = Int(project.name) {
            let (json, _) = try await client.getWithResponse(ArtifactJSON.self, ["artifacts", String(id)])
            return info(try await tracker(json.tracker.id))
        }
        return info(try await tracker(trackerID(mount)))
    }

    /// Fields, statuses and the people of user-bound contributor values, for prompts.
    func info(_ tracker: TrackerJSON) -> TrackerInfo {
        let statuses = TuleapMapping.statuses(tracker)
        let members = tracker.field(tracker.semantics?.contributor?.fieldID)?.values?.compactMap(\.username) ?? []
        return TrackerInfo(
            members: members, fields: TuleapMapping.fieldSpecs(tracker), openStatuses: statuses.open,
            closedStatuses: statuses.closed)
    }

    public func statusChoices(
        seen tickets: [Ticket], facets: [FacetValue], tracker: TrackerInfo
    ) -> (open: [String], closed: [String]) {
        (tracker.openStatuses, tracker.closedStatuses)
    }

    // MARK: Writes

    public func updateTicket(
        _ project: ProjectPath, mount: String, number: Int, edit: TicketEdit, expectedStamp: String?
    ) async throws -> TicketWriteResult {
        guard !edit.isEmpty else { throw ForgeError.unsupported("Nothing to change on artifact #\(number)") }
        let (json, response) = try await client.getWithResponse(ArtifactJSON.self, ["artifacts", String(number)])
        let tracker = try await self.tracker(json.tracker.id)
        let values = try TuleapWrite.values(for: edit, artifact: json, tracker: tracker)
        let comment = edit.comment.flatMap { $0.trimmedOfWhitespace.isEmpty ? nil : $0 }
        guard !values.isEmpty || comment != nil else {
            return TicketWriteResult(ticket: TuleapMapping.ticket(json, tracker: tracker))
        }
        let stamp = expectedStamp ?? response.header("Etag")
        let body = ArtifactWriteJSON(
            values: values, comment: comment.map { CommentWriteJSON(body: $0, format: "commonmark") })
        try await put(number, body: body, ifMatch: stamp, project: project, mount: mount)
        let saved = try await ticket(project, mount: mount, number: number)
        return TicketWriteResult(ticket: saved)
    }

    /// `PUT /artifacts/{id}`; a 412 reads the artifact again and throws the conflict.
    func put(_ number: Int, body: ArtifactWriteJSON, ifMatch: String?, project: ProjectPath, mount: String) async throws
    {
        do {
            _ = try await client.write("PUT", ["artifacts", String(number)], body: body, ifMatch: ifMatch)
        } catch is TuleapPreconditionFailed {
            throw TicketConflict(current: try await ticket(project, mount: mount, number: number))
        }
    }

    public func createTicket(_ project: ProjectPath, mount: String, edit: TicketEdit) async throws -> Ticket {
        let tracker = try await self.tracker(trackerID(mount))
        guard let title = edit.summary, !title.trimmedOfWhitespace.isEmpty else {
            throw ForgeError.unsupported("A new artifact needs a title")
        }
        let values = try TuleapWrite.values(for: edit, artifact: nil, tracker: tracker)
        let response = try await client.write(
            "POST", ["artifacts"], body: ArtifactWriteJSON(tracker: tracker.id, values: values))
        let created = try client.decode(CreatedJSON.self, from: response.body)
        return try await ticket(project, mount: mount, number: created.id)
    }
}

/// `POST /artifacts` answers `{id, uri, tracker}`.
struct CreatedJSON: Decodable {
    let id: Int
}
