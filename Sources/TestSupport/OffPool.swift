import Foundation

/// Runs blocking test code (waiting for a program, a tmux screen, a socket) on a thread of its
/// own and waits for it without holding one of Swift's few cooperative threads: on a 2-core
/// machine two blocked test bodies would stall every async test and load in the process.
public func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    let outcome: Result<T, Error> = await withCheckedContinuation { continuation in
        let thread = Thread {
            do {
                continuation.resume(returning: .success(try body()))
            } catch {
                continuation.resume(returning: .failure(error))
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
    return try outcome.get()
}
