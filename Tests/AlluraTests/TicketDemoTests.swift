import Allura
import DemoForge
import ForgeModel
import Foundation
import HTTP
import Testing

/// The ticket capability against the demo forge, in process. Every test that writes uses a
/// demo forge of its own.
@Suite struct TicketDemoTests {
    static let project = ProjectPath(neighborhood: "p", name: DemoNames.mainProject)
    static let bugs = DemoNames.mainTracker
    /// Shared by the tests that only read.
    static let sharedDemo = DemoForge()

    static func forge(
        _ demo: DemoForge = sharedDemo, token: String? = DemoNames.demoToken
    ) throws -> (AlluraForge, RecordingTransport) {
        let recorder = RecordingTransport(DemoTransport(forge: demo))
        return (try AlluraForge(baseURL: DemoForge.defaultBaseURL, token: token, transport: recorder), recorder)
    }

    /// The first public main-tracker ticket, newest first, that `matches`.
    static func pick(_ demo: DemoForge, where matches: (DemoTicket) -> Bool) throws -> DemoTicket {
        try #require(
            (1...DemoNames.mainTicketCount).reversed().lazy.compactMap { demo.ticket(number: $0) }
                .first { !$0.isPrivate && matches($0) })
    }

    /// An open ticket with labels, a milestone, a whole-number estimate, a reviewer field and
    /// the `_regression` boolean set: every field kind a careless save would lose.
    static func richTicket(_ demo: DemoForge) throws -> DemoTicket {
        try pick(demo) { t in
            guard case .int = t.customFields["_estimate"], t.customFields["_regression"] == .bool(true) else {
                return false
            }
            return t.status == "open" && t.labels.count >= 2 && t.customFields["_reviewer"] != nil
                && (t.customFields["_milestone"]?.stringValue ?? "") != ""
        }
    }

    /// Whether `a` and `b` agree on everything but status and modification time.
    static func expectSameExceptStatus(_ a: DemoTicket, _ b: DemoTicket) {
        #expect(a.summary == b.summary)
        #expect(a.description == b.description)
        #expect(a.assignedTo == b.assignedTo)
        #expect(a.reportedBy == b.reportedBy)
        #expect(a.labels == b.labels)
        #expect(a.customFields == b.customFields)
        #expect(a.isPrivate == b.isPrivate && a.discussionDisabled == b.discussionDisabled)
        #expect(a.votesUp == b.votesUp && a.votesDown == b.votesDown)
    }

    // MARK: Reading

    @Test func oneTicketMatchesTheForgeState() async throws {
        let (forge, _) = try Self.forge()
        let stored = try #require(Self.sharedDemo.ticket(number: DemoNames.busyTicket))
        let ticket: Ticket = try await forge.ticket(Self.project, mount: Self.bugs, number: DemoNames.busyTicket)
        #expect(ticket.number == DemoNames.busyTicket)
        #expect(ticket.summary == stored.summary ?? "")
        #expect(ticket.description == stored.description)
        #expect(ticket.status == stored.status && ticket.labels == stored.labels)
        #expect(ticket.assignee == stored.assignedTo && ticket.reporter == stored.reportedBy)
        #expect(ticket.milestone == stored.customFields["_milestone"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 })
        #expect(ticket.threadID == stored.threadID)
        #expect(ticket.thread?.posts.count == 10)
        #expect(!ticket.modifiedStamp.isEmpty && ticket.modified != nil)
    }

    @Test func listPagesWithThePrivateTicketQuirk() async throws {
        let (anonymous, recorder) = try Self.forge(token: nil)
        let reader: any TicketReading = anonymous
        let visible = (1...DemoNames.mainTicketCount).reversed().filter {
            Self.sharedDemo.ticket(number: $0)?.isPrivate == false
        }
        #expect(Self.sharedDemo.ticket(number: DemoNames.privateTicket)?.isPrivate == true)

        let first = try await reader.ticketList(Self.project, mount: Self.bugs, page: 0, limit: 10)
        #expect(first.isPartial && first.page == 0 && first.limit == 10)
        #expect(first.tickets.map(\.number) == visible.filter { $0 > 190 })
        #expect(!first.tickets.map(\.number).contains(DemoNames.privateTicket))
        #expect(first.tickets.count < 10, "the private ticket is dropped after paging")
        // count is 200 minus the tickets hidden on this page; the estimate adds them back.
        #expect(first.total == .atMost(DemoNames.mainTicketCount))
        #expect(first.tracker?.milestones.map(\.name) == ["1.0", "1.1", "2.0"])
        #expect(first.tracker?.savedSearches.map(\.name) == ["Changes", "Closed Tickets", "Open Tickets"])

        let second = try await reader.ticketList(Self.project, mount: Self.bugs, page: 1, limit: 10)
        #expect(second.tickets.map(\.number) == visible.filter { (181...190).contains($0) })
        #expect(second.total == .atMost(DemoNames.mainTicketCount))

        var numbers = first.tickets.map(\.number) + second.tickets.map(\.number)
        var page = second
        while AlluraPaging.hasMore(after: page.page, limit: page.limit, returned: page.tickets.count, total: page.total)
        {
            page = try await reader.ticketList(Self.project, mount: Self.bugs, page: page.page + 1, limit: 10)
            numbers += page.tickets.map(\.number)
        }
        #expect(numbers == visible)
        #expect(recorder.requests.count == 20)

        let (member, _) = try Self.forge()
        let all: TicketPage = try await member.ticketList(Self.project, mount: Self.bugs, page: 0, limit: 10)
        #expect(all.tickets.map(\.number) == Array((191...200).reversed()))
        #expect(all.total == .atMost(DemoNames.mainTicketCount))
    }

    @Test func searchForOpenTicketsHasFullTicketsAndFacets() async throws {
        let (forge, _) = try Self.forge()
        let reader: any TicketReading = forge
        let page = try await reader.searchTickets(
            Self.project, mount: Self.bugs,
            query: TicketQuery(sort: .init(field: "number", descending: false), raw: "status:open"), page: 0, limit: 50)
        let open = (1...DemoNames.mainTicketCount).filter { Self.sharedDemo.ticket(number: $0)?.status == "open" }
        #expect(!page.isPartial)
        #expect(page.tickets.map(\.number) == Array(open.prefix(50)))
        #expect(page.tickets.allSatisfy { $0.status == "open" && $0.description == nil && !$0.modifiedStamp.isEmpty })
        #expect(page.tickets.allSatisfy { $0.threadID != nil })
        #expect(page.total == .atMost(open.count))
        #expect(page.facets["status"] == [FacetValue(value: "open", count: open.count)])
        #expect(page.facets["_milestone"]?.isEmpty == false)
        #expect(page.facets["assigned_to"]?.isEmpty == false)
        let stored = try #require(Self.sharedDemo.ticket(number: open[0]))
        #expect(page.tickets[0].labels == stored.labels && page.tickets[0].assignee == stored.assignedTo)
    }

    @Test func anEmptyQueryListsEveryTicket() async throws {
        let (forge, recorder) = try Self.forge()
        let reader: any TicketReading = forge
        let page = try await reader.searchTickets(
            Self.project, mount: Self.bugs, query: TicketQuery(), page: 0, limit: 10)
        #expect(page.tickets.count == 10)
        let query = try #require(recorder.requests.last?.url.query(percentEncoded: false))
        #expect(query.contains("q=" + AlluraTicketQuery.everything))
    }

    @Test func aQueryTheSearchBackendRejectsIsAValidationError() async throws {
        let (forge, _) = try Self.forge()
        let reader: any TicketReading = forge
        do {
            _ = try await reader.searchTickets(
                Self.project, mount: Self.bugs, query: TicketQuery(raw: "summary:\"unterminated"), page: 0, limit: 10)
            Issue.record("expected the search backend's complaint")
        } catch ForgeError.validation(let lines) {
            #expect(lines.count == 1 && lines[0].hasPrefix("q: ") && lines[0].contains("SyntaxError"))
        }
    }

    @Test func statusChoicesOfTheFeatureTracker() async throws {
        let (forge, _) = try Self.forge()
        let reader: any TicketReading = forge
        let list = try await reader.ticketList(Self.project, mount: DemoNames.featureTracker, page: 0, limit: 100)
        let search = try await reader.searchTickets(
            Self.project, mount: DemoNames.featureTracker, query: TicketQuery(raw: "ticket_num:[1 TO 100]"), page: 0,
            limit: 100)
        let choices = AlluraStatusChoices.build(
            tickets: search.tickets, facets: search.facets["status"] ?? [],
            savedSearches: list.tracker?.savedSearches ?? [], override: nil)
        #expect(choices.closed == ["done", "declined"])
        #expect(Set(choices.open).isSubset(of: ["open", "planned", "in-progress"]))
        #expect(!choices.open.isEmpty && !choices.open.contains("unread"))

        let bugs = try await reader.ticketList(Self.project, mount: Self.bugs, page: 0, limit: 1)
        let defaults = AlluraStatusChoices.build(
            tickets: [], facets: [], savedSearches: bugs.tracker?.savedSearches ?? [], override: nil)
        #expect(defaults.closed == ["closed", "wont-fix", "invalid"])
        #expect(defaults.open == ["open", "unread", "accepted", "pending"])
    }

    // MARK: Writing

    @Test func closingATicketChangesOnlyItsStatus() async throws {
        let demo = DemoForge()
        let (forge, recorder) = try Self.forge(demo)
        let before = try Self.richTicket(demo)
        let shown: Ticket = try await forge.ticket(Self.project, mount: Self.bugs, number: before.ticketNum)
        let writer: any TicketWriting = forge
        let result = try await writer.updateTicket(
            Self.project, mount: Self.bugs, number: before.ticketNum, edit: TicketEdit(status: "closed"),
            expectedStamp: shown.modifiedStamp)

        let after = try #require(demo.ticket(number: before.ticketNum))
        #expect(after.status == "closed")
        Self.expectSameExceptStatus(before, after)
        #expect(after.customFields["_regression"] == .bool(true))
        #expect(after.modDate > before.modDate)

        #expect(result.ignored.isEmpty)
        #expect(result.ticket.status == "closed")
        #expect(result.ticket.labels == before.labels)
        #expect(result.ticket.modifiedStamp != shown.modifiedStamp)

        // Read fresh, save without a trailing slash, follow the redirect.
        let requests = recorder.requests.dropFirst()
        #expect(requests.map(\.method) == ["GET", "POST", "GET"])
        let post = try #require(requests.first { $0.method == "POST" })
        #expect(post.url.path == "/rest/p/anvil-demo/bugs/\(before.ticketNum)/save")
        let body = String(decoding: post.body ?? Data(), as: UTF8.self)
        #expect(body.contains("ticket_form.status=closed"))
        #expect(body.contains("ticket_form.custom_fields._regression=true"))
    }

    @Test func addingAndRemovingLabelsKeepsTheRest() async throws {
        let demo = DemoForge()
        let (forge, _) = try Self.forge(demo)
        let before = try Self.richTicket(demo)
        let removed = before.labels[0]
        let writer: any TicketWriting = forge
        let result = try await writer.updateTicket(
            Self.project, mount: Self.bugs, number: before.ticketNum,
            edit: TicketEdit(labelsAdded: ["needs review ✅"], labelsRemoved: [removed]), expectedStamp: nil)
        let after = try #require(demo.ticket(number: before.ticketNum))
        #expect(after.labels == Array(before.labels.dropFirst()) + ["needs review ✅"])
        #expect(after.customFields == before.customFields)
        #expect(after.status == before.status && after.assignedTo == before.assignedTo)
        #expect(result.ignored.isEmpty)
        #expect(result.ticket.labels == after.labels)

        let cleared = try await writer.updateTicket(
            Self.project, mount: Self.bugs, number: before.ticketNum, edit: TicketEdit(labelsRemoved: after.labels),
            expectedStamp: result.ticket.modifiedStamp)
        #expect(cleared.ticket.labels.isEmpty && demo.ticket(number: before.ticketNum)?.labels == [])
        #expect(demo.ticket(number: before.ticketNum)?.customFields == before.customFields)
    }

    @Test func settingAndClearingTheMilestone() async throws {
        let demo = DemoForge()
        let (forge, _) = try Self.forge(demo)
        // A null number is written back as "" (empty either way); pick one with a value.
        let before = try Self.pick(demo) {
            guard case .int = $0.customFields["_estimate"] else { return false }
            return $0.customFields["_milestone"] == .string("1.1")
        }
        let writer: any TicketWriting = forge
        let set = try await writer.updateTicket(
            Self.project, mount: Self.bugs, number: before.ticketNum, edit: TicketEdit(milestone: .some("2.0")),
            expectedStamp: nil)
        #expect(set.ticket.milestone == "2.0" && set.ignored.isEmpty)
        var expected = before.customFields
        expected["_milestone"] = .string("2.0")
        #expect(demo.ticket(number: before.ticketNum)?.customFields == expected)
        #expect(demo.ticket(number: before.ticketNum)?.labels == before.labels)

        let cleared = try await writer.updateTicket(
            Self.project, mount: Self.bugs, number: before.ticketNum, edit: TicketEdit(milestone: .some(nil)),
            expectedStamp: set.ticket.modifiedStamp)
        #expect(cleared.ticket.milestone == nil && cleared.ignored.isEmpty)
        #expect(demo.ticket(number: before.ticketNum)?.customFields["_milestone"] == .string(""))
    }

    @Test func customFieldsOfEveryKindAreWritten() async throws {
        let demo = DemoForge()
        let (forge, _) = try Self.forge(demo)
        let before = try Self.richTicket(demo)
        let writer: any TicketWriting = forge
        let result = try await writer.updateTicket(
            Self.project, mount: Self.bugs, number: before.ticketNum,
            edit: TicketEdit(
                fields: [
                    "estimate": .number(2.5), "regression": .bool(false), "priority": .text("low"),
                    "reviewer": .text(DemoNames.tokenUser),
                ]), expectedStamp: nil)
        #expect(result.ignored.isEmpty)
        let after = try #require(demo.ticket(number: before.ticketNum))
        #expect(after.customFields["_estimate"] == .double(2.5))
        #expect(after.customFields["_regression"] == .bool(false))
        #expect(after.customFields["_priority"] == .string("low"))
        #expect(after.customFields["_reviewer"] == .string(DemoNames.tokenUser))
        #expect(after.customFields["_milestone"] == before.customFields["_milestone"])
        #expect(after.customFields["_component"] == before.customFields["_component"])
        #expect(
            result.ticket.customFields["estimate"] == .number(2.5), "the model keys fields without Allura's underscore")
    }

    @Test func anAssigneeWhoIsNotAMemberIsReportedAsIgnored() async throws {
        let demo = DemoForge()
        let (forge, _) = try Self.forge(demo)
        let before = try Self.richTicket(demo)
        let writer: any TicketWriting = forge
        let result = try await writer.updateTicket(
            Self.project, mount: Self.bugs, number: before.ticketNum,
            edit: TicketEdit(assignee: "mallory", fields: ["reviewer": .text("mallory")]), expectedStamp: nil)
        #expect(result.ignored == ["assignee mallory was not accepted", "reviewer mallory was not accepted"])
        #expect(demo.ticket(number: before.ticketNum)?.assignedTo == before.assignedTo)
    }

    @Test func aTicketWithoutSummaryCanStillBeEdited() async throws {
        let demo = DemoForge()
        let (forge, _) = try Self.forge(demo)
        #expect(demo.ticket(number: 7)?.summary == nil)
        let writer: any TicketWriting = forge
        let result = try await writer.updateTicket(
            Self.project, mount: Self.bugs, number: 7, edit: TicketEdit(labelsAdded: ["untitled"]), expectedStamp: nil)
        #expect(result.ticket.labels.contains("untitled") && result.ticket.summary.isEmpty)
        #expect(demo.ticket(number: 7)?.summary == nil)
    }

    @Test func aChangeBySomeoneElseIsAConflictAndNothingIsWritten() async throws {
        let demo = DemoForge()
        let (mine, myRecorder) = try Self.forge(demo)
        let (theirs, _) = try Self.forge(demo)
        let number = try Self.richTicket(demo).ticketNum
        let shown: Ticket = try await mine.ticket(Self.project, mount: Self.bugs, number: number)

        let other = try await theirs.updateTicket(
            Self.project, mount: Self.bugs, number: number, edit: TicketEdit(labelsAdded: ["theirs"]),
            expectedStamp: shown.modifiedStamp)
        let afterTheirs = try #require(demo.ticket(number: number))

        let writer: any TicketWriting = mine
        do {
            _ = try await writer.updateTicket(
                Self.project, mount: Self.bugs, number: number, edit: TicketEdit(status: "closed"),
                expectedStamp: shown.modifiedStamp)
            Issue.record("expected a conflict")
        } catch let conflict as TicketConflict {
            #expect(conflict.current.modifiedStamp == other.ticket.modifiedStamp)
            #expect(conflict.current.labels.contains("theirs"))
            #expect(conflict.current.status == shown.status)
        }
        #expect(demo.ticket(number: number) == afterTheirs)
        #expect(!myRecorder.requests.contains { $0.method == "POST" })
    }

    @Test func aBadStatusIsAValidationErrorListingTheChoices() async throws {
        let demo = DemoForge()
        let (forge, _) = try Self.forge(demo)
        let before = try Self.richTicket(demo)
        let writer: any TicketWriting = forge
        do {
            _ = try await writer.updateTicket(
                Self.project, mount: Self.bugs, number: before.ticketNum, edit: TicketEdit(status: "bogus"),
                expectedStamp: nil)
            Issue.record("expected a validation error")
        } catch ForgeError.validation(let lines) {
            #expect(
                AlluraStatusChoices.fromValidation(lines)
                    == ["open", "unread", "accepted", "pending", "closed", "wont-fix"])
            #expect(AlluraStatusChoices.fromValidation(lines, field: "_milestone") == nil)
        }
        #expect(demo.ticket(number: before.ticketNum) == before)

        do {
            _ = try await writer.updateTicket(
                Self.project, mount: Self.bugs, number: before.ticketNum, edit: TicketEdit(milestone: .some("9.9")),
                expectedStamp: nil)
            Issue.record("expected a validation error")
        } catch ForgeError.validation(let lines) {
            #expect(AlluraStatusChoices.fromValidation(lines, field: "_milestone") == ["1.0", "1.1", "2.0"])
        }
    }

    @Test func creatingATicket() async throws {
        let demo = DemoForge()
        let (forge, recorder) = try Self.forge(demo)
        let writer: any TicketWriting = forge
        let created = try await writer.createTicket(
            Self.project, mount: Self.bugs,
            edit: TicketEdit(
                summary: "Pager freezes on a 2,000-post thread ❄️", description: "Open it and press `G`.",
                assignee: DemoNames.tokenUser, labelsAdded: ["bug", "performance"], milestone: .some("1.1"),
                fields: ["priority": .text("high"), "estimate": .number(3), "regression": .bool(true)]))
        #expect(created.number == DemoNames.mainTicketCount + 1)
        #expect(created.summary == "Pager freezes on a 2,000-post thread ❄️")
        #expect(created.description == "Open it and press `G`.")
        #expect(created.status == "open")
        #expect(created.reporter == DemoNames.tokenUser && created.assignee == DemoNames.tokenUser)
        #expect(created.labels == ["bug", "performance"])
        #expect(created.milestone == "1.1")
        #expect(
            created.customFields == ["priority": .text("high"), "estimate": .number(3), "regression": .bool(true)])
        let stored = try #require(demo.ticket(number: created.number))
        #expect(stored.status == "open" && stored.summary == created.summary)
        #expect(created.threadID == stored.threadID)
        let post = try #require(recorder.requests.first { $0.method == "POST" })
        #expect(post.url.path == "/rest/p/anvil-demo/bugs/new")

        await #expect(throws: ForgeError.self) {
            _ = try await writer.createTicket(Self.project, mount: Self.bugs, edit: TicketEdit(summary: " "))
        }
        #expect(recorder.requests.count == 2)
        #expect(demo.ticket(number: created.number + 1) == nil)
    }
}
