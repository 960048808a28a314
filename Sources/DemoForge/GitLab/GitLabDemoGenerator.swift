/// Builds the GitLab demo data from a seed: the same seed gives the same forge.
enum GitLabDemoGenerator {
    static let people: [(String, String)] = [
        ("alice", "Alice Liddell"), ("bob", "Bob Kowalski"), ("carol", "Carol Nguyễn"), ("dave", "Dave O'Brien"),
        ("erin", "Erin Søndergaard"), ("frank", "Frank 李"), ("grace", "Grace Hopper-Smith"), ("ghost", "Ghost User"),
    ]

    static func make(seed: UInt64) -> GitLabDemoData {
        var rng = SplitMix64(seed: seed ^ 0x6A7B_1AB0)
        var users = people.enumerated().map { index, person in
            GitLabDemoData.User(id: index + 1, username: person.0, name: person.1)
        }
        users[7].state = "blocked"
        users[0].bio = "Maintainer of the Anvil demo."
        users[0].location = "Oxford"
        let groups = [
            GitLabDemoData.Group(id: 10, name: "Acme", path: "acme", fullPath: "acme", parentID: nil),
            GitLabDemoData.Group(id: 11, name: "Tools", path: "tools", fullPath: "acme/tools", parentID: 10),
        ]
        var nextNoteID = 1000
        var nextIssueID = 5000
        let main = project(
            id: GitLabDemoNames.mainProjectID, name: "Anvil Demo", path: "anvil-demo", group: groups[1],
            groupName: "Acme / Tools", issues: GitLabDemoNames.mainIssueCount, wiki: true, rng: &rng,
            nextNoteID: &nextNoteID, nextIssueID: &nextIssueID)
        var website = project(
            id: 43, name: "Website", path: "website", group: groups[0], groupName: "Acme", issues: 12, wiki: false,
            rng: &rng, nextNoteID: &nextNoteID, nextIssueID: &nextIssueID)
        website.description = "The acme.example web site."
        var dotfiles = project(
            id: 44, name: "dotfiles", path: "dotfiles", group: nil, groupName: "Alice Liddell", issues: 0, wiki: true,
            rng: &rng, nextNoteID: &nextNoteID, nextIssueID: &nextIssueID)
        dotfiles.namespaceKind = "user"
        dotfiles.namespaceID = 1
        dotfiles.namespacePath = "alice"
        dotfiles.visibility = "private"
        dotfiles.issuesAccess = "disabled"
        dotfiles.description = nil
        return GitLabDemoData(
            users: users, groups: groups, projects: [main, website, dotfiles], nextNoteID: nextNoteID,
            nextIssueID: nextIssueID)
    }

    static let labelDefinitions: [(String, String, String?)] = [
        ("bug", "#d9534f", "Something does not work"), ("feature", "#428bca", "A new ability"),
        ("docs", "#5cb85c", nil), ("needs review", "#f0ad4e", "Waiting for a second pair of eyes"),
        ("priority::high", "#cc0033", "Fix first"), ("priority::low", "#999999", nil),
        ("good first issue", "#7f8c8d", "Small and well described"), ("ui", "#8e44ad", nil),
    ]

    static func project(
        id: Int, name: String, path: String, group: GitLabDemoData.Group?, groupName: String, issues count: Int,
        wiki: Bool, rng: inout SplitMix64, nextNoteID: inout Int, nextIssueID: inout Int
    ) -> GitLabDemoData.Project {
        let labels = labelDefinitions.enumerated().map { index, definition in
            GitLabDemoData.Label(
                id: id * 100 + index + 1, name: definition.0, color: definition.1, description: definition.2,
                priority: definition.0 == "priority::high" ? 1 : nil)
        }
        let start = DemoTime.now - 400 * DemoTime.day
        let milestones = [
            GitLabDemoData.Milestone(
                id: id * 10 + 1, iid: 1, title: "v1.0", description: "First release", state: "closed",
                dueDate: DemoTime.date(start + 90 * DemoTime.day), startDate: DemoTime.date(start), createdAt: start),
            GitLabDemoData.Milestone(
                id: id * 10 + 2, iid: 2, title: "v1.1", description: "Triage and paging", state: "active",
                dueDate: DemoTime.date(DemoTime.now + 30 * DemoTime.day), startDate: nil,
                createdAt: start + 100 * DemoTime.day),
            GitLabDemoData.Milestone(
                id: id * 10 + 3, iid: 3, title: "v2.0", description: "Plugins and themes ✨", state: "active",
                dueDate: nil, startDate: nil, createdAt: start + 200 * DemoTime.day),
        ]
        var issues: [GitLabDemoData.Issue] = []
        for iid in stride(from: 1, through: count, by: 1) {
            let created = start + Int64(iid) * 36 * DemoTime.hour + Int64(rng.int(0...3_000_000))
            let discussionCount =
                path == "anvil-demo" && iid == GitLabDemoNames.busyIssue
                ? GitLabDemoNames.busyIssueDiscussions : rng.int(0...5)
            var discussions: [GitLabDemoData.Discussion] = []
            var clock = created
            for _ in 0..<discussionCount {
                clock += Int64(rng.int(1...72)) * DemoTime.hour
                discussions.append(discussion(at: clock, rng: &rng, nextNoteID: &nextNoteID))
            }
            let closed = rng.chance(0.3)
            let closedAt = closed ? clock + DemoTime.day : nil
            let labelNames = rng.sample(labels.map(\.name), count: rng.int(0...3)).sorted()
            issues.append(
                GitLabDemoData.Issue(
                    id: nextIssueID, iid: iid, title: issueTitle(&rng), description: issueDescription(&rng),
                    state: closed ? "closed" : "opened", createdAt: created,
                    updatedAt: max(closedAt ?? clock, clock), closedAt: closedAt, closedByID: closed ? 1 : nil,
                    labels: labelNames, milestoneID: rng.chance(0.6) ? rng.pick(milestones).id : nil,
                    assigneeIDs: rng.chance(0.7) ? [rng.int(1...6)] : [], authorID: rng.int(1...7),
                    upvotes: rng.int(0...6), downvotes: rng.int(0...1),
                    dueDate: rng.chance(0.2) ? DemoTime.date(created + 60 * DemoTime.day) : nil,
                    confidential: iid % 50 == 0, timeEstimate: rng.chance(0.3) ? 3600 * rng.int(1...8) : 0,
                    timeSpent: 0, discussions: discussions))
            nextIssueID += 1
        }
        return GitLabDemoData.Project(
            id: id, name: name, path: path, namespaceKind: "group", namespaceID: group?.id ?? 0,
            namespacePath: group?.fullPath ?? "", namespaceName: groupName,
            description: "A terminal browser for software forges, as a GitLab project would host it. 🛠",
            visibility: "public", createdAt: start, lastActivityAt: DemoTime.now - DemoTime.hour,
            defaultBranch: "main", topics: ["terminal", "forge"], starCount: id % 7 + 3, forksCount: id % 3,
            issuesAccess: "enabled", wikiAccess: wiki ? "enabled" : "disabled", labels: labels,
            milestones: milestones, members: [1: 40, 2: 30, 3: 30, 4: 20, 5: 20, 6: 10],
            issues: issues, wiki: wiki ? wikiPages() : [])
    }

