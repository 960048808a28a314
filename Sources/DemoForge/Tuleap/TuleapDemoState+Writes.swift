import Foundation
import HTTP

/// `PUT /artifacts/{id}` and `POST /artifacts` as Tuleap answers them (§8): values by field id,
/// list fields by bind value ids (100 = None), texts as a string or `{content, format}`, a
/// comment with a required `format`, the workflow's transitions, `If-Match` against the `Etag`.
extension TuleapDemoState {
    mutating func update(_ text: String, request: HTTPRequest, caller: Caller) throws(Refusal) -> HTTPResponse {
        guard let id = Int(text), var artifact = data.artifacts[id] else { throw .status(404, "Not Found") }
        if artifact.isPrivate { throw .status(403, "Forbidden") }
        guard let tracker = data.tracker(artifact.trackerID) else { throw .status(404, "Not Found") }
        let object = try body(request)
        guard let values = object["values"] as? [Any] else { throw .status(400, "Bad Request: `values` is required.") }
        if let expected = request.header("If-Match"), expected != String(artifact.lastModified / 1000) {
            throw .status(
                412,
                "Precondition Failed: Artifact has been modified since you last requested it. Please edit the latest version"
            )
        }
        var changed = artifact.values
        try apply(values, to: &changed, tracker: tracker, current: artifact.values)
        let (comment, format) = try self.comment(object["comment"])
        guard changed != artifact.values || !comment.isEmpty else {
            return HTTPResponse(status: 200, headers: etag(artifact))
        }
        writes += 1
        let now = max(artifact.lastModified, DemoTime.now) + writes * 60_000
        artifact.values = changed
        artifact.lastModified = now
        artifact.lastUpdateBy = caller.user ?? 101
        artifact.changesets.append(
            TuleapDemoChangeset(
                id: data.nextChangeset, by: caller.user ?? 101, on: now, comment: comment, format: format,
                values: changed))
        data.nextChangeset += 1
        data.artifacts[id] = artifact
        return HTTPResponse(status: 200, headers: etag(artifact))
    }

    mutating func create(_ request: HTTPRequest, caller: Caller) throws(Refusal) -> HTTPResponse {
        let object = try body(request)
        guard let trackerID = (object["tracker"] as? [String: Any])?["id"] as? Int,
            let tracker = data.tracker(trackerID)
        else { throw .status(404, "Not Found") }
        guard let values = object["values"] as? [Any] else {
            throw .status(400, "Bad Request: No valid data are provided")
        }
        var stored: [Int: TuleapDemoValue] = [:]
        try apply(values, to: &stored, tracker: tracker, current: [:])
        guard case .string(let title)? = stored[tracker.titleField], !title.isEmpty else {
            let label = tracker.field(tracker.titleField)?.label ?? "Title"
            throw .status(
                400, "Bad Request: The field \(label) (\(tracker.field(tracker.titleField)?.name ?? "")) is required.\n"
            )
        }
        if stored[tracker.statusField] == nil, let first = tracker.openValues.first {
            stored[tracker.statusField] = .list([first])
        }
        let id = (data.artifacts.keys.max() ?? 0) + 1
        writes += 1
        let now = DemoTime.now + writes * 60_000
        let artifact = TuleapDemoArtifact(
            id: id, trackerID: tracker.id, submittedBy: caller.user ?? 101, submittedOn: now, lastModified: now,
            lastUpdateBy: caller.user ?? 101, isPrivate: false, values: stored,
            changesets: [
                TuleapDemoChangeset(
                    id: data.nextChangeset, by: caller.user ?? 101, on: now, comment: "", format: "text", values: stored
                )
            ])
        data.nextChangeset += 1
        data.artifacts[id] = artifact
        var headers = etag(artifact)
        headers["Location"] = DemoURL.root(baseURL) + "/api/v1/artifacts/\(id)"
        return Self.json(
            ["id": id, "uri": "artifacts/\(id)", "tracker": json.trackerRef(tracker)], status: 201, headers: headers)
    }

    func body(_ request: HTTPRequest) throws(Refusal) -> [String: Any] {
        guard let data = request.body, let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { throw .status(400, "Bad Request: the body must be a JSON object") }
        return object
    }

