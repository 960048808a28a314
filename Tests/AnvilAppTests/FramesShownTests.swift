import Foundation
import Testing

@testable import AnvilApp

/// A load that sent the first part of its answer waits for the frame that shows it, and no
/// longer than its timeout when none comes.
@Suite struct FramesShownTests {
    @Test("a wait ends when a frame is shown after the part was sent")
    func aFrameEndsTheWait() {
        let frames = FramesShown()
        let seen = frames.current
        let started = Date()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { frames.presented() }
        frames.wait(past: seen, timeout: 10)
        #expect(frames.current == seen + 1)
        #expect(Date().timeIntervalSince(started) < 5, "the frame, not the timeout, ended the wait")
    }

    @Test("a frame shown before the wait began ends it at once; with none, the timeout does")
    func framesBeforeAndNone() {
        let frames = FramesShown()
        let seen = frames.current
        frames.presented()
        let started = Date()
        frames.wait(past: seen, timeout: 10)
        #expect(Date().timeIntervalSince(started) < 5)
        let now = frames.current
        let waited = Date()
        frames.wait(past: now, timeout: 0.05)
        #expect(Date().timeIntervalSince(waited) >= 0.04, "no frame came: the timeout ended it")
    }
}
