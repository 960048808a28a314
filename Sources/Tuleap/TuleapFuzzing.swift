import ForgeModel
import Foundation
import HTTP

/// What must hold for any bytes a Tuleap server could send, checked by the fuzz targets (the
/// wire types stay internal; this is their one public door for fuzzing).
public enum TuleapFuzzing {
    /// Decodes `data` as each answer Anvil reads and maps what decodes; returns the properties
    /// that did not hold (empty when all did).
    public static func decoders(_ data: Data) -> [String] {
        var problems: [String] = []
        let decoder = JSONDecoder()
        let tracker = try? decoder.decode(TrackerJSON.self, from: data)
        if let tracker {
            let statuses = TuleapMapping.statuses(tracker)
            if !Set(statuses.open).isDisjoint(with: statuses.closed), Set(statuses.open).count == statuses.open.count {
                problems.append("a status both open and closed")
            }
            _ = TuleapMapping.fieldSpecs(tracker)
        }
        if let artifacts = try? decoder.decode([ArtifactJSON].self, from: data) {
            for artifact in artifacts {
                let ticket = TuleapMapping.ticket(artifact, tracker: tracker)
                if ticket.number != artifact.id { problems.append("artifact \(artifact.id) became #\(ticket.number)") }
                if ticket.customFields.values.contains(where: { $0.display.contains("\n") }) {
                    problems.append("a field of #\(artifact.id) spans lines")
                }
            }
        }
        if let changesets = try? decoder.decode([ChangesetJSON].self, from: data) {
            let posts = TuleapMapping.posts(changesets, previous: nil, tracker: tracker)
            if posts.count != changesets.count {
                problems.append("\(changesets.count) changesets, \(posts.count) posts")
            }
            if posts.contains(where: { !$0.ancestors.isEmpty }) { problems.append("a reply in a flat thread") }
        }
        if let project = try? decoder.decode(ProjectJSON.self, from: data) {
            let base = URL(string: "https://tuleap.example.org") ?? URL(fileURLWithPath: "/")
            _ = TuleapMapping.project(
                project, path: ProjectPath(neighborhood: "", name: project.shortname), trackers: [], hasWiki: true,
                base: base)
        }
        for status in [400, 401, 403, 404, 500] {
            let error = TuleapErrors.error(
                for: HTTPResponse(status: status, body: data), credential: .accessKey, isWrite: status == 403)
            if let message = error?.message, message.contains("\n") {
                problems.append("a \(status) message spans lines")
            }
        }
        return problems
    }

    /// Any text parses to a location or fails cleanly; a location's web address parses back to it.
    public static func router(_ input: String) -> [String] {
        let base = URL(string: "https://tuleap.example.org") ?? URL(fileURLWithPath: "/")
        guard let location = try? TuleapRouter.parse(input, base: base) else { return [] }
        guard let url = TuleapRouter.webURL(for: location, base: base) else {
            return ["\(location) has no web address"]
        }
        guard let again = try? TuleapRouter.parse(url.absoluteString, base: base) else {
            return ["the web address of \(location) does not parse"]
        }
        return again == location ? [] : ["\(location) came back as \(again)"]
    }
}
