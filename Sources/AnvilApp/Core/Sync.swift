import ForgeModel
import Foundation

/// `anvil sync`: loads a view with everything it has (every page of a list or thread) so that the
/// forge's answers land in the cache, then, `depth` links deep, the views its rows open.
public enum Sync {
    /// The most views one sync visits, whatever the depth.
    public static let maximumViews = 5_000

    /// What a sync did.
    public struct Outcome: Equatable, Sendable {
        /// Views loaded from the forge.
        public var fetched = 0
        /// Views an earlier, unfinished run of the same sync had loaded: read back from the cache.
        public var resumed = 0
        /// Views the forge refused or does not have (not retried: a resumed sync skips them too).
        public var refused = 0
        /// Views that could not be loaded for now (the link, a timeout, a server error), and the
        /// first reason: a later run of the same sync tries them again.
        public var failed = 0
        public var firstFailure: String?
        public var views: Int { fetched + resumed }
    }

    /// Loads `route` and what it links to, `depth` levels deep, each view once; `visited` is called
    /// after each view with what was done so far. With a `journal`, views an unfinished earlier
    /// run finished are read from the cache (for their links) instead of the forge, and each view
    /// finished now is written to it; a run that loaded every view clears it.
    /// - Throws: the failure of the first view (a later view's failure is skipped).
    public static func run(
        _ route: Route, session: ForgeSession, depth: Int, timeout: Double = 120, journal: SyncJournal? = nil,
        visited: (Outcome) -> Void = { _ in }
    ) throws -> Outcome {
        var queue: [(Route, Int)] = [(route, 0)]
        var seen: Set<Route> = [route]
        var outcome = Outcome()
        while !queue.isEmpty, outcome.views < maximumViews {
            let (next, level) = queue.removeFirst()
            let address = session.forge.webURL(for: next)
            var links: [Route]?
            if journal?.wasRefused(address) == true {
                outcome.refused += 1
                continue
            }
            if journal?.isDone(address) == true {
                links = try? load(next, session: session, timeout: timeout, cacheOnly: true)
                if links != nil { outcome.resumed += 1 }
            }
            if links == nil {
                do {
                    links = try load(next, session: session, timeout: timeout, cacheOnly: false)
                } catch {
                    if outcome.views == 0 { throw error }
                    if let error = error as? ForgeError, !Self.isWorthRetrying(error) {
                        outcome.refused += 1
                        journal?.refused(address)
                        continue
                    }
                    outcome.failed += 1
                    outcome.firstFailure =
                        outcome.firstFailure ?? (error as? ForgeError)?.message ?? "\(type(of: error))"
                    continue
                }
                outcome.fetched += 1
                journal?.finished(address)
            }
            visited(outcome)
            guard level < depth else { continue }
            for link in links ?? [] where seen.insert(link).inserted { queue.append((link, level + 1)) }
        }
        if outcome.failed == 0, queue.isEmpty { journal?.complete() }
        return outcome
    }

    /// Whether a later run may load what failed with `error` (the link, time, the server), as
    /// opposed to what this user may not see or the forge does not have.
    static func isWorthRetrying(_ error: ForgeError) -> Bool {
        switch error {
        case .unauthorized, .forbidden, .notFound, .methodNotAllowed, .unsupported, .validation, .invalidURL,
            .insecureToken, .http:
            return false
        default:
            return true
        }
    }

    /// Loads one view with everything, and returns the routes its rows open.
    static func load(_ route: Route, session: ForgeSession, timeout: Double, cacheOnly: Bool) throws -> [Route] {
        var options = AppOptions()
        options.loadEverything = true
        options.cacheOnly = cacheOnly
        guard let (_, view) = try Dump.loaded(route, session: session, width: 100, options: options, timeout: timeout)
        else { return [] }
        return view.rows(width: 100).compactMap { row in
            if case .route(let link)? = row.target { return link }
            return nil
        }
    }
}

/// The views one sync (an address and a depth) has finished, in a file under the cache
/// directory, one web address a line (`!` before those the forge refused), so that a sync cut
/// short (Ctrl-C, a dropped link) starts again where it stopped. The file goes when the sync
/// completes.
public final class SyncJournal {
    public let path: String
    private var done: Set<String> = []
    private var refusals: Set<String> = []
    private var handle: FileHandle?

    /// The journal of syncing `address` `depth` deep, in `directory`.
    public init(directory: String, address: String, depth: Int) {
        path = directory + "/sync-" + Self.name(of: "\(depth) \(address)")
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") {
            if line.hasPrefix("!") { refusals.insert(String(line.dropFirst())) } else { done.insert(String(line)) }
        }
    }

    /// How many views the unfinished earlier run finished.
    public var resumable: Int { done.count }

    func isDone(_ address: String) -> Bool { done.contains(address) }

    func wasRefused(_ address: String) -> Bool { refusals.contains(address) }

    /// Notes that `address` is loaded and in the cache.
    func finished(_ address: String) {
        guard done.insert(address).inserted else { return }
        append(address)
    }

    /// Notes that the forge refused `address` (or does not have it): not asked again.
    func refused(_ address: String) {
        guard refusals.insert(address).inserted else { return }
        append("!" + address)
    }

    private func append(_ line: String) {
        guard !line.contains("\n") else { return }
        if handle == nil {
            if !FileManager.default.fileExists(atPath: path) {
                FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            handle = FileHandle(forWritingAtPath: path)
            handle?.seekToEndOfFile()
        }
        handle?.write(Data((line + "\n").utf8))
    }

    /// The sync went through: the next one starts afresh.
    func complete() {
        try? handle?.close()
        handle = nil
        done = []
        refusals = []
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A file name for `text`: its 64-bit FNV-1a hash in hex, the same in every run.
    static func name(of text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
