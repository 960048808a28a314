import Foundation
import GRDB
import Store
import Testing

private let forge = "https://forge.example/rest/"

@Suite("Drafts")
struct DraftTests {
    let comment = DraftKey(forge: forge, kind: .comment, target: "thread-1")

    @Test func savedDraftComesBack() throws {
        let store = try StateStore.inMemory()
        #expect(try store.draft(comment) == nil)

        let time = Date(timeIntervalSince1970: 1_700_000_000.5)
        try store.saveDraft(comment, text: "Hello\nsecond line ✓", at: time)
        let draft = try #require(try store.draft(comment))
        #expect(draft == Draft(key: comment, text: "Hello\nsecond line ✓", updated: time, lastError: nil))
    }

    @Test func savingAgainOverwritesTextAndTime() throws {
        let store = try StateStore.inMemory()
        let first = Date(timeIntervalSince1970: 1_700_000_000)
        let second = first.addingTimeInterval(60)
        try store.saveDraft(comment, text: "first", at: first)
        try store.saveDraft(comment, text: "second", at: second)

        let draft = try #require(try store.draft(comment))
        #expect(draft.text == "second")
        #expect(draft.updated == second)
        #expect(try store.allDrafts().count == 1)
    }

    @Test func saveWithoutDateIsNow() throws {
        let store = try StateStore.inMemory()
        let before = Date()
        try store.saveDraft(comment, text: "x")
        let draft = try #require(try store.draft(comment))
        #expect(abs(draft.updated.timeIntervalSince(before)) < 5)
    }

    @Test func everyPartOfTheKeyTellsDraftsApart() throws {
        let store = try StateStore.inMemory()
        let keys = [
            comment,
            DraftKey(forge: "https://other.example/rest/", kind: .comment, target: "thread-1"),
            DraftKey(forge: forge, kind: .comment, target: "thread-2"),
            DraftKey(forge: forge, kind: .reply, target: "thread-1", parent: "p1"),
            DraftKey(forge: forge, kind: .reply, target: "thread-1", parent: "p2"),
            DraftKey(forge: forge, kind: .reply, target: "thread-1"),
            DraftKey(forge: forge, kind: .ticketEdit, target: "p/proj/bugs/7"),
            DraftKey(forge: forge, kind: .ticketComment, target: "p/proj/bugs/7"),
            DraftKey(forge: forge, kind: .ticketNew, target: "p/proj/bugs"),
        ]
        #expect(Set(keys).count == keys.count)
        for (index, key) in keys.enumerated() {
            try store.saveDraft(key, text: "text \(index)", at: Date(timeIntervalSince1970: Double(index)))
        }
        for (index, key) in keys.enumerated() {
            #expect(try store.draft(key)?.text == "text \(index)")
            #expect(try store.draft(key)?.key == key)
        }
        #expect(try store.allDrafts().count == keys.count)
    }

    @Test func emptyParentIsTheSameAsNone() throws {
        let store = try StateStore.inMemory()
        let none = DraftKey(forge: forge, kind: .reply, target: "t")
        let empty = DraftKey(forge: forge, kind: .reply, target: "t", parent: "")
        #expect(none == empty)
        try store.saveDraft(empty, text: "x")
        #expect(try store.draft(none)?.key.parent == nil)
    }

    @Test func failureMessageIsRecordedAndClearedBySavingAgain() throws {
        let store = try StateStore.inMemory()
        try store.saveDraft(comment, text: "text")
        #expect(try store.recordFailure(comment, message: "HTTP 503: Service Unavailable"))
        let failed = try #require(try store.draft(comment))
        #expect(failed.lastError == "HTTP 503: Service Unavailable")
        #expect(failed.text == "text")

        try store.saveDraft(comment, text: "text, edited")
        #expect(try store.draft(comment)?.lastError == nil)
    }

    @Test func failureWithoutDraftCreatesNothing() throws {
        let store = try StateStore.inMemory()
        #expect(try store.recordFailure(comment, message: "lost") == false)
        #expect(try store.draft(comment) == nil)
        #expect(try store.allDrafts().isEmpty)
    }

