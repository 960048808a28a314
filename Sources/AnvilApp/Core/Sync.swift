import ForgeModel

/// `anvil sync`: loads a view with everything it has (every page of a list or thread) so that the
/// forge's answers land in the cache, then, `depth` links deep, the views its rows open.
public enum Sync {
    /// The most views one sync visits, whatever the depth.
    public static let maximumViews = 5_000

    /// Loads `route` and what it links to, `depth` levels deep, each view once; `visited` is called
    /// after each view with the number loaded so far.
    /// - Returns: how many views were loaded.
    /// - Throws: the failure of the first view (a later view's failure is skipped).
    public static func run(
        _ route: Route, session: ForgeSession, depth: Int, timeout: Double = 120,
        visited: (Int) -> Void = { _ in }
    ) throws -> Int {
        var queue: [(Route, Int)] = [(route, 0)]
        var seen: Set<Route> = [route]
        var loaded = 0
        while !queue.isEmpty, loaded < maximumViews {
            let (next, level) = queue.removeFirst()
            let links: [Route]
            do {
                links = try load(next, session: session, timeout: timeout)
            } catch {
                if loaded == 0 { throw error }
                continue
            }
            loaded += 1
            visited(loaded)
            guard level < depth else { continue }
            for link in links where seen.insert(link).inserted { queue.append((link, level + 1)) }
        }
        return loaded
    }

    /// Loads one view with everything, and returns the routes its rows open.
    static func load(_ route: Route, session: ForgeSession, timeout: Double) throws -> [Route] {
        var options = AppOptions()
        options.loadEverything = true
        guard let (_, view) = try Dump.loaded(route, session: session, width: 100, options: options, timeout: timeout)
        else { return [] }
        return view.rows(width: 100).compactMap { row in
            if case .route(let link)? = row.target { return link }
            return nil
        }
    }
}
