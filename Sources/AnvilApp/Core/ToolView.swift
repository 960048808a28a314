import ForgeModel
import TerminalUI

/// A view inside one tool of a project: the wiki index, a page, a forum, a thread, a tracker.
/// Its breadcrumb starts with the project and the tool's label.
open class ToolView: ScreenView {
    public let project: ProjectPath
    public let tool: Tool

    public init(session: ForgeSession, project: ProjectPath, tool: Tool, mode: ScrollState.Mode) {
        self.project = project
        self.tool = tool
        super.init(session: session, mode: mode)
    }

    /// The project's name once it is known, else its path.
    public var projectName: String { session.knownProject(project)?.name ?? project.description }

    /// The tool's label as the project lists it (a view opened from a URL may start with a guess).
    public var toolLabel: String {
        session.knownProject(project)?.tools.first { $0.mountPoint == tool.mountPoint }?.label ?? tool.label
    }

    /// What follows the project and the tool in the breadcrumb.
    open var itemCrumbs: [String] { [] }

    public final override var crumbs: [String] { [projectName, toolLabel] + itemCrumbs }
}
