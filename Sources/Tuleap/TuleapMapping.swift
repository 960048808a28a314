import ForgeModel
import Foundation
import HTTP

/// Tuleap's wire types turned into the forge-neutral model.
enum TuleapMapping {
    /// The mount of the PhpWiki tool.
    static let wikiMount = "wiki"
    /// The mount of the one-artifact tool of a project opened from an artifact's address.
    static let artifactsMount = "artifacts"

    static func project(
        _ json: ProjectJSON, path: ProjectPath, trackers: [TrackerJSON], hasWiki: Bool, base: URL,
        extraTools: [Tool] = []
    ) -> Project {
        let root = base.absoluteString
        var tools = trackers.map { tracker in
            Tool(
                kind: .tickets, mountPoint: String(tracker.id), label: toolLabel(tracker),
                webURL: root + "/plugins/tracker/?tracker=\(tracker.id)")
        }
        if hasWiki {
            tools.append(
                Tool(kind: .wiki, mountPoint: wikiMount, label: "Wiki", webURL: root + "/wiki/?group_id=\(json.id)"))
        }
        tools += extraTools
        var summary: [String] = []
        if let access = json.access { summary.append(access) }
        if let status = json.status, status != "active" { summary.append(status) }
        return Project(
            path: path, shortname: json.shortname, name: json.name,
            webURL: root + "/projects/" + PathSegment.encode(json.shortname) + "/",
            isPrivate: json.access?.hasPrefix("private") ?? false, summary: summary.joined(separator: " · "),
            shortDescription: json.description ?? "", status: json.status ?? "active", tools: tools)
    }

    /// `Bugs (bug · fiesta-red)`: the tracker's name, its item name and colour.
    static func toolLabel(_ tracker: TrackerJSON) -> String {
        let extra = [tracker.itemName, tracker.colorName].compactMap { $0 }.filter { !$0.isEmpty }
        return extra.isEmpty ? tracker.label : tracker.label + " (" + extra.joined(separator: " · ") + ")"
    }

    /// The Unix time of an ISO date, as Tuleap's `Etag` gives it.
    static func stamp(_ iso: String?) -> String {
        guard let iso, let date = WireTimestamp.parse(iso) else { return "" }
        return String(Int(date.timeIntervalSince1970))
    }

    static func ticket(_ json: ArtifactJSON, tracker: TrackerJSON?, etag: String? = nil) -> Ticket {
        let semantics = tracker?.semantics
        let roles = Set(
            [
                semantics?.title?.fieldID, semantics?.description?.fieldID, semantics?.status?.fieldID,
                semantics?.contributor?.fieldID,
            ].compactMap { $0 })
        var fields: [String: FieldValue] = [:]
        if let xref = json.xref { fields[referenceKey] = .text(xref) }
        var links: [TicketLink] = []
        for value in json.values ?? [] where !roles.contains(value.fieldID) {
            if value.type == "art_link" {
                // Links open in Anvil, one row each, rather than as a line of text.
                links += (value.links ?? []).map(link)
                continue
            }
            let key = tracker?.field(value.fieldID)?.name ?? value.label ?? String(value.fieldID)
            fields[key] = TuleapFieldText.fieldValue(value)
        }
        if json.assignees.count > 1 {
            fields[assigneesKey] = .text(json.assignees.map(\.name).joined(separator: ", "))
        }
        let description = json.value(semantics?.description?.fieldID).map(TuleapFieldText.text)
        return Ticket(
            number: json.id, summary: json.title ?? "", description: description ?? (json.values == nil ? nil : ""),
            status: json.status, reporter: json.submittedByUser?.name ?? "",
            assignee: json.assignees.first { !$0.isNone }?.name, customFields: fields,
            created: json.submittedOn.flatMap(WireTimestamp.parse),
            modified: json.lastModifiedDate.flatMap(WireTimestamp.parse),
            modifiedStamp: etag ?? stamp(json.lastModifiedDate), threadID: String(json.id), links: links)
    }

    /// An artifact link as a ticket link: artifact ids are global, so the route needs no project.
    static func link(_ json: LinkJSON) -> TicketLink {
        let label =
            "#\(json.id)" + (json.trackerLabel.map { " (\($0))" } ?? "")
            + (json.type.map { $0.isEmpty ? "" : " [\($0)]" } ?? "")
        return TicketLink(label: label, route: artifactRoute(json.id))
    }

    /// The route of artifact `id`, whatever its tracker.
    static func artifactRoute(_ id: Int) -> Route {
        .ticket(ProjectPath(neighborhood: "artifact", name: String(id)), mount: artifactsMount, number: id)
    }

    /// The field specs of a tracker, in structure order: every field with a value, except those
    /// the semantics show as summary, description, status and assignee.
    static func fieldSpecs(_ tracker: TrackerJSON) -> [FieldSpec] {
        let semantics = tracker.semantics
        let roles = Set(
            [
                semantics?.title?.fieldID, semantics?.description?.fieldID, semantics?.status?.fieldID,
                semantics?.contributor?.fieldID,
            ].compactMap { $0 })
        let own = orderedFields(tracker).filter { !roles.contains($0.fieldID) }.map(fieldSpec)
        return [
            FieldSpec(key: referenceKey, name: "Reference", isWritable: false),
            FieldSpec(key: assigneesKey, name: "Assignees", kind: .user, isWritable: false),
        ] + own
    }

    /// Keys of the facts Tuleap gives besides the tracker's fields: the reference (`bug #12`) and,
    /// when there are several, every assignee. Tracker field names are lowercase words, so
    /// these cannot clash with one.
    static let referenceKey = "Reference"
    static let assigneesKey = "Assignees"