    @Test func deletedDraftIsGone() throws {
        let store = try StateStore.inMemory()
        let other = DraftKey(forge: forge, kind: .ticketNew, target: "p/proj/bugs")
        try store.saveDraft(comment, text: "a")
        try store.saveDraft(other, text: "b")
        try store.deleteDraft(comment)
        try store.deleteDraft(comment)  // again: not an error

        #expect(try store.draft(comment) == nil)
        #expect(try store.allDrafts().map(\.key) == [other])
    }

    @Test func allDraftsAreNewestFirst() throws {
        let store = try StateStore.inMemory()
        let a = DraftKey(forge: forge, kind: .comment, target: "a")
        let b = DraftKey(forge: forge, kind: .reply, target: "b", parent: "p")
        let c = DraftKey(forge: forge, kind: .ticketComment, target: "c")
        try store.saveDraft(a, text: "a", at: Date(timeIntervalSince1970: 100))
        try store.saveDraft(b, text: "b", at: Date(timeIntervalSince1970: 300))
        try store.saveDraft(c, text: "c", at: Date(timeIntervalSince1970: 200))
        #expect(try store.allDrafts().map(\.key) == [b, c, a])

        // Editing the oldest makes it the newest.
        try store.saveDraft(a, text: "a2", at: Date(timeIntervalSince1970: 400))
        #expect(try store.allDrafts().map(\.text) == ["a2", "b", "c"])
    }
}

/// A state file written by the previous version (schema v1) opens, keeps its drafts, and learns
/// where new drafts were written.
@Suite struct DraftMigrationTests {
    @Test func aVersionOneFileIsBroughtUpToDate() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/" + StateStore.fileName
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(
                    sql: """
                        CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                        INSERT INTO grdb_migrations VALUES ('v1 read marks, visits, drafts');
                        CREATE TABLE readMark (forge TEXT NOT NULL, thread TEXT NOT NULL, slug TEXT NOT NULL,
                            PRIMARY KEY (forge, thread, slug)) WITHOUT ROWID;
                        CREATE TABLE visit (forge TEXT NOT NULL, thread TEXT NOT NULL, lastVisit REAL NOT NULL,
                            PRIMARY KEY (forge, thread)) WITHOUT ROWID;
                        CREATE TABLE draft (forge TEXT NOT NULL, kind TEXT NOT NULL, target TEXT NOT NULL,
                            parent TEXT NOT NULL DEFAULT '', text TEXT NOT NULL, updated REAL NOT NULL,
                            lastError TEXT, PRIMARY KEY (forge, kind, target, parent));
                        INSERT INTO draft VALUES ('https://f', 'comment', 'p/x/wiki/t1', '', 'old text', 1700000000, NULL);
                        """)
            }
        }
        let store = try StateStore(path: path)
        let old = DraftKey(forge: "https://f", kind: .comment, target: "p/x/wiki/t1")
        let kept = try #require(try store.draft(old))
        #expect(kept.text == "old text" && kept.place == nil)
        try store.saveDraft(old, text: "new text", place: "https://f/p/x/wiki/Home/")
        #expect(try store.draft(old)?.place == "https://f/p/x/wiki/Home/")
        try store.saveDraft(old, text: "newer text")
        #expect(try store.draft(old)?.place == "https://f/p/x/wiki/Home/", "a save without a place keeps the one known")
        // Later versions' tables are there too.
        try store.recordPlace("https://f/p/x/", name: "f › X")
        try store.saveSearch(StoredSearch(name: "mine", query: "assigned_to:me"))
        try store.setTags([3, 1], forge: "https://f", tracker: "p/x/bugs")
        let reopened = try StateStore(path: path)
        #expect(try reopened.places(limit: 5).map(\.name) == ["f › X"])
        #expect(try reopened.searches() == [StoredSearch(name: "mine", query: "assigned_to:me")])
        #expect(try reopened.tags(forge: "https://f", tracker: "p/x/bugs") == [1, 3])
    }
}
