import Foundation

/// Counts the frames the UI thread has put on the terminal, so that a load that sent the first
/// part of its answer can wait until that part is on screen before it works on the rest: the
/// first screen then has the machine to itself.
final class FramesShown: @unchecked Sendable {
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var count = 0

    /// Frames shown so far.
    var current: Int {
        condition.lock()
        defer { condition.unlock() }
        return count
    }

    /// Called by the UI thread after each frame.
    func presented() {
        condition.lock()
        count += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until more than `seen` frames were shown, or `timeout` seconds passed.
    func wait(past seen: Int, timeout: TimeInterval) {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        while count <= seen, condition.wait(until: deadline) {}
        condition.unlock()
    }
}
