/// Well-known names of the Tuleap-shaped demo forge, fixed for every seed.
public enum TuleapDemoNames {
    /// The main project's short name: two trackers and a PhpWiki.
    public static let mainProject = "anvil-demo"
    public static let mainProjectID = 101
    /// A second project, without a wiki.
    public static let otherProject = "website"
    public static let otherProjectID = 102
    /// The bug tracker of the main project: every field type.
    public static let bugTracker = 81
    /// The task tracker: a workflow in use.
    public static let taskTracker = 82
    /// The other project's tracker.
    public static let requestTracker = 83
    /// Bugs have ids 1…bugCount; bugs hiddenBugs are private, so one page of 50 (newest first)
    /// comes back empty although later pages hold bugs.
    public static let bugCount = 130
    public static let hiddenBugs = 31...80
    /// A bug with comments in text, HTML and CommonMark and field changes.
    public static let busyBug = 130
    /// The access key the demo accepts (`X-Auth-AccessKey`).
    public static let demoKey = "tlp-k1-1.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
    /// The OAuth2 token the demo accepts (reads only).
    public static let demoOAuthToken = "tlp-oauth2-at1-1.00112233445566778899aabbccddeeff"
    /// The user name and password `POST /api/tokens` and Basic accept.
    public static let demoUser = "alice"
    public static let demoPassword = "demo-password"
}
