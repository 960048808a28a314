import ForgeModel
import Foundation

/// Turns a neutral `TicketEdit` into the `values` of a Tuleap write (tuleap-rest.md §8): status
/// and list fields by bind value ids (the complete new set), the assignee by user id from the
/// contributor field, texts and numbers by `value`. Only what changes is sent.
enum TuleapWrite {
    static func values(
        for edit: TicketEdit, artifact: ArtifactJSON?, tracker: TrackerJSON
    ) throws(ForgeError)
        -> [ValueWriteJSON]
    {
        var values: [ValueWriteJSON] = []
        let semantics = tracker.semantics
        if let summary = edit.summary, summary != artifact?.title {
            guard let field = tracker.field(semantics?.title?.fieldID) else {
                throw ForgeError.unsupported("This tracker has no title field")
            }
            values.append(ValueWriteJSON(fieldID: field.fieldID, value: .string(summary)))
        }
        if let description = edit.description, let field = tracker.field(semantics?.description?.fieldID) {
            values.append(
                ValueWriteJSON(
                    fieldID: field.fieldID,
                    value: .object(["content": .string(description), "format": .string("commonmark")])))
        }
        if let status = edit.status, status != artifact?.status {
            guard let field = tracker.field(semantics?.status?.fieldID) else {
                throw ForgeError.unsupported("This tracker has no status field")
            }
            let id = try bindID(status, field: field)
            try checkTransition(to: id, label: status, field: field, artifact: artifact, tracker: tracker)
            values.append(ValueWriteJSON(fieldID: field.fieldID, bindValueIDs: [.int(id)]))
        }
        if let assignee = edit.assignee {
            guard let field = tracker.field(semantics?.contributor?.fieldID) else {
                throw ForgeError.unsupported("This tracker has no assignee field")
            }
            let ids: [FlexibleID] = assignee.isEmpty ? [.int(100)] : [.int(try bindID(assignee, field: field))]
            values.append(ValueWriteJSON(fieldID: field.fieldID, bindValueIDs: ids))
        }
        for (key, value) in edit.fields.sorted(by: { $0.key < $1.key }) {
            guard let field = tracker.fields?.first(where: { $0.name == key }) else {
                throw ForgeError.validation(["\(key): not a field of this tracker"])
            }
            values.append(try write(value, to: field))
        }
        return values
    }

    /// One field's new value, by its type.
    static func write(_ value: FieldValue, to field: FieldJSON) throws(ForgeError) -> ValueWriteJSON {
        guard field.canUpdate, TuleapMapping.writableTypes.contains(field.type) else {
            throw ForgeError.validation(["\(field.label): Anvil cannot change this field"])
        }
        switch (field.type, value) {
        case ("sb", .empty), ("rb", .empty), ("msb", .empty), ("cb", .empty):
            return ValueWriteJSON(fieldID: field.fieldID, bindValueIDs: [.int(100)])
        case ("sb", _), ("rb", _):
            return ValueWriteJSON(fieldID: field.fieldID, bindValueIDs: [.int(try bindID(value.display, field: field))])
        case ("msb", _), ("cb", _):
            let names = value.display.split(separator: ",").map { $0.trimmedOfSpaces }
                .filter { !$0.isEmpty }
            var ids: [FlexibleID] = []
            for name in names { ids.append(.int(try bindID(name, field: field))) }
            return ValueWriteJSON(fieldID: field.fieldID, bindValueIDs: ids)
        case ("int", .number(let number)):
            return ValueWriteJSON(fieldID: field.fieldID, value: .number(number.rounded()))
        case ("float", .number(let number)): return ValueWriteJSON(fieldID: field.fieldID, value: .number(number))
        case ("int", .empty), ("float", .empty): return ValueWriteJSON(fieldID: field.fieldID, value: .null)
        case ("date", _): return ValueWriteJSON(fieldID: field.fieldID, value: .string(value.display))
        case ("text", _):
            return ValueWriteJSON(
                fieldID: field.fieldID,
                value: .object(["content": .string(value.display), "format": .string("commonmark")]))
        case ("string", _): return ValueWriteJSON(fieldID: field.fieldID, value: .string(value.display))
        default: throw ForgeError.validation(["\(field.label) takes \(field.type), not \(value.display)"])
        }
    }

    /// The bind value id of `name` (a label, or a username in user-bound lists), ignoring case.
    static func bindID(_ name: String, field: FieldJSON) throws(ForgeError) -> Int {
        let wanted = name.lowercased()
        let match = (field.values ?? []).first { value in
            value.name?.lowercased() == wanted || value.label?.lowercased() == wanted
        }
        guard let id = match?.id?.int else {
            let known = (field.values ?? []).compactMap(\.name).filter { !$0.isEmpty }
            throw ForgeError.validation(
                [
                    "\(field.label): no value \(name)"
                        + (known.isEmpty ? "" : "; one of " + known.joined(separator: ", "))
                ])
        }
        return id
    }

    /// With a workflow in use, only its transitions are allowed (staying put always is).
    static func checkTransition(
        to id: Int, label: String, field: FieldJSON, artifact: ArtifactJSON?, tracker: TrackerJSON
    ) throws(ForgeError) {
        guard let workflow = tracker.workflow, workflow.isUsed, workflow.fieldID == field.fieldID else { return }
        let current = artifact?.value(field.fieldID)?.bindValueIDs?.first?.int
        if current == id { return }
        guard workflow.transitions.contains(where: { $0.fromID == current && $0.toID == id }) else {
            throw ForgeError.validation(["the workflow does not allow the status \(label) from here"])
        }
    }
}
