/// The complete content of the demo forge, generated deterministically from a seed: the same seed
/// always gives the same projects, tickets, pages and threads.
public struct DemoData: Sendable {
    /// The seed this data was generated from.
    public let seed: UInt64

    var users: [String: DemoUser] = [:]
    var userOrder: [String] = []
    var projects: [String: DemoProject] = [:]
    var trackers: [String: DemoTracker] = [:]
    var wikis: [String: DemoWiki] = [:]
    var forumTools: [String: DemoForumTool] = [:]
    var blogs: [String: DemoBlog] = [:]
    var links: [String: String?] = [:]
    var activities: [String: [DemoActivity]] = [:]
    var threads: [String: DemoThread] = [:]

    /// Generates the data for `seed`.
    public init(seed: UInt64 = 1) {
        self.init(seed: seed, defersBigThread: true)
    }

    init(seed: UInt64, defersBigThread: Bool) {
        self.seed = seed
        var generator = DemoGenerator(seed: seed)
        generator.defersBigThread = defersBigThread
        generator.generate(into: &self)
    }

    /// Usernames of every demo user.
    public var usernames: [String] { userOrder }

    /// The REST paths of the `p/` projects (`/rest/p/anvil-demo/`, …).
    public var projectPaths: [String] { DemoNames.projects.map { "/rest/p/\($0)/" } }

    /// Wiki page titles of a project's wiki, in creation order.
    public func wikiTitles(project: String = DemoNames.mainProject, wiki: String = "wiki") -> [String] {
        wikis["p/\(project)/\(wiki)"]?.pages.map(\.title) ?? []
    }

    /// A ticket's stored state.
    public func ticket(
        project: String = DemoNames.mainProject, tracker: String = DemoNames.mainTracker, number: Int
    ) -> DemoTicket? {
        trackers["p/\(project)/\(tracker)"]?.tickets[number]
    }

    /// Ticket numbers of a tracker that are private.
    public func privateTicketNumbers(
        project: String = DemoNames.mainProject, tracker: String = DemoNames.mainTracker
    ) -> [Int] {
        (trackers["p/\(project)/\(tracker)"]?.tickets.values.filter(\.isPrivate).map(\.ticketNum) ?? []).sorted()
    }

    func user(_ name: String) -> DemoUser? { users[name] }

    func tool(_ key: String) -> DemoTool? {
        let parts = key.split(separator: "/", maxSplits: 2)
        guard parts.count == 3 else { return nil }
        return projects[parts[0] + "/" + parts[1]]?.tools.first { $0.mountPoint == parts[2] }
    }
}
