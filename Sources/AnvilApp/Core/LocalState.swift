import Foundation
import Store

/// The app's window on the local state database: read marks and drafts. A failing database never
/// stops browsing: calls fall back to "nothing known" and the failure is kept for the status line.
public final class LocalState {
    let store: StateStore
    /// The last failure, taken (and cleared) by the app to show it once.
    private(set) var failure: String?

    public init(store: StateStore) {
        self.store = store
    }

    func takeFailure() -> String? {
        defer { failure = nil }
        return failure
    }

    private func attempt<T>(_ fallback: T, _ body: () throws(StoreError) -> T) -> T {
        do {
            return try body()
        } catch {
            failure = error.description
            return fallback
        }
    }

    func readSlugs(forge: String, thread: String) -> Set<String> {
        attempt([]) { () throws(StoreError) in try store.readSlugs(forge: forge, thread: thread) }
    }

    func markRead(forge: String, thread: String, slugs: [String]) {
        attempt(()) { () throws(StoreError) in try store.markRead(forge: forge, thread: thread, slugs: slugs) }
    }

    func readCounts(forge: String, threads: [String]) -> [String: Int] {
        attempt([:]) { () throws(StoreError) in try store.readCounts(forge: forge, threads: threads) }
    }

    func draft(_ key: DraftKey) -> Draft? {
        attempt(nil) { () throws(StoreError) in try store.draft(key) }
    }

    /// Saves a draft; false (with the failure kept) when it could not be saved.
    @discardableResult
    func saveDraft(_ key: DraftKey, text: String) -> Bool {
        attempt(false) { () throws(StoreError) in
            try store.saveDraft(key, text: text)
            return true
        }
    }

    func deleteDraft(_ key: DraftKey) {
        attempt(()) { () throws(StoreError) in try store.deleteDraft(key) }
    }

    func recordFailure(_ key: DraftKey, message: String) {
        attempt(()) { () throws(StoreError) in _ = try store.recordFailure(key, message: message) }
    }
}