    static func fieldSpec(_ field: FieldJSON) -> FieldSpec {
        let writable = field.canUpdate && writableTypes.contains(field.type)
        let choices = (field.values ?? []).filter { $0.isHidden != true && $0.id != .int(100) }.compactMap(\.name)
        switch field.type {
        case "int", "float", "computed", "aid", "atid", "priority":
            return FieldSpec(key: field.name, name: field.label, kind: .number, isWritable: writable)
        case "date", "subon", "lud":
            return FieldSpec(key: field.name, name: field.label, kind: .date, isWritable: writable)
        case "subby", "luby":
            return FieldSpec(key: field.name, name: field.label, kind: .user, isWritable: false)
        case "sb", "rb":
            if field.bindingType == "users", choices.isEmpty {
                return FieldSpec(key: field.name, name: field.label, kind: .user, isWritable: writable)
            }
            // A tracker's own select fields are what its lists are sorted by eye: list columns.
            return FieldSpec(
                key: field.name, name: field.label, kind: .choice, choices: choices, isWritable: writable,
                isListColumn: true)
        case "msb", "cb", "tbl":
            // Several values, comma-separated: the choices are suggestions.
            return FieldSpec(key: field.name, name: field.label, kind: .text, choices: choices, isWritable: writable)
        default:
            return FieldSpec(key: field.name, name: field.label, isWritable: writable)
        }
    }

    /// Types Anvil can write from text.
    static let writableTypes: Set<String> = ["string", "text", "int", "float", "date", "sb", "rb", "msb", "cb"]

    /// The tracker's value fields in the order of its layout (`structure`), then any not placed.
    static func orderedFields(_ tracker: TrackerJSON) -> [FieldJSON] {
        let all = (tracker.fields ?? []).filter { !$0.isLayout }
        let order = (tracker.structure ?? []).flatMap(\.fieldIDs)
        var seen = Set<Int>()
        var result: [FieldJSON] = []
        for id in order where !seen.contains(id) {
            seen.insert(id)
            if let field = all.first(where: { $0.fieldID == id }) { result.append(field) }
        }
        result += all.filter { !seen.contains($0.fieldID) }
        return result
    }

    /// The status field's values split by the status semantic: open ones, then closed ones.
    static func statuses(_ tracker: TrackerJSON) -> (open: [String], closed: [String]) {
        guard let semantic = tracker.semantics?.status, let field = tracker.field(semantic.fieldID) else {
            return ([], [])
        }
        var open: [String] = []
        var closed: [String] = []
        for value in field.values ?? [] where value.isHidden != true {
            guard let label = value.label, let id = value.id?.int, id != 100 else { continue }
            if semantic.valueIDs.contains(id) { open.append(label) } else { closed.append(label) }
        }
        return (open, closed)
    }

    /// Changesets as a flat thread: each one a post with its comment and, below it, its field
    /// changes as one-liners (`static_select: a → b`) found by comparing each changeset's values
    /// with the previous one's. A changeset with only field changes is a change-log post.
    static func posts(_ changesets: [ChangesetJSON], previous: ChangesetJSON?, tracker: TrackerJSON?) -> [Post] {
        var before = previous
        return changesets.map { changeset in
            defer { before = changeset }
            let comment = TuleapFieldText.comment(changeset.lastComment).trimmedOfWhitespace
            let changes = before.map { changeLines(from: $0, to: changeset, tracker: tracker) } ?? []
            var text = comment
            if let groups = changeset.lastComment.privateTo, !comment.isEmpty {
                text =
                    "*Private comment, for " + (groups.isEmpty ? "some groups" : groups.joined(separator: ", "))
                    + "*\n\n" + text
            }
            if !changes.isEmpty {
                text += (text.isEmpty ? "" : "\n\n") + changes.map { "- " + $0 }.joined(separator: "\n")
            }
            if text.isEmpty, before == nil { text = "*created*" }
            let author =
                changeset.submittedByDetails?.name ?? changeset.email ?? (changeset.submittedBy.map { "user \($0)" })
                ?? "anonymous"
            let created = WireTimestamp.parse(changeset.submittedOn)
            let edited = changeset.lastModifiedDate.flatMap(WireTimestamp.parse)
            return Post(
                id: String(changeset.id), ancestors: [], text: text, author: author, timestamp: created,
                lastEdited: edited.flatMap { edited in created.map { edited > $0 ? edited : nil } ?? nil },
                isMeta: comment.isEmpty, anchor: "followup_\(changeset.id)")
        }
    }

    /// `label: old → new` for each field whose value differs between two changesets.
    static func changeLines(from old: ChangesetJSON, to new: ChangesetJSON, tracker: TrackerJSON?) -> [String] {
        guard !new.values.isEmpty else { return [] }
        let skipped: Set<String> = ["lud", "luby", "subon", "subby", "aid", "atid", "priority", "cross"]
        var lines: [String] = []
        for value in new.values where !skipped.contains(value.type ?? "") {
            let was = old.values.first { $0.fieldID == value.fieldID }.map(TuleapFieldText.display) ?? ""
            let now = TuleapFieldText.display(value)
            guard was != now else { continue }
            let label = tracker?.field(value.fieldID)?.label ?? value.label ?? String(value.fieldID)
            if value.type == "text" {
                lines.append("\(label) changed")
            } else {
                lines.append("\(label): \(was.isEmpty ? "–" : was) → \(now.isEmpty ? "–" : now)")
            }
        }
        return lines
    }
}
