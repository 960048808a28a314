import ForgeModel
import Text

/// What changed on the forge between the version of a page or post that was shown and the one
/// the forge has now, one short phrase per part: shown before asking whether to overwrite.
enum ArtifactDifference {
    static func between(_ shown: WikiPage?, _ current: WikiPage) -> [String] {
        var parts: [String] = []
        labels(shown?.labels ?? [], current.labels, into: &parts)
        text(shown?.text ?? "", current.text, into: &parts)
        return parts
    }

    static func between(_ shown: BlogPost, _ current: BlogPost) -> [String] {
        var parts: [String] = []
        if shown.title != current.title {
            parts.append("title \(Sanitizer.clean(shown.title)) → \(Sanitizer.clean(current.title))")
        }
        if shown.state != current.state { parts.append("state \(shown.state.rawValue) → \(current.state.rawValue)") }
        labels(shown.labels, current.labels, into: &parts)
        text(shown.text, current.text, into: &parts)
        return parts
    }

    private static func labels(_ shown: [String], _ current: [String], into parts: inout [String]) {
        guard Set(shown) != Set(current) else { return }
        let show = { (labels: [String]) in
            labels.isEmpty ? "(none)" : labels.map { Sanitizer.clean($0) }.joined(separator: ", ")
        }
        parts.append("labels \(show(shown)) → \(show(current))")
    }

    /// `text: 3 lines added, 1 removed`.
    private static func text(_ shown: String, _ current: String, into parts: inout [String]) {
        let difference = current.split(separator: "\n", omittingEmptySubsequences: false)
            .difference(from: shown.split(separator: "\n", omittingEmptySubsequences: false))
        guard !difference.isEmpty else { return }
        let added = difference.insertions.count
        let removed = difference.removals.count
        parts.append("text: \(added) line\(added == 1 ? "" : "s") added, \(removed) removed")
    }

    /// The question asked before overwriting.
    static func question(what: String, changes: [String]) -> String {
        let detail = changes.isEmpty ? "" : " (" + changes.joined(separator: "; ") + ")"
        return "\(what) changed on the forge since you opened it\(detail). Overwrite with yours?"
    }
}
