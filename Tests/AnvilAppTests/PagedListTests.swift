import ForgeModel
import Testing

@testable import AnvilApp

/// How a paged list counts what it has not loaded, and how sure it is of the count.
@Suite struct PagedListTests {
    @Test func anUpperBoundStaysOneUntilTheListIsConfirmed() {
        var list = PagedList<Int>(limit: 10)
        list.receive(page: 0, items: Array(0..<10), total: .atMost(24))
        #expect(list.count == 24 && list.countForm == .atMost)
        #expect(CountForm.atMost.text(list.count, ascii: false) == "≤24")
        #expect(CountForm.atMost.text(list.count, ascii: true) == "<=24")
        // The last page comes back short: the hidden tickets were counted but not served.
        list.receive(page: 1, items: Array(10..<20), total: .atMost(24))
        list.receive(page: 2, items: [20], total: .atMost(24))
        #expect(list.count == 21 && list.countForm == .exact)
    }

    @Test func anExactTotalIsExactAndNoTotalIsAFloor() {
        var exact = PagedList<Int>(limit: 10)
        exact.receive(page: 0, items: Array(0..<10), total: .exact(230))
        #expect(exact.count == 230 && exact.countForm == .exact)

        var open = PagedList<Int>(limit: 10)
        open.receive(page: 0, items: Array(0..<10), total: .unknown)
        #expect(open.count == 10 && open.countForm == .atLeast)
        #expect(CountForm.atLeast.text(open.count, ascii: false) == "10+")
        open.receive(page: 1, items: [10, 11], total: .unknown)
        #expect(open.count == 12 && open.countForm == .exact)
    }

    @Test func anEmptyPageBeforeAnUpperBoundIsSkippedNotTheEnd() {
        var list = PagedList<Int>(limit: 10)
        list.receive(page: 0, items: Array(0..<10), total: .atMost(30))
        // Every item of the second page is hidden from the caller: the third still holds some.
        list.receive(page: 1, items: [], total: .atMost(30))
        #expect(list.count == 30 && list.countForm == .atMost)
        #expect(list.pagesToFetch(near: 25) == [2])
        list.receive(page: 2, items: [20, 21], total: .atMost(30))
        #expect(list.isComplete && list.countForm == .exact)
        var slots: [Int?] = []
        list.forEachSlot { _, item in slots.append(item) }
        #expect(slots.compactMap { $0 } == Array(0..<10) + [20, 21])
    }
}
