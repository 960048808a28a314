import Foundation
import Synchronization

/// How the reads of a load may be answered, and what they were answered with. The app sets these
/// around a load; the caching layer under every backend reads them. Backends know nothing of it.
public enum Fetch {
    /// Where reads may come from.
    public enum Policy: Sendable {
        /// The forge; the local copy when the forge cannot be reached.
        case network
        /// The local copy only: answers at once, or fails with `ForgeError.notCached`.
        case localOnly
    }

    @TaskLocal public static var policy: Policy = .network
    @TaskLocal public static var report: Report?

    /// What the reads of one load were answered with: set by the caching layer.
    public final class Report: Sendable {
        private let state = Mutex<(oldest: Date?, unreachable: Bool)>((nil, false))

        public init() {}

        /// A read was answered from the local copy stored at `date`; `unreachable` when the forge
        /// could not be reached for it.
        public func answeredLocally(storedAt date: Date, unreachable: Bool) {
            state.withLock { state in
                state.oldest = min(state.oldest ?? date, date)
                state.unreachable = state.unreachable || unreachable
            }
        }

        /// The oldest local copy used, nil when every read came from the forge.
        public var oldestLocalCopy: Date? { state.withLock { $0.oldest } }
        /// Whether the forge could not be reached for some read.
        public var forgeUnreachable: Bool { state.withLock { $0.unreachable } }
    }
}
