import DemoForge
import Foundation
import TerminalUI
import Testing

@testable import AnvilApp

/// While answers keep coming (a long thread loading page after page), they are drawn together:
/// one frame for those that arrive within `App.answerFrameInterval`, and a key at once.
struct AnswerFrameTests {
    /// The app in its run loop, with a load that stays on its way and `events` to play; the
    /// number of frames drawn for them (the first frame, before any event, not counted).
    private func framesDrawn(for events: [InputEvent]) throws -> Int {
        let h = try DemoHarness()
        try h.open("p/\(DemoNames.mainProject)/")
        let view = try #require(h.app.top)
        h.app.load(for: view, essential: false) {
            try await Task.sleep(for: .seconds(30))
            return .wikiTitles([])
        }
        h.device.feed(events)
        var idle = 0
        h.device.whenIdle = {
            idle += 1
            if idle == 1 {
                // A time-out, after the interval has passed.
                Thread.sleep(forTimeInterval: 0.1)
                return nil
            }
            return .key(.char("Q"))
        }
        let before = h.device.frames
        _ = h.app.run()
        _ = h.app.cancelLoads(of: view)
        return h.device.frames - before - 1
    }

    @Test func answersArrivingTogetherAreDrawnInOneFrame() async throws {
        try await onUIThread {
            // The first answer is drawn at once; the four right after it wait for one frame.
            let frames = try framesDrawn(for: [.wake, .wake, .wake, .wake, .wake])
            #expect(frames == 2)
        }
    }

    @Test func aKeyAmongAnswersIsDrawnAtOnce() async throws {
        try await onUIThread {
            // Answer (drawn), answer (waits), key (drawn with it at once), answer (drawn at once:
            // the last frame was a key's), answer (waits, drawn after the time-out).
            let frames = try framesDrawn(for: [.wake, .wake, .key(.char("j")), .wake, .wake])
            #expect(frames == 4)
        }
    }
}