    func comment(_ value: Any?) throws(Refusal) -> (String, String) {
        guard let object = value as? [String: Any] else { return ("", "text") }
        guard let format = object["format"] as? String else {
            throw .status(400, "Bad Request: `comment[format]` is required.")
        }
        let body = (object["body"] as? String) ?? ""
        return (body, ["text", "html", "commonmark"].contains(format) ? format : "commonmark")
    }

    /// Applies `values` to `stored`, refusing what Tuleap refuses.
    func apply(
        _ values: [Any], to stored: inout [Int: TuleapDemoValue], tracker: TuleapDemoTracker,
        current: [Int: TuleapDemoValue]
    ) throws(Refusal) {
        for (index, entry) in values.enumerated() {
            guard let value = entry as? [String: Any] else {
                throw .status(400, "Bad Request: values[\(index)] is malformed")
            }
            guard let rawID = value["field_id"] else {
                throw .status(400, "Bad Request: `values[\(index)][field_id]` is required.")
            }
            guard let id = (rawID as? Int) ?? (rawID as? String).flatMap({ Int($0) }) else {
                throw .status(
                    400,
                    "Bad Request: Invalid value specified for `values[\(index)][field_id]`. Expecting integer value")
            }
            guard let field = tracker.field(id) else { throw .status(400, "Bad Request: Unknown field \(id)") }
            if field.isReadOnly {
                throw .status(400, "Bad Request: You are not allowed to update the field \(field.label).")
            }
            stored[id] = try convert(value, field: field, tracker: tracker, current: current)
        }
    }

    func convert(
        _ value: [String: Any], field: TuleapDemoField, tracker: TuleapDemoTracker, current: [Int: TuleapDemoValue]
    ) throws(Refusal) -> TuleapDemoValue {
        switch field.type {
        case "sb", "rb", "msb", "cb":
            guard let raw = value["bind_value_ids"] as? [Any] else {
                throw .status(400, "Bad Request: bind_value_ids is required for field \(field.label)")
            }
            var ids = raw.compactMap { ($0 as? Int) ?? ($0 as? String).flatMap { Int($0) } }.filter { $0 != 100 }
            if ["sb", "rb"].contains(field.type), ids.count > 1 {
                throw .status(400, "Bad Request: Selectbox fields can only have one value")
            }
            for id in ids {
                let known = field.boundToUsers ? data.user(id) != nil : field.values.contains { $0.id == id }
                guard known else { throw .status(400, "Bad Request: The submitted value \(id) is invalid") }
            }
            if field.id == tracker.statusField, let transitions = tracker.transitions, let to = ids.first {
                var from: Int?
                if case .list(let old)? = current[field.id] { from = old.first }
                if from != to, !transitions.contains(where: { $0.from == from && $0.to == to }) {
                    let label = field.values.first { $0.id == to }?.label ?? String(to)
                    throw .status(400, "Bad Request: The transition to the value \"\(label)\" is not valid.")
                }
            }
            ids = Array(NSOrderedSet(array: ids).compactMap { $0 as? Int })
            return .list(ids)
        case "string":
            return .string((value["value"] as? String) ?? "")
        case "text":
            if let object = value["value"] as? [String: Any] {
                return .text((object["content"] as? String) ?? "", format: (object["format"] as? String) ?? "text")
            }
            return .text((value["value"] as? String) ?? "", format: "commonmark")
        case "int":
            if value["value"] is NSNull { return .int(nil) }
            guard let number = value["value"] as? Int else {
                throw .status(400, "Bad Request: \(field.label) is not an integer")
            }
            return .int(number)
        case "float":
            if value["value"] is NSNull { return .float(nil) }
            guard let number = value["value"] as? Double else {
                throw .status(400, "Bad Request: \(field.label) is not a number")
            }
            return .float(number)
        case "date":
            let day = (value["value"] as? String) ?? ""
            return .date(day.isEmpty ? nil : String(day.prefix(10)))
        default:
            throw .status(400, "Bad Request: The field \(field.label) cannot be written by the demo")
        }
    }
}
