import Dispatch
import ForgeModel
import Foundation
import Synchronization

/// Something the network side hands to the UI thread.
public enum AppEvent: Sendable {
    /// A load requested by the view with `viewID` finished; `localCopy` when some of it came from
    /// the cache because the forge could not be reached.
    case loaded(viewID: Int, requestID: Int, result: Result<Payload, ForgeError>, localCopy: LocalCopy? = nil)
    /// What a load found in the cache, shown while the forge is asked; the load goes on.
    case cachedCopy(viewID: Int, requestID: Int, payload: Payload, localCopy: LocalCopy)
    /// The first part of what a load will answer (see `LoadPart`), shown while it makes the rest.
    case part(viewID: Int, requestID: Int, payload: Payload)
    /// Something the network side is doing that the user should see (a rate-limit countdown).
    case notice(String)
    /// Something gone wrong beside the views that the user should know (a cache that cannot be used).
    case warning(String)
    /// The forge at this address answers again after it could not be reached.
    case forgeAnswers(URL)
}

/// Carries notices from forges, made before the UI exists, to the UI's mailbox once it does.
public final class NoticeRelay: Sendable {
    /// The mailbox, and what was posted before there was one.
    private let state = Mutex<(mailbox: Mailbox?, early: [AppEvent])>((nil, []))

    public init() {}

    /// Where notices go from now on; those posted before go there first.
    public func connect(_ box: Mailbox) {
        let early = state.withLock { state in
            state.mailbox = box
            defer { state.early = [] }
            return state.early
        }
        early.forEach(box.post)
    }

    public func post(_ text: String) { relay(.notice(text)) }

    /// Posts `text` as a warning (shown as an error).
    public func warn(_ text: String) { relay(.warning(text)) }

    private func relay(_ event: AppEvent) {
        let box = state.withLock { state in
            // A few are kept (a cache that cannot be opened); a dump that never connects has no
            // use for a long list of countdowns.
            if state.mailbox == nil, state.early.count < 8 { state.early.append(event) }
            return state.mailbox
        }
        box?.post(event)
    }
}

/// The UI thread's inbox. Background tasks post; the UI thread takes everything at once after
/// it was woken (the curses loop polls a wake pipe; `dump` and tests wait on `waitForPost`).
public final class Mailbox: Sendable {
    private let events = Mutex<[AppEvent]>([])
    private let posted = DispatchSemaphore(value: 0)
    private let onPost: @Sendable () -> Void

    /// `onPost` is called after every post, from the posting thread (e.g. to write a wake byte).
    public init(onPost: @escaping @Sendable () -> Void = {}) {
        self.onPost = onPost
    }

    public func post(_ event: AppEvent) {
        events.withLock { $0.append(event) }
        posted.signal()
        onPost()
    }

    /// Removes and returns every event posted so far.
    public func takeAll() -> [AppEvent] {
        events.withLock { queue in
            let all = queue
            queue.removeAll()
            return all
        }
    }

    /// Blocks until something was posted or `seconds` passed; true when something was posted.
    public func waitForPost(seconds: Double) -> Bool {
        posted.wait(timeout: .now() + seconds) == .success
    }
}

/// Data on screen that came from the cache rather than the forge.
public struct LocalCopy: Hashable, Sendable {
    /// When the forge last confirmed the oldest part of it.
    public var storedAt: Date
    /// Whether the forge could not be reached.
    public var isOffline: Bool

    public init(storedAt: Date, isOffline: Bool) {
        self.storedAt = storedAt
        self.isOffline = isOffline
    }

    /// `cached 3 hours ago`, or `offline · cached 3 hours ago`.
    func text(now: Date) -> String {
        (isOffline ? "offline · " : "") + "cached " + DateText.relative(storedAt, now: now)
    }
}
