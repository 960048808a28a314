import ForgeModel
import Foundation
import Text

/// Where a link in rendered Markdown leads, from the page it is on: Allura's bracketed artifact
/// references (`[#12]`, `[bugs:#12]`, `[Page]`, `[wiki:Page]`, `[proj:wiki:Page]`), forge URLs and
/// paths (opened in Anvil), other URLs (the browser), and places in the same page.
struct LinkResolver {
    enum Target: Equatable {
        case route(Route)
        case browser(String)
        /// A line of the rendered document.
        case line(Int)
        case note(String)
    }

    let session: ForgeSession
    let project: ProjectPath
    /// The tool the text belongs to: `[Page]` is a page of this wiki, `[#12]` a ticket of this tracker.
    let tool: Tool
    /// The web address of the page the text is on, for relative link targets.
    let pageURL: String

    func resolve(_ link: DocumentLink, headings: [DocumentHeading]) -> Target {
        if let line = link.targetLine { return .line(line) }
        switch link.kind {
        case .heading, .footnote: return .note("That place is not in this page")
        case .mention: return .route(.userProfile(username: String(link.target.drop { $0 == "@" })))
        case .reference: return reference(link.target)
        case .macro:
            if link.target.contains("://") { return address(link.target) }
            return reference(link.target)
        case .image: return address(link.target)
        case .url:
            let target = link.target
            if target.hasPrefix("#"), !target.dropFirst().allSatisfy(\.isNumber) {
                let anchor = String(target.dropFirst())
                if let heading = headings.first(where: { MarkdownRenderer.anchor(of: $0.text) == anchor }) {
                    return .line(heading.line)
                }
                return .note("No heading \(target) in this page")
            }
            if Self.isArtifactReference(target) { return reference(target) }
            return address(target)
        }
    }

    /// `#12`, `bugs:#12`, `proj:bugs:#12`: artifact references used as link targets.
    private static func isArtifactReference(_ text: String) -> Bool {
        guard let last = text.split(separator: ":", omittingEmptySubsequences: false).last else { return false }
        return last.hasPrefix("#") && last.count > 1 && last.dropFirst().allSatisfy(\.isNumber)
    }

    /// A reference, resolved by the forge when it has rules of its own, else against this
    /// project's tools as Allura's bracketed references are.
    private func reference(_ text: String) -> Target {
        switch session.forge.resolveReference(text, in: project) {
        case .route(let route)?: return .route(route)
        case .web(let url)?: return .browser(url)
        case nil: return toolReference(text)
        }
    }

    /// `[#12]`, `[bugs:#12]`, `[Page]`, `[proj:wiki:Page]`: a ticket or wiki page of this project's
    /// tools (or of the named project).
    private func toolReference(_ text: String) -> Target {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard let last = parts.last, !last.isEmpty else { return .note("Nothing to open") }
        var owner = project
        if parts.count == 3 { owner = ProjectPath(neighborhood: project.neighborhood, name: parts[0]) }
        let mount: String? = parts.count >= 2 ? parts[parts.count - 2] : nil
        if last.hasPrefix("#"), let number = Int(last.dropFirst()) {
            guard let tracker = mount ?? trackerMount() else {
                return .note("No tracker known for #\(number) in \(project)")
            }
            return .route(.ticket(owner, mount: tracker, number: number))
        }
        if mount == nil {
            if Self.isRevision(last) { return .note("Commits are not shown in Anvil: \(last)") }
            let pieces = last.split(separator: "/")
            if pieces.count == 3, pieces[0].count == 4, pieces[0].allSatisfy(\.isNumber),
                let blog = tools.first(where: { $0.kind == .blog })
            {
                return .route(.blogPost(project, mount: blog.mountPoint, path: last))
            }
        }
        guard let wiki = mount ?? wikiMount() else { return .note("No wiki known for [\(text)]") }
        return .route(.wikiPage(owner, mount: wiki, title: last))
    }

    /// `r1234` (Subversion) or a 7 to 40 digit hex commit.
    private static func isRevision(_ text: String) -> Bool {
        if text.hasPrefix("r"), text.count > 1, text.dropFirst().allSatisfy(\.isNumber) { return true }
        return (7...40).contains(text.count) && text.allSatisfy(\.isHexDigit) && text.contains { $0.isNumber }
    }

    /// A URL or path: forge addresses open in Anvil, everything else in the browser.
    private func address(_ target: String) -> Target {
        guard let base = URL(string: pageURL), let url = URL(string: target, relativeTo: base)?.absoluteURL else {
            return .note("Cannot open \(Sanitizer.clean(target))")
        }
        guard url.scheme == "http" || url.scheme == "https" else { return .browser(url.absoluteString) }
        if let (forgeBase, route) = try? session.parse(url.absoluteString), session.isSameForge(forgeBase) {
            return .route(route)
        }
        return .browser(url.absoluteString)
    }

    private var tools: [Tool] { session.knownProject(project)?.tools ?? [tool] }

    private func trackerMount() -> String? {
        tool.kind == .tickets ? tool.mountPoint : tools.first { $0.kind == .tickets }?.mountPoint
    }

    private func wikiMount() -> String? {
        tool.kind == .wiki ? tool.mountPoint : tools.first { $0.kind == .wiki }?.mountPoint
    }
}
