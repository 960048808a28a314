import CSystem
import Foundation
import Store
import Synchronization

/// The app's window on the local state database: read marks, drafts, places, searches and tags.
/// A failing database never stops browsing: calls fall back to "nothing known" and the failure is
/// kept for the status line.
public final class LocalState {
    private var opened: StateStore?
    private let open: @Sendable () -> (StateStore?, String?)
    /// The last failure, taken (and cleared) by the app to show it once.
    private(set) var failure: String?
    /// Drafts the database could not take, kept here so that no text is lost while Anvil runs.
    private var memoryDrafts: [DraftKey: Draft] = [:]
    /// Whether the database file could not be opened (drafts then live in memory only).
    private var isMemoryOnly = false

    /// The web address of the view on top: a draft saved now was written there.
    var currentPlace: String?

    /// Whether some drafts exist only in memory: they are lost when Anvil quits.
    public var hasMemoryOnlyDrafts: Bool { !memoryDrafts.isEmpty }

    public init(store: StateStore) {
        self.opened = store
        self.open = { (store, nil) }
    }

    /// Opens the database at `path` on first use (or at `openNow`), not at start-up, which should
    /// draw at once.
    /// A file that cannot be opened falls back to memory, with a warning shown once.
    public init(path: String) {
        self.open = {
            do {
                let (store, warning) = try StateStore.open(path: path)
                return (store, warning)
            } catch {
                return (nil, "\(error)")
            }
        }
    }

    /// The database being opened on a thread of its own (see `openInBackground`).
    private var opening: Opening?

    private var store: StateStore? {
        if let opened { return opened }
        let (store, warning) = opening?.result() ?? open()
        opening = nil
        isMemoryOnly = store == nil || warning != nil
        opened = store ?? (try? StateStore.inMemory())
        if let warning { failure = warning }
        return opened
    }

    /// Opens the database now rather than at first use: at start-up, while the UI thread waits
    /// for the first answer anyway.
    public func openNow() {
        _ = store
    }

    /// Starts opening the database on a thread of its own, at start-up, while the UI thread reads
    /// the config and starts the terminal; the first use waits for it. Opening SQLite the first
    /// time in a process takes a millisecond or more, which the first frame should not wait for.
    ///
    /// Unless `urgent`, the thread runs in the idle scheduling class from its start: when the
    /// first answer comes from the network, on a machine of two processors the UI thread and the
    /// request's thread would otherwise queue behind it (up to the whole opening on the way to the
    /// first screen), where now it takes what they leave. A use that must wait for it leaves its
    /// own processor free for it. Urgent is for `first` work that the first answer itself waits
    /// for (the response cache a view is read from first): there the idle class only delays it.
    /// - Parameters:
    ///   - urgent: whether the first view waits for `first`.
    ///   - first: work for the same thread before the database (another database to open): one
    ///     thread beside the UI thread rather than two that take turns with it.
    public func openInBackground(urgent: Bool = false, after first: @escaping @Sendable () -> Void = {}) {
        guard opened == nil, opening == nil else { return }
        let opening = Opening()
        let open = self.open
        let work = OpeningWork {
            first()
            opening.finish(open())
        }
        let context = Unmanaged.passRetained(work).toOpaque()
        let started = csystem_start_thread(
            { context in Unmanaged<OpeningWork>.fromOpaque(context!).takeRetainedValue().run() }, context, 1 << 20,
            urgent ? 0 : 1)
        if started != 0 {
            // No thread to be had: the opening is done here.
            Unmanaged<OpeningWork>.fromOpaque(context).takeRetainedValue().run()
        }
        self.opening = opening
    }

    /// Work handed to a thread that C starts.
    private final class OpeningWork {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    /// A database opened on another thread, and why it fell back to memory.
    private final class Opening: Sendable {
        private let outcome = Mutex<(StateStore?, String?)?>(nil)
        private let done = DispatchSemaphore(value: 0)

        func finish(_ result: (StateStore?, String?)) {
            outcome.withLock { $0 = result }
            done.signal()
        }

        /// Waits for the opening to end.
        func result() -> (StateStore?, String?) {
            done.wait()
            return outcome.withLock { $0 } ?? (nil, nil)
        }
    }

    /// Empties the database's write-ahead log into its file (see `StateStore.checkpoint`), if it
    /// was opened: call it once the terminal is restored, as the run ends.
    public func checkpoint() {
        guard opened != nil || opening != nil else { return }
        store?.checkpoint()
    }

