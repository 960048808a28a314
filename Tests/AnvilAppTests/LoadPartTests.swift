import ForgeModel
import Foundation
import Synchronization
import TerminalUI
import TestSupport
import Testing

@testable import AnvilApp

/// A view that keeps what its loads hand it, in order.
final class RecordingView: ScreenView {
    var received: [String] = []

    override var crumbs: [String] { ["recording"] }
    override func buildRows(width: Int) -> [Row] { received.map { Row("  " + $0) } }

    override func receive(_ payload: Payload, app: App) {
        switch payload {
        case .threadPagePart(let page): received.append("part of \(page.posts.count)")
        case .threadPage(let page): received.append("page of \(page.posts.count)")
        default: received.append("other")
        }
    }
}

/// A load hands the view a first part of its answer while it goes on (a thread's first page shows
/// the posts that fill the screen before the rest are rendered).
@Suite struct LoadPartTests {
    static func page(_ count: Int) -> ThreadPage {
        let posts = (0..<count).map { Post(slug: String(format: "%04x", $0), text: "post \($0)", author: "u") }
        return ThreadPage(threadID: "t", subject: "", posts: posts, page: 0, limit: 100, total: .unknown)
    }

    @Test("a part reaches the view while the load is in flight, the answer after it")
    func aPartComesFirst() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 80, height: 20)
            let view = RecordingView(session: h.session, mode: .list)
            h.app.push(view)
            let release = Mutex(false)
            h.app.load(for: view) {
                LoadPart.current?.send(.threadPagePart(Self.page(5)))
                while !release.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
                return .threadPage(Self.page(20))
            }
            // The load is held until released: wait for its part (a busy machine may take a while).
            let deadline = Date().addingTimeInterval(30)
            while view.received.isEmpty, Date() < deadline { _ = h.app.settle(seconds: 0.05) }
            #expect(view.received == ["part of 5"])
            #expect(h.app.loadsInFlight == 1)
            release.withLock { $0 = true }
            #expect(h.app.settle(seconds: 20))
            #expect(view.received == ["part of 5", "page of 20"])
        }
    }

    @Test("a thread's first page, sent in two parts, holds each of its posts once")
    func aThreadsFirstPageHoldsEachPostOnce() async throws {
        try await onUIThread {
            let h = try ThreadViewTests.harness(width: 100, height: 20)
            try h.open(ThreadViewTests.bigThread)
            let view = try #require(h.app.top as? ThreadView)
            // Page 0 has 100 posts, more than a 20-row screen's lead: its first posts came twice.
            #expect(ThreadView.leadPosts(height: 20) < 100)
            #expect(view.tree.postCount == 100)
            #expect(Set(view.tree.rows().compactMap { $0.post?.slug }).count == 100)
            #expect(view.tree.placeholderCount == 0 || view.tree.rows().count == 100 + view.tree.placeholderCount)
        }
    }

    @Test("a thread's lead is the posts that fill the screen, and no more")
    func theLeadFillsTheScreen() {
        // One-line posts take three rows each: a 30-row screen is full after ten.
        var lead = ThreadView.Lead(height: 30)
        while !lead.isFull { lead.add(bodyLines: 1, isMeta: false) }
        #expect(lead.posts == 10)
        #expect(lead.rows == 30)
        // Longer posts fill it sooner; a meta post takes one row.
        lead = ThreadView.Lead(height: 30)
        lead.add(bodyLines: 1, isMeta: true)
        lead.add(bodyLines: 20, isMeta: false)
        #expect(!lead.isFull)
        lead.add(bodyLines: 7, isMeta: false)
        #expect(lead.isFull)
        #expect(lead.posts == 3)
        // A body left to the background renderer counts as a screenful.
        lead = ThreadView.Lead(height: 30)
        lead.add(bodyLines: nil, isMeta: false)
        #expect(lead.isFull)
        // Posts of one row each stop at `leadPosts`, short of the screen.
        lead = ThreadView.Lead(height: 30)
        while !lead.isFull { lead.add(bodyLines: nil, isMeta: true) }
        #expect(lead.posts == ThreadView.leadPosts(height: 30))
        #expect(lead.rows < 30)
    }

    @Test("on a terminal, a load goes on after its first part only once a frame has shown it")
    func aPartWaitsForItsFrame() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 80, height: 20)
            h.app.options.partFrameWait = 60
            let view = RecordingView(session: h.session, mode: .list)
            h.app.push(view)
            let wentOn = Mutex(false)
            h.app.load(for: view) {
                LoadPart.current?.send(.threadPagePart(Self.page(5)))
                wentOn.withLock { $0 = true }
                return .threadPage(Self.page(20))
            }
            let deadline = Date().addingTimeInterval(30)
            while view.received.isEmpty, Date() < deadline { _ = h.app.settle(seconds: 0.05) }
            #expect(view.received == ["part of 5"])
            // No frame was drawn (the harness draws none): the load waits for one.
            _ = h.app.settle(seconds: 0.3)
            #expect(!wentOn.withLock { $0 })
            #expect(view.received == ["part of 5"])
            h.app.framesShown.presented()
            #expect(h.app.settle(seconds: 20))
            #expect(wentOn.withLock { $0 })
            #expect(view.received == ["part of 5", "page of 20"])
        }
    }

    @Test("outside a load there is nowhere to send a part")
    func noPartsOutsideALoad() {
        #expect(LoadPart.current == nil)
    }
}