    static func discussion(at time: Int64, rng: inout SplitMix64, nextNoteID: inout Int) -> GitLabDemoData.Discussion {
        let kind = rng.int(0...9)
        var notes: [GitLabDemoData.Note] = []
        func note(_ body: String, at when: Int64, system: Bool = false) -> GitLabDemoData.Note {
            nextNoteID += 1
            return GitLabDemoData.Note(
                id: nextNoteID, body: body, authorID: rng.int(1...6), createdAt: when, updatedAt: when, system: system)
        }
        if kind < 2 {
            let systemTexts = [
                "assigned to @bob", "changed the description", "mentioned in issue #3", "unassigned @carol",
                "changed title from **{-Crash-}** to **{+Crash when opening the ticket list+}**",
                "marked this issue as related to #12",
            ]
            notes.append(note(rng.pick(systemTexts), at: time, system: true))
            return GitLabDemoData.Discussion(id: rng.hex(40), individualNote: true, notes: notes)
        }
        notes.append(note(rng.pick(DemoText.comments), at: time))
        guard kind >= 5 else { return GitLabDemoData.Discussion(id: rng.hex(40), individualNote: true, notes: notes) }
        var clock = time
        for _ in 0..<rng.int(1...4) {
            clock += Int64(rng.int(1...600)) * DemoTime.minute
            notes.append(note(rng.pick(DemoText.comments), at: clock))
        }
        return GitLabDemoData.Discussion(id: rng.hex(40), individualNote: false, notes: notes)
    }

    static func issueTitle(_ rng: inout SplitMix64) -> String {
        rng.pick(DemoText.summaryStarts) + " " + rng.pick(DemoText.summaryObjects)
    }

    static func issueDescription(_ rng: inout SplitMix64) -> String? {
        guard rng.chance(0.9) else { return nil }
        let steps = rng.sample(DemoText.steps, count: 3)
        return rng.pick(DemoText.descriptionOpenings) + "\n\nSteps:\n\n"
            + steps.map { "- [ ] " + $0 }.joined(separator: "\n")
            + "\n\nSee #3 and ~bug, milestone %\"v1.1\", cc @bob."
    }

    static func wikiPages() -> [GitLabDemoData.WikiPage] {
        [
            GitLabDemoData.WikiPage(
                slug: "home", title: "home", format: "markdown",
                content:
                    "# Anvil Demo wiki\n\nStart with [Getting started](guides/getting-started), then the [FAQ](guides/FAQ-page).\n\nIssues live in the tracker: see #1 and ~\"good first issue\".\n"
            ),
            GitLabDemoData.WikiPage(
                slug: "guides/getting-started", title: "getting started", format: "markdown",
                content:
                    "## Getting started\n\n1. Install Anvil.\n2. Run `anvil --demo gitlab`.\n3. Press `?` for the keys.\n\n| key | does |\n|---|---|\n| `j` | down |\n| `k` | up |\n"
            ),
            GitLabDemoData.WikiPage(
                slug: "guides/FAQ-page", title: "FAQ page", format: "markdown",
                content: "**Why a terminal?** Because SSH.\n\n**Does it work offline?** Not yet.\n"),
            GitLabDemoData.WikiPage(
                slug: "Ünïcode-page", title: "Ünïcode page", format: "markdown",
                content: "Ünïcödé text: 日本語, русский, العربية, emoji 🎉.\n"),
            GitLabDemoData.WikiPage(
                slug: "release-process", title: "release process", format: "asciidoc",
                content: "= Release process\n\n. Tag the release.\n. Build the package.\n"),
        ]
    }
}
