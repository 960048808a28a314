import DemoForge
import Foundation
import TerminalUI
import Testing

@testable import AnvilApp

/// The first frame waits a moment for the views' own loads: an answer that comes within
/// `firstAnswerWait` is in the first frame, without a "Loading…" frame before it.
struct FirstAnswerTests {
    /// What the device does when its script is empty.
    private enum Idle {
        /// Waits for the load's mail and wakes the app.
        case answer
        /// A time-out, after a short sleep.
        case timeOut
    }

    /// The app in its run loop with a load for its view that answers after `answerAfter`, the
    /// first frame waiting up to `wait`, `events` played first, then `idle`; `Q` when nothing
    /// else is left. The frames drawn, how long the run took, and whether the load was still out.
    private func run(
        wait: Duration, answerAfter: Duration, events: [InputEvent] = [], idle: [Idle]
    ) throws -> (frames: Int, seconds: Double, stillLoading: Bool) {
        var options = AppOptions()
        options.firstAnswerWait = wait
        let h = try DemoHarness(options: options)
        try h.open("p/\(DemoNames.mainProject)/")
        let view = try #require(h.app.top)
        h.app.load(for: view) {
            try await Task.sleep(for: answerAfter)
            return .wikiTitles([])
        }
        h.device.feed(events)
        var idle = idle
        h.device.whenIdle = {
            guard !idle.isEmpty else { return .key(.char("Q")) }
            switch idle.removeFirst() {
            case .answer: return h.app.mailbox.waitForPost(seconds: 20) ? .wake : nil
            case .timeOut:
                Thread.sleep(forTimeInterval: 0.02)
                return nil
            }
        }
        let before = h.device.frames
        let start = ContinuousClock.now
        _ = h.app.run()
        let elapsed = start.duration(to: .now)
        let stillLoading = h.app.loadsInFlight > 0
        _ = h.app.cancelLoads(of: view)
        return (h.device.frames - before, Double(elapsed.nanoseconds) / 1e9, stillLoading)
    }

    @Test func anAnswerWithinTheWaitIsInTheFirstFrame() async throws {
        try await onUIThread {
            let run = try run(wait: .seconds(20), answerAfter: .milliseconds(50), idle: [.answer])
            // One frame, drawn with the answer; without the wait, a frame before it as well.
            #expect(run.frames == 1)
            #expect(!run.stillLoading)
        }
    }

    @Test func anAnswerLaterThanTheWaitComesAfterAFirstFrame() async throws {
        try await onUIThread {
            let run = try run(wait: .milliseconds(10), answerAfter: .milliseconds(300), idle: [.timeOut, .answer])
            // The first frame drawn when the wait ran out, then the answer's.
            #expect(run.frames == 2)
            #expect(!run.stillLoading)
        }
    }

    @Test func aKeyEndsTheWait() async throws {
        try await onUIThread {
            let run = try run(wait: .seconds(20), answerAfter: .seconds(30), events: [.key(.char("j"))], idle: [])
            #expect(run.frames >= 1)
            #expect(run.seconds < 15)
        }
    }
}
