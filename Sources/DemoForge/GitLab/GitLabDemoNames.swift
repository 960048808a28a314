/// Well-known names of the GitLab-shaped demo forge, fixed for every seed.
public enum GitLabDemoNames {
    /// The main project's full path: issues and a wiki, in a subgroup.
    public static let mainProject = "acme/tools/anvil-demo"
    /// Its numeric id.
    public static let mainProjectID = 42
    /// Issues in the main project (more than two clamped pages of 100).
    public static let mainIssueCount = 230
    /// A main-project issue with many discussions (more than one page of 20).
    public static let busyIssue = 7
    /// Discussions on the busy issue.
    public static let busyIssueDiscussions = 45
    /// A project with issues but its wiki disabled.
    public static let websiteProject = "acme/website"
    /// A private personal project with issues disabled.
    public static let personalProject = "alice/dotfiles"
    /// The token the demo accepts, as `PRIVATE-TOKEN` or `Authorization: Bearer`.
    public static let demoToken = "glpat-anvil-demo-token-0000"
    /// The user the demo token belongs to (a maintainer of every demo project).
    public static let tokenUser = "alice"
}
