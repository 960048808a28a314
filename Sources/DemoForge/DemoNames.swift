/// Well-known names in the demo data, fixed for every seed (the content around them varies).
public enum DemoNames {
    /// The main project: `p/anvil-demo`, with two trackers and the big forum thread.
    public static let mainProject = "anvil-demo"
    /// A second, smaller project.
    public static let secondProject = "nimbus"
    /// A project whose display name is Unicode and whose short description is hostile.
    public static let unicodeProject = "kaiju"
    /// All `p/` projects.
    public static let projects = [mainProject, secondProject, unicodeProject]

    /// The main tracker of `anvil-demo` (200 tickets).
    public static let mainTracker = "bugs"
    /// The second tracker of `anvil-demo` (custom statuses).
    public static let featureTracker = "features"
    /// Number of tickets in the main tracker.
    public static let mainTicketCount = 200
    /// A main-tracker ticket that is always private.
    public static let privateTicket = 195
    /// A main-tracker ticket with 40 nested comments.
    public static let busyTicket = 150

    /// The forum with 130 topics, including the big thread.
    public static let bigForum = "general"
    /// The topic (thread id) with 2,000 visible posts nested up to 8 levels.
    public static let bigThreadID = "b16a7d2000"
    /// Visible posts in the big thread.
    public static let bigThreadPosts = 2000

    /// Wiki titles with special meaning.
    public static let homePage = "Home"
    public static let largePage = "Field Manual"
    public static let escapesPage = "Terminal Escapes"

    /// The default bearer token the demo forge accepts.
    public static let demoToken = "d3m0t0k3nf0ra4nv1l00"
    /// The user the demo token belongs to (a developer of every demo project).
    public static let tokenUser = "ingrid"
}