    func takeFailure() -> String? {
        defer { failure = nil }
        return failure
    }

    private func attempt<T>(_ fallback: T, _ body: (StateStore) throws(StoreError) -> T) -> T {
        guard let store else { return fallback }
        do {
            return try body(store)
        } catch {
            failure = error.description
            return fallback
        }
    }

    func readSlugs(forge: String, thread: String) -> Set<String> {
        attempt([]) { (store: StateStore) throws(StoreError) in try store.readSlugs(forge: forge, thread: thread) }
    }

    func markRead(forge: String, thread: String, slugs: [String]) {
        attempt(()) { (store: StateStore) throws(StoreError) in
            try store.markRead(forge: forge, thread: thread, slugs: slugs)
        }
    }

    func markUnread(forge: String, thread: String, slugs: [String]) {
        attempt(()) { (store: StateStore) throws(StoreError) in
            try store.markUnread(forge: forge, thread: thread, slugs: slugs)
        }
    }

    func readCounts(forge: String, threads: [String]) -> [String: Int] {
        attempt([:]) { (store: StateStore) throws(StoreError) in try store.readCounts(forge: forge, threads: threads) }
    }

    func draft(_ key: DraftKey) -> Draft? {
        if let kept = memoryDrafts[key] { return kept }
        return attempt(nil) { (store: StateStore) throws(StoreError) in try store.draft(key) }
    }

    /// Saves a draft; false (with the failure kept) when it could not be saved to disk, and then
    /// it is kept in memory for as long as Anvil runs.
    @discardableResult
    func saveDraft(_ key: DraftKey, text: String) -> Bool {
        let place = currentPlace
        let saved = attempt(false) { (store: StateStore) throws(StoreError) in
            try store.saveDraft(key, text: text, place: place)
            return true
        }
        if saved, !isMemoryOnly {
            memoryDrafts[key] = nil
            return true
        }
        memoryDrafts[key] = Draft(key: key, text: text, updated: Date(), place: place ?? memoryDrafts[key]?.place)
        return false
    }

    /// Every draft, on disk and in memory, the most recently saved first.
    func allDrafts() -> [Draft] {
        let stored = attempt([]) { (store: StateStore) throws(StoreError) in try store.allDrafts() }
        let merged = stored.filter { memoryDrafts[$0.key] == nil } + Array(memoryDrafts.values)
        return merged.sorted { $0.updated > $1.updated }
    }

    func deleteDraft(_ key: DraftKey) {
        memoryDrafts[key] = nil
        attempt(()) { (store: StateStore) throws(StoreError) in try store.deleteDraft(key) }
    }

    func recordFailure(_ key: DraftKey, message: String) {
        memoryDrafts[key]?.lastError = message
        attempt(()) { (store: StateStore) throws(StoreError) in _ = try store.recordFailure(key, message: message) }
    }

    func recordPlace(_ address: String, name: String?, unread: Int? = nil, at date: Date = Date()) {
        attempt(()) { (store: StateStore) throws(StoreError) in
            try store.recordPlace(address, name: name, unread: unread, at: date)
        }
    }

    func places(limit: Int) -> [Place] {
        attempt([]) { (store: StateStore) throws(StoreError) in try store.places(limit: limit) }
    }

    func saveSearch(_ search: StoredSearch) {
        attempt(()) { (store: StateStore) throws(StoreError) in try store.saveSearch(search) }
    }

    func forgetSearch(named name: String) -> Bool {
        attempt(false) { (store: StateStore) throws(StoreError) in try store.forgetSearch(named: name) }
    }

    func searches() -> [StoredSearch] {
        attempt([]) { (store: StateStore) throws(StoreError) in try store.searches() }
    }

    func tags(forge: String, tracker: String) -> Set<Int> {
        attempt([]) { (store: StateStore) throws(StoreError) in try store.tags(forge: forge, tracker: tracker) }
    }

    func setTags(_ numbers: Set<Int>, forge: String, tracker: String) {
        attempt(()) { (store: StateStore) throws(StoreError) in
            try store.setTags(numbers, forge: forge, tracker: tracker)
        }
    }

    /// "draft kept", saying where: on disk, or only in memory when the database is unusable.
    func keptWording(_ key: DraftKey) -> String {
        memoryDrafts[key] == nil ? "draft kept" : "draft kept in memory only (the state database is unusable)"
    }
}
