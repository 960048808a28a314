extension DemoGenerator {
    static let defaultStatuses = ["open", "unread", "accepted", "pending", "closed", "wont-fix"]
    static let labelPool = [
        "bug", "ui", "performance", "good first issue", "needs triage", "🐛", "i18n", "docs",
        "regression", "help wanted", "ssh 🔒", "crash",
    ]
    static let priorities = ["low", "normal", "high", "very high"]
    static let components = ["cli", "core", "network", "ui"]

    static func bins(closed: [String], ids: [String]) -> [DemoBin] {
        let open = closed.map { "!status:\($0)" }.joined(separator: " && ")
        let shut = closed.map { "status:\($0)" }.joined(separator: " OR ")
        return [
            DemoBin(id: ids[0], summary: "Changes", terms: open, sort: "mod_date_dt desc"),
            DemoBin(id: ids[1], summary: "Closed Tickets", terms: shut, sort: ""),
            DemoBin(id: ids[2], summary: "Open Tickets", terms: open, sort: ""),
        ]
    }

    mutating func makeTracker(project: DemoProject, mount: String, count: Int, into data: inout DemoData) {
        let isMain = project.shortname == DemoNames.mainProject
        var tracker = DemoTracker(
            key: project.toolKey(mount), mountPoint: mount,
            mountLabel: project.tools.first { $0.mountPoint == mount }?.mountLabel ?? "Tickets",
            ordinal: 1, configID: objectID(), discussionID: objectID(),
            milestones: [
                DemoMilestone(
                    name: "1.0", dueDate: "2026-03-31", description: "First stable release", complete: true,
                    isDefault: false),
                DemoMilestone(
                    name: "1.1", dueDate: "2026-12-15", description: "Polish and *speed*", complete: false,
                    isDefault: true),
                DemoMilestone(
                    name: "2.0", dueDate: "", description: "Plugins and themes ✨", complete: false, isDefault: false),
            ],
            bins: Self.bins(closed: ["closed", "wont-fix"], ids: [objectID(), objectID(), objectID()]),
            statuses: Self.defaultStatuses, closedStatuses: ["closed", "wont-fix"],
            fields: [
                "_priority": .select(Self.priorities), "_component": .select(Self.components),
                "_estimate": .number, "_regression": .boolean, "_reviewer": .user,
            ],
            tickets: [:], nextTicketNum: count + 1)
        var privates: Set<Int> = []
        if isMain {
            privates.insert(DemoNames.privateTicket)
            for n in rng.sample(Array(1...190), count: 4) { privates.insert(n) }
        } else {
            privates.insert(count - 2)
        }
        let developers = project.developers
        for number in 1...count {
            let created = jitter(DemoTime.now - Int64(count + 5 - number) * 36 * DemoTime.hour, minutes: 0...600)
            let status = weightedStatus()
            let milestone = number <= count / 4 ? "1.0" : rng.pick(["1.1", "1.1", "2.0", ""])
            var fields: [String: DemoJSON] = [
                "_milestone": .string(milestone),
                "_priority": .string(rng.pick(Self.priorities)),
                "_component": .string(rng.pick(Self.components)),
                "_regression": .bool(rng.chance(0.15)),
            ]
            if number % 17 != 0 {
                fields["_estimate"] = rng.chance(0.2) ? .null : (rng.chance(0.1) ? .double(2.5) : .int(rng.int(1...13)))
                fields["_reviewer"] = .string(rng.chance(0.5) ? rng.pick(developers) : "")
            }
            var labels = rng.sample(Self.labelPool, count: rng.int(0...3))
            if number == count { labels = ["🐛", "emoji 🎉", "good first issue"] }
            let summary: String? = number == 7 ? nil : ticketSummary(number: number, last: count)
            let assignee: String? = rng.chance(0.7) ? rng.pick(developers) : nil
            let reporter = rng.pick(data.userOrder)
            var ticket = DemoTicket(
                ticketNum: number, id: objectID(), summary: summary,
                description: ticketDescription(number: number, count: count, developers: developers),
                status: status, reportedBy: reporter, assignedTo: assignee, labels: labels,
                isPrivate: privates.contains(number), discussionDisabled: number == count - 20,
                createdDate: created, modDate: min(DemoTime.now - DemoTime.hour, jitter(created, minutes: 0...20_000)),
                votesUp: rng.int(0...9), votesDown: rng.int(0...2), customFields: fields,
                relatedArtifacts: number % 10 == 0 ? ["\(project.webPath)wiki/Home/"] : [],
                attachments: number % 25 == 0
                    ? [
                        DemoAttachment(
                            bytes: rng.int(200...90_000),
                            path: "\(project.webPath)\(mount)/\(number)/attachment/trace.log")
                    ] : [],
                threadID: threadID(avoiding: data))
            let commentCount = number == DemoNames.busyTicket && isMain ? 40 : (rng.chance(0.5) ? rng.int(1...6) : 0)
            var posts = makeComments(count: commentCount, start: created + DemoTime.hour, authors: data.userOrder)
            if ["closed", "wont-fix"].contains(status), rng.chance(0.5) {
                let who = assignee ?? rng.pick(developers)
                let display = Self.quotesEscaped(data.users[who]?.name ?? who)
                let meta = DemoPost(
                    slug: rng.hex(4),
                    text:
                        "- **status**: open --> \(status)\n- **assigned_to**: \(display)\n- **Milestone**:  --> \(milestone)\n",
                    author: who, timestamp: jitter(created, minutes: 60...3000), isMeta: true, hash: rng.hex(40))
                posts.append(meta)
                posts.sort { $0.timestamp < $1.timestamp }
            }
            if let last = posts.last { ticket.modDate = max(ticket.modDate, last.timestamp) }
            tracker.tickets[number] = ticket
            addThread(
                DemoThread(
                    id: ticket.threadID, discussionID: tracker.discussionID, toolKey: tracker.key,
                    owner: .ticket(tracker: tracker.key, number: number), posts: posts), into: &data)
        }
        data.trackers[tracker.key] = tracker
    }

    /// `text` with each `"` written `&#34;`, as Allura writes names into a change log.
    static func quotesEscaped(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\"")) else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { escaped += "&#34;" } else { escaped.unicodeScalars.append(scalar) }
        }
        return escaped
    }

    mutating func makeFeatureTracker(project: DemoProject, into data: inout DemoData) {
        let closed = ["done", "declined"]
        var tracker = DemoTracker(
            key: project.toolKey(DemoNames.featureTracker), mountPoint: DemoNames.featureTracker,
            mountLabel: "Feature Requests", ordinal: 2, configID: objectID(), discussionID: objectID(),
            milestones: [
                DemoMilestone(name: "1.0", dueDate: nil, description: nil, complete: false, isDefault: true),
                DemoMilestone(name: "2.0", dueDate: nil, description: nil, complete: false, isDefault: false),
            ],
            bins: Self.bins(closed: closed, ids: [objectID(), objectID(), objectID()]),
            statuses: ["open", "planned", "in-progress", "done", "declined"], closedStatuses: closed,
            fields: ["_votes_needed": .number], tickets: [:], nextTicketNum: 13)
        let ideas = [
            "Dark theme for the pager", "Plugin system", "Offline mode", "Mouse support (optional)",
            "Sixel previews of attachments", "Split view: list + ticket", "Export a thread as Markdown",
            "Per-forge colour themes", "Saved searches in the sidebar", "Vim-style marks",
            "Show CI status next to commits", "Bookmark sync across machines",
        ]
        for (index, idea) in ideas.enumerated() {
            let number = index + 1
            let created = jitter(DemoTime.now - Int64(60 - number * 4) * DemoTime.day, minutes: 0...900)
            let ticket = DemoTicket(
                ticketNum: number, id: objectID(), summary: idea,
                description:
                    "It would be nice to have: **\(idea.lowercased())**.\n\nSee also [bugs:#\(rng.int(1...200))].\n",
                status: rng.pick(tracker.statuses), reportedBy: rng.pick(data.userOrder),
                assignedTo: rng.chance(0.5) ? rng.pick(project.developers) : nil,
                labels: rng.sample(["idea", "ux", "big"], count: rng.int(0...2)),
                isPrivate: false, discussionDisabled: false, createdDate: created,
                modDate: jitter(created, minutes: 0...5000),
                votesUp: rng.int(0...40), votesDown: rng.int(0...3),
                customFields: [
                    "_milestone": .string(rng.pick(["1.0", "2.0", ""])), "_votes_needed": .int(rng.int(5...50)),
                ],
                relatedArtifacts: [], attachments: [], threadID: threadID(avoiding: data))
            tracker.tickets[number] = ticket
            let posts = makeComments(count: rng.int(0...3), start: created + DemoTime.hour, authors: data.userOrder)
            addThread(
                DemoThread(
                    id: ticket.threadID, discussionID: tracker.discussionID, toolKey: tracker.key,
                    owner: .ticket(tracker: tracker.key, number: number), posts: posts), into: &data)
        }
        data.trackers[tracker.key] = tracker
    }

    private mutating func weightedStatus() -> String {
        let roll = rng.int(0...99)
        switch roll {
        case 0..<30: return "open"
        case 30..<40: return "unread"
        case 40..<55: return "accepted"
        case 55..<65: return "pending"
        case 65..<90: return "closed"
        default: return "wont-fix"
        }
    }

    private mutating func ticketSummary(number: Int, last: Int) -> String {
        if number == last { return "Emoji in labels break column alignment 🐛" }
        if number == last - 2 {
            return
                "Very long summary that keeps going so that narrow terminals have to truncate it somewhere sensible, ideally at a word boundary and with an ellipsis at the end"
        }
        if number == last - 20 { return "Discussion is disabled on this ticket" }
        return rng.pick(DemoText.summaryStarts) + " " + rng.pick(DemoText.summaryObjects)
    }

    private mutating func ticketDescription(number: Int, count: Int, developers: [String]) -> String {
        if number % 9 == 4 { return "" }
        let other = rng.int(1...count)
        var text = rng.pick(DemoText.descriptionOpenings) + "\n\nSteps to reproduce:\n\n1. " + rng.pick(DemoText.steps)
        text += "\n2. " + rng.pick(DemoText.steps) + "\n\nExpected: it just works.\nActual: it does not.\n"
        if rng.chance(0.4) {
            text += "\n```\n$ anvil dump p/anvil-demo/bugs/\(number)\nerror: unexpected end of input\n```\n"
        }
        if rng.chance(0.5) { text += "\nProbably related to [#\(other)]. cc @\(rng.pick(developers))\n" }
        return text
    }
}
