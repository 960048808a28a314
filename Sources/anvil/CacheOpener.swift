import Foundation
import HTTP
import Store
import Synchronization

/// The response cache, opened once on first use and shared by every forge of the session: nil
/// with `--no-cache`, or when its file cannot be used (then `warning` says why and Anvil runs on
/// without it).
final class CacheOpener: Sendable {
    private let path: String?
    private typealias State = (opened: Bool, cache: ResponseCache?, warning: String?)
    private let state = Mutex<State>((false, nil, nil))

    /// - Parameter path: the cache file, nil for no cache.
    init(path: String?) {
        self.path = path
    }

    /// The cache, opened with `capacity` bytes (0: no cache) the first time.
    func cache(capacity: Int) -> ResponseCache? { open(capacity: capacity).cache }
    /// Why the cache could not be opened, once it was tried.
    var warning: String? { state.withLock { $0.warning } }

    /// Empties the cache's write-ahead log into its file if it was opened (see
    /// ``ResponseCache/checkpoint()``): when a command is done.
    func checkpoint() {
        state.withLock { $0.cache }?.checkpoint()
    }

    private func open(capacity: Int) -> (cache: ResponseCache?, warning: String?) {
        let path = capacity > 0 ? self.path : nil
        return state.withLock { (current: inout State) -> (cache: ResponseCache?, warning: String?) in
            if !current.opened, let path {
                do {
                    current.cache = try ResponseCache(path: path, capacity: capacity)
                } catch {
                    current.warning =
                        "\(error)".replacingOccurrences(of: "state store", with: "cache")
                        + " (running without a cache)"
                }
            }
            current.opened = true
            return (current.cache, current.warning)
        }
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
