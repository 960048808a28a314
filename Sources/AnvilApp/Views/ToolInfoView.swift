import ForgeModel
import TerminalUI
import Text

/// A tool Anvil cannot show (no REST interface, or a kind it does not know): what the tool is
/// and its web address in full, which Enter and `o` open in the browser.
final class ToolInfoView: ToolView {
    init(session: ForgeSession, project: ProjectPath, tool: Tool) {
        super.init(session: session, project: project, tool: tool, mode: .list)
    }

    override var route: Route? { .tool(project, mount: tool.mountPoint) }

    /// The tool's own page as the forge lists it, else the address of its route.
    override var webURL: String? { WebAddress.checked(tool.webURL) ?? super.webURL }

    override func buildRows(width: Int) -> [Row] {
        var b = RowBuilder(width: width)
        b.heading(toolLabel)
        b.field("Kind", tool.kind.name, role: .label)
        b.paragraph(Self.summary(of: tool.kind), indent: 2)
        b.blank()
        if let url = webURL {
            b.field("Web page", url, role: .link, target: .browser(url))
        }
        b.blank()
        let why =
            tool.apiURL == nil
            ? "The forge offers no API for this tool, so Anvil cannot show it."
            : "Anvil has no view for this tool."
        b.paragraph(why + " Enter or o opens it in the browser.", role: .muted, indent: 2)
        return b.rows
    }

    /// What a tool of this kind is for, in a sentence.
    static func summary(of kind: ToolKind) -> String {
        switch kind {
        case .activity: return "The project's activity feed: recent changes, comments and commits."
        case .repository(let name): return "A \(name) source code repository: browse, clone and review it on the web."
        case .wiki, .tickets, .discussion, .blog, .link: return "A tool Anvil shows in its own view."
        case .other(let name):
            switch name.lowercased() {
            case "chat": return "A chat room (IRC-style) and its logs."
            case "files": return "File releases: downloads of the project's packages."
            case "admin": return "The project's administration pages."
            case "search": return "Search across the project's tools."
            case "home": return "The project's home page."
            case "profile": return "A user's profile page."
            case "userstats": return "Statistics of a user's contributions."
            case "feedback": return "Reviews and ratings of the project."
            case "shorturl": return "Short addresses that redirect elsewhere."
            case "support": return "How to get support for the project."
            default: return "A \(Sanitizer.clean(name)) tool."
            }
        }
    }
}
