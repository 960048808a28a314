import ForgeModel
import Foundation
import HTTP

/// Every kind of forge Anvil knows, and the choice of one for an address.
public enum BackendRegistry {
    /// In the order ties are settled and probes are tried; the first is the fallback.
    public static let kinds: [any BackendKind] = [AlluraKind(), GitLabKind(), TuleapKind()]

    /// The kind the config calls `name`.
    public static func kind(named name: String) -> (any BackendKind)? {
        kinds.first { $0.name == name }
    }

    /// The kind an address certainly is, from its shape alone.
    public static func recognised(_ url: URL) -> (any BackendKind)? {
        kinds.first { $0.recognise(url) == .certainly }
    }

    /// The kind used when nothing tells: what Anvil has always assumed.
    public static var fallback: any BackendKind { kinds[0] }

    /// Each kind's auth modes, by name (the default mode first), for checking the config.
    public static var authModes: [String: [String]] {
        Dictionary(uniqueKeysWithValues: kinds.map { ($0.name, $0.authModes) })
    }

    /// The first kind that may be `url`'s whose probe the server at `base` answers; nil when none
    /// does (unreachable, or not a forge Anvil knows).
    public static func probe(_ url: URL, base: URL, transport: any Transport) -> (any BackendKind)? {
        guard let name = Blocking.run({ await probeAsync(url, base: base, transport: transport)?.name }) ?? nil else {
            return nil
        }
        return kind(named: name)
    }

    /// `probe` for async callers; stops at cancellation.
    public static func probeAsync(_ url: URL, base: URL, transport: any Transport) async -> (any BackendKind)? {
        for kind in kinds where kind.recognise(url) != .not {
            guard let probe = kind.probe, !Task.isCancelled else { continue }
            if await probe.matches(base: base, transport: transport) { return kind }
        }
        return nil
    }
}

/// Runs async work to completion from synchronous code (the launcher's, before the UI runs).
enum Blocking {
    static func run<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T? {
        let done = DispatchSemaphore(value: 0)
        let result = ResultBox<T>()
        Task.detached {
            result.set(await work())
            done.signal()
        }
        done.wait()
        return result.get()
    }
}

/// A value handed from one thread to another, under a lock.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T?

    func set(_ new: T) { lock.withLock { value = new } }
    func get() -> T? { lock.withLock { value } }
}
