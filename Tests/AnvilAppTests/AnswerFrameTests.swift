import DemoForge
import Foundation
import TerminalUI
import Testing

@testable import AnvilApp

/// While answers keep coming (a long thread loading page after page), they are drawn together:
/// one frame for those that arrive within `answerFrameInterval` of the last, and a key at once.
struct AnswerFrameTests {
    /// The app in its run loop with answers drawn together for `interval`, a load that stays on
    /// its way, and `events` to play; then `idle` (nil: a time-out after `pause` seconds) until
    /// `Q`. The frames drawn, the first (before any event) not counted.
    private func framesDrawn(
        for events: [InputEvent], interval: Duration, idle: InputEvent? = nil, pause: Double = 0
    ) throws -> Int {
        var options = AppOptions()
        options.answerFrameInterval = interval
        let h = try DemoHarness(options: options)
        try h.open("p/\(DemoNames.mainProject)/")
        let view = try #require(h.app.top)
        h.app.load(for: view, essential: false) {
            try await Task.sleep(for: .seconds(30))
            return .wikiTitles([])
        }
        h.device.feed(events)
        var idled = false
        h.device.whenIdle = {
            guard !idled else { return .key(.char("Q")) }
            idled = true
            Thread.sleep(forTimeInterval: pause)
            return idle
        }
        let before = h.device.frames
        _ = h.app.run()
        _ = h.app.cancelLoads(of: view)
        return h.device.frames - before - 1
    }

    @Test func answersArrivingTogetherAreDrawnInOneFrame() async throws {
        try await onUIThread {
            // The first answer is drawn at once; the four after it wait, and the key draws them.
            let frames = try framesDrawn(
                for: [.wake, .wake, .wake, .wake, .wake], interval: .seconds(5), idle: .key(.char("j")))
            #expect(frames == 2)
        }
    }

    @Test func aKeyAmongAnswersIsDrawnAtOnce() async throws {
        try await onUIThread {
            // Answer (drawn), answer (waits), key (drawn with it at once), answer (drawn at once:
            // the last frame was a key's), answer (waits, and `Q` ends the run before it is drawn).
            let frames = try framesDrawn(for: [.wake, .wake, .key(.char("j")), .wake, .wake], interval: .seconds(5))
            #expect(frames == 3)
        }
    }

    @Test func answersWaitingAreDrawnWhenTheIntervalIsOver() async throws {
        try await onUIThread {
            // The second answer waits for the interval to end (or, on a slow machine, is drawn at
            // once): either way it is drawn before anything else happens.
            let frames = try framesDrawn(for: [.wake, .wake], interval: .milliseconds(50), pause: 0.2)
            #expect(frames == 2)
        }
    }
}
