import ForgeModel
import Foundation
import Synchronization

/// Where a caching transport keeps answers: by forge and URL.
public protocol ResponseStoring: Sendable {
    /// The stored answer to `GET url` and when the forge last confirmed it.
    func storedResponse(forge: String, url: String) -> (response: HTTPResponse, storedAt: Date)?
    func keep(_ response: HTTPResponse, forge: String, url: String)
    /// The forge confirmed the stored answer (`304 Not Modified`).
    func confirm(forge: String, url: String)
    /// Why nothing can be stored or found (a cache file that could not be opened); nil when the
    /// store works.
    var unavailableReason: String? { get }
}

extension ResponseStoring {
    public var unavailableReason: String? { nil }
}

/// The repository layer under every backend: every successful read is kept, a read with a kept
/// answer is revalidated with `If-None-Match`/`If-Modified-Since` (a `304` costs no body), and a
/// forge that cannot be reached is answered from what was kept. Under `Fetch.Policy.localOnly`, or
/// offline, reads never touch the network. Writes pass through.
public struct CachingTransport: Transport {
    let inner: any Transport
    let store: any ResponseStoring
    /// The forge's base URL: answers are kept per forge.
    let forge: String
    /// `--offline`: every read comes from the store.
    let offline: Bool

    public init(_ inner: any Transport, store: any ResponseStoring, forge: String, offline: Bool = false) {
        self.inner = inner
        self.store = store
        self.forge = forge
        self.offline = offline
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method.uppercased() == "GET" else { return try await inner.send(request) }
        let key = request.url.absoluteString
        let kept = store.storedResponse(forge: forge, url: key)
        if offline || Fetch.policy == .localOnly {
            guard let kept else {
                if offline, let reason = store.unavailableReason {
                    throw ForgeError.unsupported("--offline needs the cache, and it could not be opened: \(reason)")
                }
                throw ForgeError.notCached
            }
            Fetch.report?.answeredLocally(storedAt: kept.storedAt, unreachable: offline)
            return kept.response
        }
        var request = request
        if let kept {
            if let tag = kept.response.header("etag") { request.headers["If-None-Match"] = tag }
            if let date = kept.response.header("last-modified") { request.headers["If-Modified-Since"] = date }
        }
        let response: HTTPResponse
        do {
            response = try await inner.send(request)
        } catch let error as ForgeError {
            guard let kept, Self.isUnreachable(error) else { throw error }
            Fetch.report?.answeredLocally(storedAt: kept.storedAt, unreachable: true)
            return kept.response
        }
        if response.status == 304, let kept {
            store.confirm(forge: forge, url: key)
            return kept.response
        }
        if response.status == 200 { store.keep(response, forge: forge, url: key) }
        return response
    }

    /// Failures that say nothing about the resource, only that the forge is out of reach.
    static func isUnreachable(_ error: ForgeError) -> Bool {
        switch error {
        case .offline, .timeout, .tls: return true
        default: return false
        }
    }
}

/// What went over the network: answers and their body bytes (for `anvil sync`'s progress).
public final class TransferCounter: Sendable {
    private let counts = Mutex<(answers: Int, bytes: Int)>((0, 0))

    public init() {}

    func add(bytes: Int) { counts.withLock { $0 = ($0.answers + 1, $0.bytes + bytes) } }

    /// Answers received and their body bytes so far.
    public var totals: (answers: Int, bytes: Int) { counts.withLock { $0 } }
}

/// Counts the answers `inner` receives.
public struct CountingTransport: Transport {
    let inner: any Transport
    let counter: TransferCounter

    public init(_ inner: any Transport, counter: TransferCounter) {
        self.inner = inner
        self.counter = counter
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let response = try await inner.send(request)
        counter.add(bytes: response.body.count)
        return response
    }
}
