import Foundation
import HTTP
import Store
import Synchronization

/// The response cache, opened once on first use and shared by every forge of the session: nil
/// with `--no-cache`, or when its file cannot be used (then `warning` says why, `onFailure` is
/// told, and Anvil runs on without it).
final class CacheOpener: Sendable {
    private let path: String?
    private let onFailure: @Sendable (String) -> Void
    /// `failure`: why the file could not be used.
    private typealias State = (opened: Bool, cache: ResponseCache?, failure: String?)
    private let state = Mutex<State>((false, nil, nil))

    /// - Parameters:
    ///   - path: the cache file, nil for no cache.
    ///   - onFailure: called once, with the warning, when the file cannot be used.
    init(path: String?, onFailure: @escaping @Sendable (String) -> Void = { _ in }) {
        self.path = path
        self.onFailure = onFailure
    }

    /// Whether there is a cache to open: a path, and room for it.
    func isConfigured(capacity: Int) -> Bool { path != nil && capacity > 0 }

    /// The cache as a transport keeps answers in it, opened by its first use: by the first read,
    /// on the load's thread, so that the UI thread starts the terminal meanwhile.
    func store(capacity: Int) -> some ResponseStoring { OpenedOnUse(opener: self, capacity: capacity) }

    /// The cache, opened with `capacity` bytes (0: no cache) the first time.
    func cache(capacity: Int) -> ResponseCache? { open(capacity: capacity) }

    /// Opens the cache now if it is to be used (see `cache(capacity:)`): on a thread beside the UI
    /// thread at start-up, so that the first read, which waits for it, finds it open.
    func openNow(capacity: Int) { _ = open(capacity: capacity) }

    /// Why the cache could not be opened, once it was tried.
    var warning: String? { failure.map(Self.warning) }
    /// Why the cache file could not be used, once it was tried.
    var failure: String? { state.withLock { $0.failure } }

    /// Empties the cache's write-ahead log into its file if it was opened (see
    /// ``ResponseCache/checkpoint()``): when a command is done.
    func checkpoint() {
        state.withLock { $0.cache }?.checkpoint()
    }

    private func open(capacity: Int) -> ResponseCache? {
        let path = capacity > 0 ? self.path : nil
        let (opened, failedNow) = state.withLock { (current: inout State) -> (State, Bool) in
            var failedNow = false
            if !current.opened, let path {
                do {
                    current.cache = try ResponseCache(path: path, capacity: capacity)
                } catch {
                    current.failure = "\(error)".replacingOccurrences(of: "state store", with: "cache")
                    failedNow = true
                }
            }
            current.opened = true
            return (current, failedNow)
        }
        if failedNow, let failure = opened.failure { onFailure(Self.warning(failure)) }
        return opened.cache
    }

    private static func warning(_ failure: String) -> String { failure + " (running without a cache)" }
}

/// The cache of a `CacheOpener`, opened when a transport first asks it.
private struct OpenedOnUse: ResponseStoring {
    let opener: CacheOpener
    let capacity: Int

    func storedResponse(forge: String, url: String) -> (response: HTTPResponse, storedAt: Date)? {
        opener.cache(capacity: capacity)?.storedResponse(forge: forge, url: url)
    }

    func keep(_ response: HTTPResponse, forge: String, url: String) {
        opener.cache(capacity: capacity)?.keep(response, forge: forge, url: url)
    }

    func confirm(forge: String, url: String) {
        opener.cache(capacity: capacity)?.confirm(forge: forge, url: url)
    }

    var unavailableReason: String? {
        opener.cache(capacity: capacity) == nil ? opener.failure ?? "the cache is turned off" : nil
    }
}

/// The cache as the caching transport stores answers.
extension ResponseCache: ResponseStoring {
    public func storedResponse(forge: String, url: String) -> (response: HTTPResponse, storedAt: Date)? {
        response(forge: forge, url: url).map {
            (HTTPResponse(status: $0.status, headers: $0.headers, body: $0.body), $0.storedAt)
        }
    }

    public func keep(_ response: HTTPResponse, forge: String, url: String) {
        store(
            CachedResponse(status: response.status, headers: response.headers, body: response.body, storedAt: Date()),
            forge: forge, url: url)
    }
}
