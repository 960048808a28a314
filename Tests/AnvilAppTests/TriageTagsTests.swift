import ForgeModel
import Testing

@testable import AnvilApp

/// Tags: by ticket number, so they survive re-sorting and paging.
@Suite struct TriageTagsTests {
    /// Page `page` of a list of `count` tickets, newest first, `limit` a page.
    static func page(_ page: Int, limit: Int = 25, count: Int = 100, ascending: Bool = false) -> [Ticket] {
        let numbers = ascending ? Array(1...count) : Array((1...count).reversed())
        return numbers.dropFirst(page * limit).prefix(limit).map {
            Ticket(number: $0, summary: "t\($0)", status: "open")
        }
    }

    @Test func toggleContainsCountAndSortedAll() {
        var tags = TicketTags()
        #expect(tags.isEmpty)
        let taggedNow = [tags.toggle(42), tags.toggle(7), tags.toggle(19)]
        #expect(taggedNow == [true, true, true])
        #expect(tags.contains(42))
        #expect(!tags.contains(8))
        #expect(tags.count == 3)
        #expect(tags.all == [7, 19, 42])
        let stillTagged = tags.toggle(42)
        #expect(!stillTagged, "a second toggle untags")
        #expect(!tags.contains(42))
        #expect(tags.all == [7, 19])
        tags.tag(7)
        #expect(tags.count == 2, "tagging a tagged ticket changes nothing")
        tags.untag(7)
        tags.untag(1000)
        #expect(tags.all == [19])
        tags.clear()
        #expect(tags.isEmpty && tags.all.isEmpty)
    }

    @Test func tagsFollowNumbersAcrossPagesAndSortOrders() {
        var tags = TicketTags()
        // Tag the 3rd row of page 0 and the 1st row of page 2 (newest first).
        let first = Self.page(0)
        let third = Self.page(2)
        tags.toggle(first[2].number)
        tags.toggle(third[0].number)
        #expect(tags.all == [50, 98])

        // Page 1 shows neither; the tags are still there.
        #expect(tags.tagged(in: Self.page(1)).isEmpty)
        #expect(tags.count == 2)

        // Re-sorted oldest first: the same tickets are tagged, at other positions and on other pages.
        let reSortedPage1 = Self.page(1, ascending: true)
        let reSortedPage3 = Self.page(3, ascending: true)
        #expect(tags.tagged(in: reSortedPage1).map(\.number) == [50])
        #expect(reSortedPage1.firstIndex { $0.number == 50 } == 24)
        #expect(tags.tagged(in: reSortedPage3).map(\.number) == [98])
        #expect(!tags.contains(reSortedPage3[2].number), "position 2 is another ticket now")

        // The tagged tickets of every loaded page, in list order.
        let all = (0..<4).flatMap { Self.page($0) }
        #expect(tags.tagged(in: all).map(\.number) == [98, 50])
    }

    @Test func removeMissingDropsNumbersThatNoLongerExist() {
        var tags = TicketTags([3, 5, 8, 13])
        let removed = tags.removeMissing(keeping: [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(removed == [13])
        #expect(tags.all == [3, 5, 8])
        let none = tags.removeMissing(keeping: Set([3, 5, 8]))
        #expect(none.isEmpty)
        let rest = tags.removeMissing(keeping: [Int]())
        #expect(rest == [3, 5, 8])
        #expect(tags.isEmpty)
    }
}
