import Allura
import ForgeModel
import Foundation
import Testing

/// Mapping of recorded ticket answers from a real Allura to the model.
@Suite struct TicketFixtureTests {
    @Test func listPageHasPartialEntriesTheTrackerAndTheCountEstimate() throws {
        let json: AlluraTicketListJSON = try fixture("tickets-page0-limit10.json")
        let page = AlluraMapping.ticketListPage(json, requestedPage: 0, requestedLimit: 10)
        #expect(page.isPartial)
        #expect(page.page == 0 && page.limit == 10)
        #expect(page.tickets.map(\.number) == [32, 31, 30, 29, 28, 27, 26, 24, 23])
        #expect(page.tickets.first?.summary == "Emoji in labels 🐛")
        #expect(page.tickets.allSatisfy { $0.status.isEmpty && $0.description == nil && $0.modifiedStamp.isEmpty })
        // 9 of 10 returned (one private ticket dropped after paging), count 31: at most 32.
        #expect(page.total == .atMost(32))
        #expect(page.facets.isEmpty)

        let tracker = try #require(page.tracker)
        #expect(tracker.milestones.map(\.name) == ["1.0", "1.1", "2.0"])
        #expect(
            tracker.milestones[0]
                == Milestone(
                    name: "1.0", dueDate: "2026-06-30", description: "First stable release", isComplete: true,
                    isDefault: false, total: 5, closed: 2))
        #expect(tracker.milestones[1].isDefault && !tracker.milestones[1].isComplete)
        #expect(tracker.milestones[2].description == "Big rewrite ✨" && tracker.milestones[2].dueDate.isEmpty)
        #expect(
            tracker.savedSearches == [
                SavedSearch(name: "Changes", query: "!status:closed && !status:wont-fix", sort: "mod_date_dt desc"),
                SavedSearch(name: "Closed Tickets", query: "status:closed OR status:wont-fix"),
                SavedSearch(name: "Open Tickets", query: "!status:closed && !status:wont-fix"),
            ])
    }

    @Test func customStatusTrackerListDecodesNullMilestoneFields() throws {
        let json: AlluraTicketListJSON = try fixture("tickets-custom-statuses.json")
        let page = AlluraMapping.ticketListPage(json, requestedPage: 0, requestedLimit: 100)
        #expect(page.tickets.map(\.number) == [3, 2, 1])
        #expect(page.tickets.map(\.summary) == ["Offline mode", "Plugin system", "Dark mode"])
        #expect(page.total == .atMost(100))
        let tracker = try #require(page.tracker)
        #expect(
            tracker.milestones == [
                Milestone(name: "1.0", isDefault: true), Milestone(name: "2.0"),
            ])
        #expect(tracker.savedSearches.count == 3)
    }

    @Test func searchResultsAreFullTicketsWithoutDescriptions() throws {
        let json: AlluraTicketSearchJSON = try fixture("tickets-search-status-open.json")
        let page = AlluraMapping.ticketSearchPage(json, requestedPage: 0, requestedLimit: 10)
        #expect(!page.isPartial)
        #expect(page.tickets.map(\.number) == [32, 31, 27, 24, 23, 19, 16, 15, 14])
        #expect(page.tickets.allSatisfy { $0.status == "open" && $0.description == nil && $0.thread == nil })
        #expect(page.total == .atMost(15))
        #expect(page.facets.isEmpty)
        #expect(page.tracker == nil)

        let first = page.tickets[0]
        #expect(first.summary == "Emoji in labels 🐛")
        #expect(first.labels == ["bug", "🐛", "emoji"])
        #expect(first.assignee == "alice" && first.reporter == "test-admin")
        #expect(first.milestone == "1.1")
        #expect(
            first.customFields == [
                "priority": .text("normal"), "component": .text("core"), "estimate": .empty,
                "reviewer": .text("alice"), "regression": .bool(false),
            ])
        #expect(first.modifiedStamp == "2026-11-21 20:21:36.007000")
        #expect(first.modified == utc(2026, 11, 21, 20, 21, 36, ms: 7))
        #expect(first.created == utc(2026, 11, 5, 17))
        #expect(first.threadID == "d14f28c189")
        #expect(!first.isPrivate && !first.discussionDisabled)

        let unassigned = page.tickets[1]
        #expect(unassigned.assignee == nil)
        #expect(unassigned.customFields["estimate"] == .number(2))
        #expect(unassigned.customFields["reviewer"] == .empty)

        let noMilestone = page.tickets[3]
        #expect(noMilestone.number == 24 && noMilestone.milestone == nil)
        #expect(noMilestone.customFields["milestone"] == nil)

        let regression = page.tickets[7]
        #expect(regression.number == 15 && regression.customFields["regression"] == .bool(true))
        #expect(regression.milestone == "1.0" && regression.labels == ["performance", "windows", "bug"])
    }

    @Test func ticketWithChangePostsKeepsTheMetaPostAndItsThread() throws {
        let json: AlluraTicketResponseJSON = try fixture("ticket-with-change-posts.json")
        let ticket = AlluraMapping.ticket(json.ticket)
        #expect(ticket.number == 9)
        #expect(ticket.summary == "Windows: path separator handling")
        #expect(ticket.description == "Short description for #9.")
        #expect(ticket.status == "closed")
        #expect(ticket.reporter == "alice" && ticket.assignee == "bob-dev")
        #expect(ticket.labels.isEmpty)
        #expect(ticket.milestone == "1.1")
        #expect(
            ticket.customFields == [
                "priority": .text("very high"), "component": .text("cli"), "estimate": .number(5),
                "reviewer": .empty, "regression": .bool(false),
            ])
        #expect(ticket.modifiedStamp == "2026-11-21 20:21:41.432000")
        #expect(ticket.threadID == "f470e9294c")
        let thread = try #require(ticket.thread)
        #expect(thread.id == "f470e9294c" && thread.page == nil)
        #expect(thread.posts.map(\.slug) == ["f532", "ea03"])
        #expect(thread.posts[0].isMeta && !thread.posts[1].isMeta)
        #expect(thread.posts[0].text.hasPrefix("- **status**: open --> closed\n"))
        #expect(thread.posts[0].author == "bob-dev")
    }

    @Test func ticketWithNestedCommentsEmbedsTheFirstTenPosts() throws {
        let json: AlluraTicketResponseJSON = try fixture("ticket-nested-comments.json")
        let ticket = AlluraMapping.ticket(json.ticket)
        #expect(ticket.number == 31)
        #expect(ticket.summary == "Ticket with many comments and nested replies")
        #expect(
            ticket.description?.hasPrefix("Ticket 31 description.\n\nSteps to reproduce:\n\n1. run `tp --debug`")
                == true)
        #expect(ticket.assignee == nil && ticket.reporter == "test-user")
        #expect(ticket.labels == ["bug", "good first issue", "cli"])
        #expect(ticket.customFields["component"] == .text("network"))
        #expect(ticket.customFields["estimate"] == .number(2))
        #expect(ticket.threadID == "3dcadc3341")
        let posts = try #require(ticket.thread?.posts)
        #expect(posts.count == 10)
        #expect(posts.prefix(5).map(\.slug) == ["e638", "740d", "e638/03c2", "e638/03c2/9f6d", "e638/03c2/9f6d/5453"])
        #expect(posts[0].text == "Top-level comment A" && posts[0].author == "alice")
    }

    @Test func threadIDFallsBackToTheThreadURL() throws {
        let data = Data(
            #"{"ticket_num": 4, "discussion_thread_url": "https://h/rest/p/x/bugs/_discuss/thread/ab12cd/"}"#.utf8)
        let json = try JSONDecoder().decode(AlluraTicketJSON.self, from: data)
        let ticket = AlluraMapping.ticket(json)
        #expect(ticket.threadID == "ab12cd")
        #expect(ticket.summary.isEmpty && ticket.status.isEmpty && ticket.modifiedStamp.isEmpty)
        #expect(ticket.customFields.isEmpty && ticket.milestone == nil)
    }

    @Test(arguments: [
        (#""text""#, FieldValue.text("text")), (#""""#, .empty), ("null", .empty), ("3", .number(3)),
        ("2.5", .number(2.5)), ("true", .bool(true)), ("false", .bool(false)), (#""True""#, .bool(true)),
        (#""False""#, .bool(false)), (#""on""#, .bool(true)), (#""true""#, .bool(true)),
    ])
    func fieldValuesFromTheTaggedAny(json: String, expected: FieldValue) throws {
        let value = try JSONDecoder().decode(AlluraJSONValue.self, from: Data(json.utf8))
        #expect(AlluraMapping.fieldValue(value) == expected)
    }
}
