import Foundation
import Testing

@testable import Store

/// Places visited, named searches and tags, as the state database keeps them.
@Suite struct PlaceSearchTagTests {
    @Test func placesAreNewestFirstKeepWhatIsKnownAndStayBounded() throws {
        let store = try StateStore.inMemory()
        try store.recordPlace("a", name: "A", unread: 2, at: Date(timeIntervalSince1970: 10))
        try store.recordPlace("b", name: nil, at: Date(timeIntervalSince1970: 20))
        try store.recordPlace("a", name: nil, at: Date(timeIntervalSince1970: 30))
        let places = try store.places(limit: 10)
        #expect(places.map(\.address) == ["a", "b"])
        #expect(places[0].name == "A" && places[0].unread == 2, "nil keeps the name and count known")
        for index in 0..<5 {
            try store.recordPlace(
                "p\(index)", name: nil, at: Date(timeIntervalSince1970: 100 + Double(index)), keeping: 4)
        }
        #expect(try store.places(limit: 10).map(\.address) == ["p4", "p3", "p2", "p1"])
    }

    @Test func searchesAreSavedReplacedAndForgotten() throws {
        let store = try StateStore.inMemory()
        try store.saveSearch(StoredSearch(name: "open", query: "status:open"), at: Date(timeIntervalSince1970: 1))
        try store.saveSearch(StoredSearch(name: "mine", query: "assigned_to:me"), at: Date(timeIntervalSince1970: 2))
        try store.saveSearch(
            StoredSearch(name: "open", query: "status:open OR status:new"), at: Date(timeIntervalSince1970: 3))
        #expect(try store.searches().map(\.name) == ["mine", "open"])
        #expect(try store.searches().last?.query == "status:open OR status:new")
        #expect(try store.forgetSearch(named: "mine"))
        #expect(try !store.forgetSearch(named: "mine"))
        #expect(try store.searches().map(\.name) == ["open"])
    }

    @Test func tagsBelongToOneTrackerOnOneForge() throws {
        let store = try StateStore.inMemory()
        try store.setTags([1, 2, 3], forge: "f", tracker: "p/x/bugs")
        try store.setTags([9], forge: "g", tracker: "p/x/bugs")
        try store.setTags([2], forge: "f", tracker: "p/x/bugs")
        #expect(try store.tags(forge: "f", tracker: "p/x/bugs") == [2])
        #expect(try store.tags(forge: "g", tracker: "p/x/bugs") == [9])
        #expect(try store.tags(forge: "f", tracker: "p/x/features").isEmpty)
    }
}
