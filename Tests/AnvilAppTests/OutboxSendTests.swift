import Allura
import DemoForge
import ForgeModel
import Foundation
import HTTP
import Store
import Synchronization
import TerminalUI
import Testing

@testable import AnvilApp

/// Texts that could not be sent wait in the outbox and go out from where they were written:
/// after the forge answers again (when the user says yes), or with `S` and `:outbox send`, past
/// the same checks as a send from the view itself.
@Suite struct OutboxSendTests {
    /// The demo forge behind a switch: while it is off, every request fails as a dead link would.
    final class Switchable: Transport {
        let inner: DemoTransport
        let isUp = Mutex(true)
        let posts = Mutex(0)
        init(_ inner: DemoTransport) { self.inner = inner }
        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            guard isUp.withLock({ $0 }) else { throw ForgeError.offline("connection refused") }
            if request.method == "POST" { posts.withLock { $0 += 1 } }
            return try await inner.send(request)
        }
    }

    struct Setup {
        let h: DemoHarness
        let link: Switchable
        let state: LocalState
        let reader: AlluraForge
    }

    /// The Allura demo through a switchable link and a cache, with a state store in memory and
    /// an editor that writes `written`.
    static func setUp(
        written: @escaping @Sendable (String) -> String, probe: (@Sendable (URL) async -> Bool)? = nil
    ) throws -> Setup {
        let demo = DemoForge()
        let link = Switchable(DemoTransport(forge: demo))
        let base = DemoForge.defaultBaseURL
        let cached = CachingTransport(link, store: CacheFirstTests.MemoryStore(), forge: base.absoluteString)
        let forge = try AlluraForge(
            baseURL: base, token: DemoNames.demoToken, transport: cached, displayName: "demo")
        var options = AppOptions()
        options.cacheFirst = true
        let state = LocalState(store: try StateStore.inMemory())
        options.state = state
        options.editText = written
        options.probeReachability = probe
        options.reachabilityInterval = 0.05
        let h = try DemoHarness(
            width: 100, height: 30, forge: demo, options: options, session: ForgeSession(forge: forge, baseURL: base))
        return Setup(h: h, link: link, state: state, reader: h.allura)
    }

    static let ticket = 12
    static let project = DemoHarness.mainProject

    static func comments(on number: Int, reader: AlluraForge) throws -> [Post] {
        let ticket = try Self.ticket(number, reader: reader)
        let thread = try #require(ticket.threadID)
        return try blocking {
            try await reader.toolThread(project, mount: DemoNames.mainTracker, thread: thread, page: 0, limit: 500)
        }.posts
    }

    static func ticket(_ number: Int, reader: AlluraForge) throws -> Ticket {
        let forge: any TicketReading = reader
        return try blocking { try await forge.ticket(project, mount: DemoNames.mainTracker, number: number) }
    }

    @Test func writtenOfflineThenSentWhenTheForgeAnswersAgain() async throws {
        try await onUIThread {
            let comment = "Seen on the train: the build fails offline too."
            let s = try Self.setUp { original in
                original.hasPrefix("#") || original.isEmpty ? comment : "Crash on start, offline edition\n\nFixed text."
            }
            let h = s.h
            try h.open("p/\(DemoNames.mainProject)/\(DemoNames.mainTracker)/\(Self.ticket)/")
            let before = try Self.comments(on: Self.ticket, reader: s.reader).count

            // The link drops: a comment and an edit of the ticket fail and wait in the outbox.
            s.link.isUp.withLock { $0 = false }
            h.press(.char("e"))
            h.press(.char("c"))
            #expect(h.app.messageLog.contains { $0.text.hasPrefix("Not sent, draft kept (c to retry)") })
            #expect(s.state.allDrafts().count == 2)
            #expect(s.state.allDrafts().allSatisfy { $0.lastError != nil && $0.place != nil })
            h.press(.char("q"))

            // The link is back: the next answer says so and offers to send them.
            s.link.isUp.withLock { $0 = true }
            h.press(.char("r"))
            #expect(h.status.contains("Back online: 2 texts in the outbox could not be sent. Send now?"), "\(h.status)")
            h.press(.char("y"))
            #expect(h.status.contains("Outbox: 2 sent"), "\(h.status)")
            #expect(s.state.allDrafts().isEmpty)
            #expect((h.app.top as? TicketView)?.number == Self.ticket, "the run comes back to where it began")

            let after = try Self.comments(on: Self.ticket, reader: s.reader)
            #expect(after.count == before + 1)
            #expect(after.contains { $0.text.contains(comment) })
            let ticket = try Self.ticket(Self.ticket, reader: s.reader)
            #expect(ticket.summary == "Crash on start, offline edition")
        }
    }

    @Test("a comment whose earlier send arrived after all is not posted twice")
    func aLostAnswerIsCheckedBeforeSending() async throws {
        try await onUIThread {
            let comment = "This one reached the forge; its answer did not reach us."
            let s = try Self.setUp { _ in comment }
            let h = s.h
            try h.open("p/\(DemoNames.mainProject)/\(DemoNames.mainTracker)/\(Self.ticket)/")
            h.press(.char("c"))
            #expect(h.status.contains("Posted") || h.status.contains("posted"), "\(h.status)")
            let place = try #require(h.app.top?.webURL)
            let after = try Self.comments(on: Self.ticket, reader: s.reader).count
            // As if the answer had been lost: the draft is still here, with a failure.
            let thread = try #require((h.app.top as? ThreadView)?.threadID)
            let key = DraftKey(
                forge: h.session.baseURL.absoluteString, kind: .comment,
                target: "\(Self.project)/\(DemoNames.mainTracker)/\(thread)")
            s.state.currentPlace = place
            s.state.saveDraft(key, text: comment)
            s.state.recordFailure(key, message: "The forge did not answer in time")
            let postsBefore = s.link.posts.withLock { $0 }

            h.submit(":", "outbox")
            h.moveCursor(to: "comment")
            h.press(.char("S"))
            #expect(h.status.contains("Outbox: 1 sent"), "\(h.status)")
            #expect(s.state.draft(key) == nil)
            #expect(s.link.posts.withLock { $0 } == postsBefore, "nothing was posted again")
            #expect(try Self.comments(on: Self.ticket, reader: s.reader).count == after)
            #expect(h.app.top is OutboxView)
            #expect(h.allRows.contains { $0.contains("Nothing: every text you wrote reached its forge.") })
        }
    }

    @Test("an edit of a ticket changed on the forge since it was shown is a conflict the user settles")
    func aConflictStopsTheEditUntilTheUserSaysSo() async throws {
        try await onUIThread {
            let s = try Self.setUp { _ in "My offline summary\n\nMy text." }
            let h = s.h
            try h.open("p/\(DemoNames.mainProject)/\(DemoNames.mainTracker)/\(Self.ticket)/")
            s.link.isUp.withLock { $0 = false }
            h.press(.char("e"))
            #expect(s.state.allDrafts().count == 1)
            s.link.isUp.withLock { $0 = true }
            // Someone else changes the ticket meanwhile.
            let edit = TicketEdit(summary: "Their summary")
            let reader = s.reader
            _ = try blocking {
                try await reader.updateTicket(
                    Self.project, mount: DemoNames.mainTracker, number: Self.ticket, edit: edit, expectedStamp: nil)
            }
            h.submit(":", "outbox send")
            #expect(h.status.contains("#12 changed on the forge: summary"), "the conflict is a question: \(h.status)")
            h.press(.char("n"))
            #expect(h.status.contains("Outbox: 1 not sent"), "\(h.status)")
            #expect(s.state.allDrafts().count == 1, "the draft stays")
            let ticket = try Self.ticket(Self.ticket, reader: s.reader)
            #expect(ticket.summary == "Their summary")
        }
    }

    @Test("while the forge cannot be reached Anvil asks now and then, and says when it answers")
    func theReturnOfTheForgeIsNoticedWithoutAKeystroke() async throws {
        try await onUIThread {
            let up = Mutex(true)
            let s = try Self.setUp(written: { _ in "Written on the train." }, probe: { _ in up.withLock { $0 } })
            let h = s.h
            try h.open("p/\(DemoNames.mainProject)/\(DemoNames.mainTracker)/\(Self.ticket)/")
            s.link.isUp.withLock { $0 = false }
            up.withLock { $0 = false }
            h.press(.char("r"))
            #expect(h.lines[0].contains("offline"), "\(h.lines[0])")
            h.press(.char("c"))
            #expect(s.state.allDrafts().count == 1)
            h.press(.char("q"))
            // Nothing is pressed: the forge comes back and Anvil notices.
            s.link.isUp.withLock { $0 = true }
            up.withLock { $0 = true }
            let deadline = Date().addingTimeInterval(10)
            while h.app.prompt == nil, deadline.timeIntervalSinceNow > 0 {
                _ = h.app.mailbox.waitForPost(seconds: 0.2)
                h.app.deliverMail()
            }
            #expect(h.status.contains("Back online: 1 text in the outbox could not be sent"), "\(h.status)")
            h.press(.char("y"))
            #expect(h.status.contains("Outbox: 1 sent"), "\(h.status)")
        }
    }

    @Test("the offer does not take the place of a prompt being typed")
    func aPromptBeingTypedIsLeftAlone() async throws {
        try await onUIThread {
            let up = Mutex(true)
            let s = try Self.setUp(written: { _ in "Written on the train." }, probe: { _ in up.withLock { $0 } })
            let h = s.h
            try h.open("p/\(DemoNames.mainProject)/\(DemoNames.mainTracker)/\(Self.ticket)/")
            s.link.isUp.withLock { $0 = false }
            up.withLock { $0 = false }
            h.press(.char("r"))
            h.press(.char("c"))
            h.press(.char("q"))
            h.app.handle(.key(.char(":")))
            for c in "sea" { h.app.handle(.key(.char(c))) }
            s.link.isUp.withLock { $0 = true }
            up.withLock { $0 = true }
            let deadline = Date().addingTimeInterval(10)
            while !h.app.messageLog.contains(where: { $0.text.hasPrefix("Back online") }),
                deadline.timeIntervalSinceNow > 0
            {
                _ = h.app.mailbox.waitForPost(seconds: 0.2)
                h.app.deliverMail()
            }
            #expect(h.app.prompt.map { String($0.text) } == "sea", "the prompt is as it was")
            #expect(
                h.app.messageLog.contains {
                    $0.text == "Back online: 1 text in the outbox could not be sent; :outbox send sends them"
                }, "\(h.app.messageLog.map(\.text))")
        }
    }

    @Test("a reply remembers the post it answers, and goes to it from the outbox")
    func aReplyIsSentToThePostItAnswers() async throws {
        try await onUIThread {
            // Only a reply (which starts with a quote) gets a text: the first `c` sends nothing.
            let s = try Self.setUp { original in original.isEmpty ? "" : original + "Agreed, and here is why.\n" }
            let h = s.h
            try h.open("p/\(DemoNames.mainProject)/\(DemoNames.mainTracker)/\(DemoNames.busyTicket)/")
            h.press(.char("c"))
            #expect(s.state.allDrafts().isEmpty)
            h.press(.char("G"))
            let thread = try #require(h.app.top as? ThreadView)
            let answered = try #require(thread.currentPost)
            s.link.isUp.withLock { $0 = false }
            h.press(.char("R"))
            let draft = try #require(s.state.allDrafts().first)
            #expect(draft.key.kind == .reply && draft.key.parent == answered.slug)
            #expect(draft.place?.hasSuffix("/\(answered.id)/") == true, "\(draft.place ?? "")")
            s.link.isUp.withLock { $0 = true }
            h.press(.char("q"))
            h.submit(":", "outbox send")
            #expect(h.status.contains("Outbox: 1 sent"), "\(h.status)")
            let posts = try Self.comments(on: DemoNames.busyTicket, reader: s.reader)
            let reply = try #require(posts.first { $0.text.contains("Agreed, and here is why.") })
            #expect(reply.parentSlug == answered.slug, "\(reply.slug)")
        }
    }

    @Test("a blog post edited in the blog's list is sent from the post's own page")
    func aBlogEditFromTheListIsSentFromThePost() async throws {
        try await onUIThread {
            let s = try Self.setUp { $0.replacingOccurrences(of: "Labels: ", with: "Labels: offline, ") }
            let h = s.h
            try h.open("p/\(DemoNames.mainProject)/blog/")
            _ = h.screen
            h.settle()
            let first = try #require(h.forge.data.blogPosts().first)
            s.link.isUp.withLock { $0 = false }
            h.press(.char("e"))
            let draft = try #require(s.state.allDrafts().first)
            #expect(draft.key.kind == .blogEdit)
            #expect(draft.place?.hasSuffix("/blog/\(first.slug)/") == true, "\(draft.place ?? "")")
            s.link.isUp.withLock { $0 = true }
            h.submit(":", "outbox send")
            #expect(h.status.contains("Outbox: 1 sent"), "\(h.status)")
            #expect(h.forge.data.blogPosts().first { $0.slug == first.slug }?.labels.first == "offline")
        }
    }

    @Test func nothingToSendAndAnUnknownPlaceAreSaidSo() async throws {
        try await onUIThread {
            let s = try Self.setUp { $0 }
            let h = s.h
            try h.open("p/\(DemoNames.mainProject)/")
            h.submit(":", "outbox send")
            #expect(h.status.contains("Nothing to send"), "\(h.status)")
            let key = DraftKey(forge: h.session.baseURL.absoluteString, kind: .comment, target: "p/x/bugs/t1")
            s.state.currentPlace = nil
            s.state.saveDraft(key, text: "Where was this?")
            h.press(.char("r"))
            h.submit(":", "outbox send")
            #expect(h.status.contains("where it was written is unknown"), "\(h.status)")
            #expect(s.state.draft(key) != nil)
            h.submit(":", "outbox sned")
            #expect(h.status.contains("Usage: :outbox [send]"), "\(h.status)")
        }
    }
}
