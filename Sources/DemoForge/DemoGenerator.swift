/// Builds `DemoData` from a seed. Everything random comes from one `SplitMix64` stream, drawn in a
/// fixed order, so one seed always produces the same data.
struct DemoGenerator {
    var rng: SplitMix64
    /// The big thread is made when first read (false: at once, as everything else).
    var defersBigThread = true

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed ^ 0x414E_5649_4C44_454D)
    }

    mutating func objectID() -> String { rng.hex(24) }

    /// A time near `base`, with a non-zero millisecond part (the server stores milliseconds).
    mutating func jitter(_ base: Int64, minutes: ClosedRange<Int>) -> Int64 {
        base + Int64(rng.int(minutes)) * DemoTime.minute + Int64(rng.int(1...59)) * 1000 + Int64(rng.int(1...999))
    }

    mutating func generate(into data: inout DemoData) {
        makeUsers(into: &data)
        makeProjects(into: &data)
        makeUserProjects(into: &data)
        for shortname in DemoNames.projects {
            guard let project = data.projects["p/" + shortname] else { continue }
            let isMain = shortname == DemoNames.mainProject
            makeWiki(project: project, full: isMain, into: &data)
            makeTracker(
                project: project, mount: project.tools.first { $0.name == "tickets" }?.mountPoint ?? "tickets",
                count: isMain ? DemoNames.mainTicketCount : 15, into: &data)
            if isMain { makeFeatureTracker(project: project, into: &data) }
            makeForums(project: project, full: isMain, into: &data)
            makeBlog(project: project, count: isMain ? 28 : 3, into: &data)
            data.links[project.toolKey("link")] =
                isMain ? "https://anvil-demo.example.net/" : "https://\(shortname).example.net/docs"
            makeActivity(project: project, into: &data)
        }
    }

    // MARK: Users

    private static let cities: [(String?, String?)] = [
        ("Trondheim", "Norway"), ("札幌市", "Japan"), ("Lagos", "Nigeria"), ("Zürich", "Switzerland"),
        ("Leipzig", "Germany"), ("Pune", "India"), ("Reykjavík", "Iceland"), (nil, nil),
    ]

    private static let people: [(String, String, String)] = [
        ("ingrid", "Ingrid Øverås", "Female"),
        ("kenji", "渡辺 健二 (Kenji Watanabe)", "Male"),
        ("amara", "Amara Ọkọnkwọ", "Female"),
        ("zoe", "Zoë Ångström-Müller", "Other"),
        ("lena", "Lena \"Lint\" Fischer", "Female"),
        ("ravi", "Ravi Ānand", "Male"),
        ("oskar", "Óskar Þórsson", "Male"),
        ("noor", "نور حداد (Noor Haddad)", "Unknown"),
    ]

    private static let skillPool: [DemoCategory] = [
        DemoCategory(id: 178, shortname: "python", fullname: "Python", fullpath: "Programming Language :: Python"),
        DemoCategory(id: 845, shortname: "swift", fullname: "Swift", fullpath: "Programming Language :: Swift"),
        DemoCategory(id: 164, shortname: "c", fullname: "C", fullpath: "Programming Language :: C"),
        DemoCategory(id: 1_022, shortname: "rust", fullname: "Rust", fullpath: "Programming Language :: Rust"),
        DemoCategory(
            id: 183, shortname: "shell", fullname: "Unix Shell", fullpath: "Programming Language :: Unix Shell"),
    ]

    private mutating func makeUsers(into data: inout DemoData) {
        let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
        for (index, person) in Self.people.enumerated() {
            let (city, country) = Self.cities[index]
            var skills: [(skill: DemoCategory, level: String, comment: String)] = []
            for skill in rng.sample(Self.skillPool, count: rng.int(0...3)) {
                skills.append(
                    (skill, rng.pick(["low", "medium", "high"]), rng.pick(["daily", "for fun", "at work", ""])))
            }
            var availability: [(day: String, start: (Int, Int), end: (Int, Int))] = []
            for day in rng.sample(days, count: rng.int(0...2)) {
                availability.append(
                    (day, (rng.int(7...10), rng.pick([0, 30])), (rng.int(15...18), rng.pick([0, 30]))))
            }
            let user = DemoUser(
                username: person.0, name: person.1, id: objectID(),
                joined: jitter(DemoTime.millis(year: 2023, month: 1 + index, day: 3), minutes: 0...40_000),
                city: city, country: country, sex: person.2,
                telnumbers: index % 3 == 0 ? ["+47 73 55 \(rng.int(10...99)) \(rng.int(10...99))"] : [],
                webpages: ["https://\(person.0).example.org/"]
                    + (index % 2 == 0 ? ["https://code.example.com/\(person.0)"] : []),
                skills: skills,
                socialNetworks: index % 2 == 1
                    ? [DemoSocialNetwork(network: "Mastodon", accountURL: "https://social.example/@\(person.0)")] : [],
                availability: availability)
            data.users[user.username] = user
            data.userOrder.append(user.username)
        }
    }

    // MARK: Projects

    private static func standardTools(tracker: String, trackerLabel: String, extraTracker: Bool) -> [DemoTool] {
        var tools = [
            DemoTool(name: "activity", mountPoint: "activity", mountLabel: "Activity", hasREST: true),
            DemoTool(name: "wiki", mountPoint: "wiki", mountLabel: "Wiki", hasREST: true),
            DemoTool(name: "tickets", mountPoint: tracker, mountLabel: trackerLabel, hasREST: true),
            DemoTool(name: "discussion", mountPoint: "discussion", mountLabel: "Discussion", hasREST: true),
            DemoTool(name: "blog", mountPoint: "blog", mountLabel: "Blog", hasREST: true),
            DemoTool(name: "link", mountPoint: "link", mountLabel: "Homepage", hasREST: true),
            DemoTool(name: "chat", mountPoint: "chat", mountLabel: "Chat", hasREST: false),
            DemoTool(name: "git", mountPoint: "code", mountLabel: "Code", hasREST: false, isRepository: true),
        ]
        if extraTracker {
            tools.append(
                DemoTool(
                    name: "tickets", mountPoint: DemoNames.featureTracker, mountLabel: "Feature Requests", hasREST: true
                ))
        }
        return tools
    }

    private mutating func makeProjects(into data: inout DemoData) {
        let license = DemoCategory(
            id: 401, shortname: "apache2", fullname: "Apache License V2.0",
            fullpath: "License :: OSI-Approved Open Source :: Apache License V2.0")
        let terminals = DemoCategory(
            id: 902, shortname: "terminals", fullname: "Terminals", fullpath: "Topic :: Terminals")
        let console = DemoCategory(
            id: 460, shortname: "console", fullname: "Console/Terminal",
            fullpath: "User Interface :: Textual :: Console/Terminal")
        let developers = DemoCategory(
            id: 3, shortname: "developers", fullname: "Developers",
            fullpath: "Intended Audience :: by End-User Class :: Developers")
        let swift = DemoCategory(
            id: 845, shortname: "swift", fullname: "Swift", fullpath: "Programming Language :: Swift")
        let beta = DemoCategory(
            id: 10, shortname: "beta", fullname: "4 - Beta", fullpath: "Development Status :: 4 - Beta")
        let linux = DemoCategory(
            id: 201, shortname: "linux", fullname: "Linux",
            fullpath: "Operating System :: Modern (Vendor-Supported) Desktop Operating Systems :: Linux")
        let japanese = DemoCategory(
            id: 279, shortname: "japanese", fullname: "Japanese", fullpath: "Translations :: Japanese")

        func categories(_ pairs: [String: [DemoCategory]]) -> [String: [DemoCategory]] {
            var all: [String: [DemoCategory]] = [:]
            for key in [
                "audience", "database", "developmentstatus", "environment", "language", "license", "os", "topic",
                "translation",
            ] {
                all[key] = pairs[key] ?? []
            }
            return all
        }

        let main = DemoProject(
            neighborhood: "p", shortname: DemoNames.mainProject, name: "Anvil Demo", id: objectID(),
            summary: "A forge that only exists to be browsed",
            shortDescription:
                "Anvil Demo is the sample project of the Anvil terminal browser. It has two trackers, a wiki with every kind of page, busy forums and a blog.",
            creationDate: DemoTime.millis(year: 2024, month: 3, day: 14),
            lastUpdated: jitter(DemoTime.now - 2 * DemoTime.day, minutes: 0...600),
            homepage: "https://anvil-demo.example.net/",
            labels: ["terminal", "ncurses", "forge client", "demo ✨"],
            categories: categories([
                "audience": [developers], "developmentstatus": [beta], "environment": [console],
                "language": [swift], "license": [license], "os": [linux], "topic": [terminals],
            ]),
            developers: ["ingrid", "kenji", "amara", "lena", "ravi", "zoe"],
            tools: Self.standardTools(tracker: DemoNames.mainTracker, trackerLabel: "Tickets", extraTracker: true),
            socialNetworks: [DemoSocialNetwork(network: "Mastodon", accountURL: "https://social.example/@anvil")])
        let nimbus = DemoProject(
            neighborhood: "p", shortname: DemoNames.secondProject, name: "Nimbus Weather Station", id: objectID(),
            summary: "Backyard weather logging",
            shortDescription: "Collects readings from cheap sensors and keeps ten years of history in a single file.",
            creationDate: DemoTime.millis(year: 2022, month: 9, day: 2),
            lastUpdated: jitter(DemoTime.now - 9 * DemoTime.day, minutes: 0...600),
            homepage: "https://nimbus.example.net/",
            labels: ["weather", "sensors"],
            categories: categories(["license": [license], "os": [linux]]),
            developers: ["kenji", "oskar", "ingrid"],
            tools: Self.standardTools(tracker: "tickets", trackerLabel: "Issues", extraTracker: false),
            socialNetworks: [])
        let kaiju = DemoProject(
            neighborhood: "p", shortname: DemoNames.unicodeProject, name: "Kaijū 怪獣 Toolkit ✨", id: objectID(),
            summary: "Monster-sized text utilities",
            shortDescription:
                "Text tools for very large files. \u{1B}[2J\u{1B}[31mThis description tries to clear your screen.\u{1B}[0m \u{202E}desrever\u{202C}",
            creationDate: DemoTime.millis(year: 2025, month: 5, day: 20),
            lastUpdated: jitter(DemoTime.now - 30 * DemoTime.day, minutes: 0...600),
            homepage: "",
            labels: ["unicode", "テキスト"],
            categories: categories(["translation": [japanese], "license": [license]]),
            developers: ["noor", "zoe", "ingrid", "amara"],
            tools: Self.standardTools(tracker: "tickets", trackerLabel: "Tickets", extraTracker: false),
            socialNetworks: [DemoSocialNetwork(network: "X", accountURL: "https://x.example/kaiju")])
        for project in [main, nimbus, kaiju] { data.projects[project.key] = project }
    }

    private mutating func makeUserProjects(into data: inout DemoData) {
        for name in data.userOrder {
            let project = DemoProject(
                neighborhood: "u", shortname: name, name: name, id: objectID(), summary: "", shortDescription: "",
                creationDate: data.users[name]?.joined ?? DemoTime.now, lastUpdated: DemoTime.now - DemoTime.day,
                homepage: "", labels: [], categories: [:], developers: [name],
                tools: [
                    DemoTool(name: "profile", mountPoint: "profile", mountLabel: "Profile", hasREST: true),
                    DemoTool(name: "activity", mountPoint: "activity", mountLabel: "Activity", hasREST: true),
                ],
                socialNetworks: [])
            data.projects[project.key] = project
        }
    }

    // MARK: Threads

    /// Posts of a thread in timestamp order, with reply structure in their slugs.
    /// `chain` forces posts `chain` (top level) through `chain + maxDepth - 1` into one deep chain.
    mutating func makePosts(
        count: Int, start: Int64, stepMinutes: ClosedRange<Int>, authors: [String],
        maxDepth: Int, replyChance: Double, chain: Int? = nil,
        text: (inout SplitMix64, Int, Int) -> String
    ) -> [DemoPost] {
        var posts: [DemoPost] = []
        var used = Set<String>()
        var time = start
        for index in 0..<count {
            time = jitter(time, minutes: stepMinutes)
            var parent: DemoPost?
            if let chain, index > chain, index < chain + maxDepth {
                parent = posts[index - 1]
            } else if index > 0, index != chain, rng.chance(replyChance) {
                let recent = rng.chance(0.5)
                for _ in 0..<6 {
                    let low = recent ? max(0, posts.count - 8) : 0
                    let candidate = posts[rng.int(low...(posts.count - 1))]
                    if candidate.depth < maxDepth { parent = candidate; break }
                }
            }
            var slug = ""
            repeat {
                slug = (parent.map { $0.slug + "/" } ?? "") + rng.hex(4)
            } while !used.insert(slug).inserted
            let depth = (parent?.depth ?? 0) + 1
            let edited: Int64? = rng.chance(0.05) ? time + DemoTime.hour * Int64(rng.int(1...30)) : nil
            posts.append(
                DemoPost(
                    slug: slug, text: text(&rng, index, depth), author: rng.pick(authors),
                    timestamp: time, lastEdited: edited, hash: rng.hex(40)))
        }
        return posts
    }

    /// A short comment thread for an artifact.
    mutating func makeComments(count: Int, start: Int64, authors: [String]) -> [DemoPost] {
        makePosts(count: count, start: start, stepMinutes: 5...900, authors: authors, maxDepth: 4, replyChance: 0.4) {
            rng, _, _ in
            rng.pick(DemoText.comments)
        }
    }

    mutating func addThread(_ thread: DemoThread, into data: inout DemoData) {
        data.threads[thread.id] = thread
    }

    mutating func threadID(avoiding data: DemoData) -> String {
        var id = rng.hex(10)
        while data.threads[id] != nil || id == DemoNames.bigThreadID { id = rng.hex(10) }
        return id
    }
}
