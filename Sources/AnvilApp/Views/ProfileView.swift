import ForgeModel
import TerminalUI
import Text

/// A user's profile; Enter on one of their projects opens it.
final class ProfileView: ScreenView {
    let username: String
    private(set) var profile: UserProfile?

    init(session: ForgeSession, username: String) {
        self.username = username
        super.init(session: session, mode: .list)
    }

    override var crumbs: [String] { ["users", username] }
    override var route: Route? { .userProfile(username: username) }

    override func start(_ app: App) {
        guard let forge = session.forge.profileReading else {
            loadError = .unsupported("This forge has no user profiles")
            return
        }
        let name = username
        groupFallback.reset()
        app.load(for: self) { .profile(try await forge.profile(username: name)) }
    }

    override func loadFailed(_ error: ForgeError, app: App) {
        if profile == nil { groupFallback.ask(after: error, path: username, for: self, app: app) }
    }

    private var groupFallback = GroupFallback()

    override func receive(_ payload: Payload, app: App) {
        if GroupFallback.open(payload, instead: self, app: app) { return }
        guard case .profile(let profile) = payload else { return }
        self.profile = profile
    }

    override func buildRows(width: Int) -> [Row] {
        guard let profile else { return stateRows(what: "the profile of \(username)") ?? [] }
        var b = RowBuilder(width: width)
        b.heading(profile.name.isEmpty ? profile.username : profile.name)
        b.field("Username", "@" + profile.username, role: .author)
        if let joined = profile.joined { b.field("Joined", DateText.both(joined, now: now()), role: .date) }
        b.field("Location", profile.location)
        for page in profile.webpages {
            if let url = WebAddress.checked(page) { b.field("Web page", url, role: .link, target: .browser(url)) }
        }
        for network in profile.socialNetworks {
            if let url = WebAddress.checked(network.accountURL) {
                b.field(network.network, url, role: .link, target: .browser(url))
            }
        }
        if !profile.skills.isEmpty {
            b.blank()
            b.heading("Skills")
            for skill in profile.skills {
                let comment = skill.comment.isEmpty ? "" : " — \(skill.comment)"
                b.field(skill.name, skill.level + comment)
            }
        }
        b.blank()
        b.heading("Projects")
        if profile.projects.isEmpty { b.rows.append(Row("  (none visible)", .muted)) }
        for project in profile.projects {
            let route = try? session.parse(project.webPath).route
            b.columns(
                [(project.name, .normal, 28), (project.summary, .muted, 0)],
                target: route.map { .route($0) } ?? .note("Cannot open \(project.webPath)"))
        }
        return b.rows
    }
}
