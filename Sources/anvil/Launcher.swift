import AnvilApp
import ArgumentParser
import Backends
import CursesBackend
import DemoForge
import ForgeModel
import Foundation
import HTTP
import Store
import TerminalUI
import Text

/// Turns the command line and the config into a running app, a dump, or a demo server.
struct Launcher {
    let common: CommonOptions
    let environment: [String: String]
    /// Notices from forges (rate-limit countdowns) for the status line, once the UI runs.
    let notices = NoticeRelay()
    /// Every forge's answers, kept to show again at once and offline.
    let cache: CacheOpener
    /// The proxies named in the environment, read once for every transport.
    let proxies: ProxySettings

    init(common: CommonOptions) {
        self.common = common
        self.environment = ProcessEnvironment.variables()
        self.proxies = ProxySettings(environment: environment)
        let cacheFile = AnvilPaths(environment: environment).cacheDirectory + "/" + ResponseCache.fileName
        let notices = self.notices
        self.cache = CacheOpener(path: common.noCache ? nil : cacheFile) { notices.warn($0) }
        // ANVIL_TOKEN is read here, once: no program Anvil starts inherits it.
        unsetenv("ANVIL_TOKEN")
    }

    // MARK: Commands

    func browse(url: String?, theme: String?) throws -> Int32 {
        // Last, after the terminal is restored.
        defer { cache.checkpoint() }
        App.prepareLoads()
        let config = try loadConfig()
        // The databases open on one thread beside the UI thread, which reads the command line,
        // makes the session and starts the terminal meanwhile: the cache first (a cached view's
        // first read waits for it), then the state (its first use is when an answer is shown).
        let stateDirectory = AnvilPaths(environment: environment).stateDirectory
        let state = LocalState(path: stateDirectory + "/" + StateStore.fileName)
        defer { state.checkpoint() }
        let (cache, cacheBytes, demo) = (self.cache, config.cacheBytes, common.demo)
        // A view is read from the cache first when there is one: then its first read waits for it.
        let cacheFirst = !demo && cache.isConfigured(capacity: cacheBytes)
        state.openInBackground(urgent: cacheFirst) { if !demo { cache.openNow(capacity: cacheBytes) } }
        let (session, route) = try start(url: url, config: config)
        let themeName = theme ?? config.theme
        let wake: WakeSignal
        do { wake = try WakeSignal() } catch { throw fail(error.description) }
        let terminal: CursesTerminal
        do {
            // The theme is read once the first request is on its way (below), before curses starts.
            terminal = try CursesTerminal(
                wake: wake, theme: Theme(name: themeName, styles: [:]), colorsEnabled: !noColor)
        } catch {
            // A theme that cannot be used is the first thing said wrong, with or without a terminal.
            _ = try startingTheme(themeName)
            throw fail(String(describing: error))
        }
        defer { terminal.shutdown() }
        let mailbox = Mailbox(onPost: { wake.signal() })
        notices.connect(mailbox)
        var options = AppOptions()
        options.trackerStatuses = config.trackerStatuses
        options.namedSearches = config.searches.map { SavedSearch(name: $0.name, query: $0.query) }
        options.asciiGlyphs = config.ascii || themeName == "mono"
        options.cursorStyle = config.cursor
        options.keyRepeatWindow = .milliseconds(150)
        options.partFrameWait = 0.1
        options.state = state
        options.history = HistoryStore(state: state, importingPath: stateDirectory + "/history")
        options.applyTheme = { name in terminal.theme = try self.loadTheme(name) }
        options.openInBrowser = { url in Browser.open(url, environment: environment, terminal: terminal) }
        options.hyperlinks = HyperlinkSupport.enabled(configured: config.osc8, environment: environment)
        terminal.hyperlinks = options.hyperlinks
        terminal.insideTmux = !(environment["TMUX"] ?? "").isEmpty
        options.clipboard = config.osc52
        options.pipe = { command, input in
            ShellPipe.run(command, input: input, environment: environment, terminal: terminal)
        }
        options.homeDirectory = environment["HOME"]
        options.editor = { text in Editor.edit(text, environment: environment, terminal: terminal) }
        if !common.demo, cache.isConfigured(capacity: config.cacheBytes) {
            let (opener, capacity) = (cache, config.cacheBytes)
            options.cache = { opener.cache(capacity: capacity) }
            options.cacheFirst = true
            // Offline, every read is the kept copy: one pass takes it, where "cached copy first,
            // then the forge" would decode and render each page twice.
            options.cacheOnly = common.offline
        }
        options.sessionForBase = { base, kind in try self.makeSession(for: base, config: config, kind: kind) }
        options.kindProbe = { base in self.kindProbe(for: base, config: config) }
        if !common.offline, !common.demo {
            // Any answer at all (a 404, a page too large to keep) means the forge can be reached.
            // The transport is made when a question is asked, not at start-up.
            options.probeReachability = { base in
                do {
                    let probes = SocketTransport(timeout: 5, deadline: 10, maximumBodyBytes: 1 << 16, proxies: proxies)
                    _ = try await probes.send(HTTPRequest(url: base))
                    return true
                } catch ForgeError.offline, ForgeError.timeout, ForgeError.tls {
                    return false
                } catch {
                    return true
                }
            }
        }
        let app = App(device: terminal, mailbox: mailbox, keymap: config.keymap, options: options)
        if let route {
            app.open(route, session: session)
        } else {
            app.openStart(session: session)
        }
        // The theme is read and curses started (reading the terminal's database) while the first
        // request is on its way.
        terminal.theme = try startingTheme(themeName)
        do { try terminal.start() } catch { throw fail(error.description) }
        let status = app.run()
        // The session's objects go with the process, not one by one: freeing a 10,000-post thread's
        // posts, rows and views only delays the shell's prompt. (The terminal is restored and the
        // cache's log emptied by the deferred calls above, as before.)
        _ = Unmanaged.passRetained(app)
        // Ended by a signal: the shell convention, 128 + its number (the terminal is restored
        // by the deferred shutdown before the process exits).
        if let signal = terminal.terminationSignal { return 128 + signal }
        return status
    }

    /// `anvil sync`: loads `url`'s view with everything, and `depth` links deep, into the cache;
    /// a progress line on a terminal, nothing otherwise.
    func sync(url: String, depth: Int) throws {
        defer { cache.checkpoint() }
        let config = try loadConfig()
        guard !common.demo else { throw fail("sync keeps a forge's answers for offline reading; the demo needs none") }
        guard !common.offline else { throw fail("sync needs the network: drop --offline") }
        let text = url.trimmedOfWhitespace
        let home = config.defaultForge.url
        let base = ForgeSession.absoluteURL(text) ?? Self.address(text, under: home)
        let counter = TransferCounter()
        let session: ForgeSession
        do {
            session = try makeSession(for: base, config: config, isStartForge: true, counting: counter)
        } catch let error as ForgeError {
            throw fail(error.message, status: 2)
        }
        guard cache.cache(capacity: config.cacheBytes) != nil else {
            throw fail(cache.warning ?? "sync needs the cache, and cache_mb is 0 or --no-cache was given")
        }
        let route = try parse(url, on: session).route
        let onTerminal = isatty(2) == 1
        let started = Date()
        // A sync cut short picks up where it stopped: the views it finished come from the cache.
        let journal = SyncJournal(
            directory: AnvilPaths(environment: environment).cacheDirectory,
            address: session.forge.webURL(for: route), depth: depth)
        if journal.resumable > 0, onTerminal {
            FileHandle.standardError.write(
                Data("resuming an unfinished sync: \(journal.resumable) views are in the cache already\n".utf8))
        }
        func progress(_ outcome: Sync.Outcome, final: Bool) {
            guard onTerminal else { return }
            let (answers, bytes) = counter.totals
            let seconds = max(0.001, Date().timeIntervalSince(started))
            let views = outcome.views
            var line =
                "synced \(views) view\(views == 1 ? "" : "s"), \(answers) pages, \(Self.size(bytes)), "
                + "\(Self.size(Int(Double(bytes) / seconds)))/s"
            if outcome.resumed > 0 { line += " (\(outcome.resumed) from the unfinished run)" }
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line + (final ? "\n" : "")).utf8))
        }
        do {
            let outcome = try Sync.run(route, session: session, depth: depth, journal: journal) {
                progress($0, final: false)
            }
            progress(outcome, final: true)
            if outcome.failed > 0 {
                throw fail(
                    "sync incomplete: \(outcome.failed) of \(outcome.views + outcome.failed) views could not be loaded "
                        + "(\(outcome.firstFailure ?? "unknown")); the same command again resumes")
            }
        } catch let error as ForgeError {
            if onTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            throw fail(error.message)
        }
    }

    static func size(_ bytes: Int) -> String {
        bytes < 1 << 20
            ? String(format: "%.1f KiB", Double(bytes) / 1024) : String(format: "%.1f MiB", Double(bytes) / 1_048_576)
    }

    func dump(url: String, width: Int, all: Bool) throws -> String {
        defer { cache.checkpoint() }
        let config = try loadConfig()
        let (session, route) = try start(url: url, config: config)
        guard let route else { throw fail("dump needs a URL") }
        do {
            var options = AppOptions()
            options.loadEverything = all
            return try Dump.render(route, session: session, width: width, options: options)
        } catch let error as ForgeError {
            throw fail(error.message)
        }
    }

    static func serveDemo(kind: DemoKind, port: Int, latencyMilliseconds: Int, seed: UInt64) throws {
        let forge: any DemoResponder
        switch kind {
        case .allura:
            var options = DemoForge.Options()
            options.latency = .milliseconds(latencyMilliseconds)
            forge = DemoForge(seed: seed, options: options)
        case .gitlab:
            forge = GitLabDemoForge(seed: seed, latency: .milliseconds(latencyMilliseconds))
        case .tuleap:
            forge = TuleapDemoForge(latency: .milliseconds(latencyMilliseconds))
        }
        try DemoServer.runForever(forge: forge, port: UInt16(port))
    }

    // MARK: Wiring

    private var noColor: Bool { !(environment["NO_COLOR"] ?? "").isEmpty }

    private func loadConfig() throws -> AnvilConfig {
        if common.demo && common.config == nil { return AnvilConfig.empty }
        do {
            return try AnvilConfig.load(path: common.config, environment: environment, kinds: Self.forgeKinds)
        } catch {
            throw fail(error.message, status: 2)
        }
    }

    /// The kinds of forge the config may name, as the registry knows them.
    static let forgeKinds = ForgeKinds(
        authModes: BackendRegistry.authModes, recognise: { BackendRegistry.recognised($0)?.name })

    private func loadTheme(_ name: String) throws(ThemeError) -> Theme {
        let theme = try ThemeLoader.load(named: name, environment: environment)
        return noColor ? theme.withoutColors() : theme
    }

    /// The theme Anvil starts with: one that cannot be used ends the start with status 2.
    private func startingTheme(_ name: String) throws -> Theme {
        do { return try loadTheme(name) } catch { throw fail(error.message, status: 2) }
    }

    /// The session and the route to open for a URL (nil: the start view).
    private func start(url: String?, config: AnvilConfig) throws -> (ForgeSession, Route?) {
        if common.demo {
            let (session, home) = try demoSession()
            guard let url else { return (session, home) }
            return (session, try parse(url, on: session).route)
        }
        // The forge opened at start (the URL's, else the default) is the one ANVIL_TOKEN is for.
        let home = config.defaultForge.url
        guard let url else { return (try session(for: home, config: config, isStartForge: true), nil) }
        // An address with a host belongs to that host's forge; a path to the default forge (its
        // shape, read under the forge's URL, may tell which kind of forge that is).
        let text = url.trimmedOfWhitespace
        let base = ForgeSession.absoluteURL(text) ?? Self.address(text, under: home)
        let session = try session(for: base, config: config, isStartForge: true)
        return (session, try parse(url, on: session).route)
    }

    /// A relative path read under a forge's URL (itself when that fails or leaves the forge).
    static func address(_ path: String, under home: URL) -> URL {
        let root = home.absoluteString.hasSuffix("/") ? home.absoluteString : home.absoluteString + "/"
        let relative = path.drop { $0 == "/" }
        guard let url = URL(string: root + relative), url.host == home.host, url.port == home.port else { return home }
        return url
    }

    private func parse(_ url: String, on session: ForgeSession) throws -> (base: URL, route: Route) {
        do {
            return try session.parse(url)
        } catch let error as ForgeError {
            throw fail(error.message, status: 2)
        }
    }

    /// The embedded demo forge of the kind `--demo` names, and its main project.
    private func demoSession() throws -> (ForgeSession, Route) {
        let kind = common.demoKind ?? .allura
        let responder: any DemoResponder
        let base: URL
        let token: String
        let mainProject: String
        switch kind {
        case .allura:
            var options = DemoForge.Options()
            options.latency = .milliseconds(common.demoLatency)
            base = DemoForge.defaultBaseURL
            responder = DemoForge(seed: 1, baseURL: base, options: options)
            token = DemoNames.demoToken
            mainProject = DemoNames.mainProject
        case .gitlab:
            base = GitLabDemoForge.defaultBaseURL
            responder = GitLabDemoForge(seed: 1, baseURL: base, latency: .milliseconds(common.demoLatency))
            token = GitLabDemoNames.demoToken
            mainProject = GitLabDemoNames.mainProject
        case .tuleap:
            base = TuleapDemoForge.defaultBaseURL
            responder = TuleapDemoForge(baseURL: base, latency: .milliseconds(common.demoLatency))
            token = TuleapDemoNames.demoKey
            mainProject = TuleapDemoNames.mainProject
        }
        guard let backend = BackendRegistry.kind(named: kind.rawValue) else {
            throw fail("No \(kind.rawValue) backend for its demo", status: 2)
        }
        do {
            let forge = try backend.makeForge(
                ForgeRecipe(
                    baseURL: base, token: token, transport: DemoTransport(forge: responder), displayName: "demo"))
            return (ForgeSession(forge: forge, baseURL: base), .project(forge.project(named: mainProject)))
        } catch {
            throw fail("The demo forge is misconfigured: \(error)")
        }
    }

    /// A session for the forge serving `base` (an address on it), of the kind the registry finds.
    /// `ANVIL_TOKEN` goes only to the start forge; other
    /// forges get their configured token or none.
    func session(for base: URL, config: AnvilConfig, isStartForge: Bool = false) throws -> ForgeSession {
        do {
            return try makeSession(for: base, config: config, isStartForge: isStartForge)
        } catch let error as ForgeError {
            throw fail(error.message, status: 2)
        }
    }

    /// A session for the forge serving `base`, of the kind named (as a probe found it) or, with
    /// nil, of the kind the config, the address or a probe tells. Prints nothing: the UI's
    /// `:open` shows the error on the status line.
    /// - Throws: `ForgeError` for an unknown forge, an unusable credential or kind.
    func makeSession(
        for base: URL, config: AnvilConfig, isStartForge: Bool = false, kind kindName: String? = nil,
        counting: TransferCounter? = nil
    ) throws -> ForgeSession {
        guard let forgeConfig = config.forge(forURL: base) else { throw ForgeError.invalidURL(base.absoluteString) }
        do {
            let token = try CredentialResolver.token(
                for: forgeConfig, environment: environment, isStartForge: isStartForge)
            try CredentialResolver.checkTransport(url: forgeConfig.url, hasToken: token != nil)
            var transport: any Transport = PacedTransport(
                SocketTransport(maximumBodyBytes: config.maximumResponseBytes, proxies: proxies))
            if let counting { transport = CountingTransport(transport, counter: counting) }
            if cache.isConfigured(capacity: config.cacheBytes) {
                // Opened by the first read, off the UI thread (see `CacheOpener.store`); offline,
                // a cache that cannot be opened fails each read with the reason.
                transport = CachingTransport(
                    transport, store: cache.store(capacity: config.cacheBytes),
                    forge: forgeConfig.url.absoluteString, offline: common.offline)
            } else if common.offline {
                throw ForgeError.unsupported("--offline needs the cache, and it is turned off")
            }
            let kind =
                try kindName.flatMap(BackendRegistry.kind(named:))
                ?? kindFinder().kind(of: base, base: forgeConfig.url, configured: forgeConfig.kind)
            var recipe = ForgeRecipe(
                baseURL: forgeConfig.url, token: token, auth: forgeConfig.auth, transport: transport)
            recipe.username = forgeConfig.username
            let notices = self.notices
            recipe.notice = { notices.post($0) }
            let forge = try kind.makeForge(recipe)
            let withheld = CredentialResolver.withholdsEnvironmentToken(
                from: forgeConfig, environment: environment, isStartForge: isStartForge)
            return ForgeSession(forge: forge, baseURL: forgeConfig.url, withholdsToken: withheld)
        } catch let error as ConfigError {
            throw ForgeError.unsupported(error.message)
        }
    }

    /// Decides kinds of forges, probing with a small, quick transport: a probe must not keep the
    /// user waiting long on a silent server.
    private func kindFinder() -> KindFinder {
        let probes = SocketTransport(timeout: 5, deadline: 10, maximumBodyBytes: 1 << 20, proxies: proxies)
        let memory = KindMemory(directory: AnvilPaths(environment: environment).stateDirectory)
        return KindFinder(memory: memory, transport: probes)
    }

    /// The probe `:open` runs off the UI thread for an address whose kind of forge only a probe
    /// can tell; nil when the config, the address or an earlier probe tells already.
    func kindProbe(for base: URL, config: AnvilConfig) -> (@Sendable () async -> String)? {
        guard let forgeConfig = config.forge(forURL: base) else { return nil }
        let finder = kindFinder()
        do {
            // Told already, or a configured kind Anvil does not know: opening says so.
            if try finder.knownKind(of: base, base: forgeConfig.url, configured: forgeConfig.kind) != nil { return nil }
        } catch {
            return nil
        }
        let root = forgeConfig.url
        return { await finder.probedKind(of: base, base: root).name }
    }

    /// Prints `message` to stderr as one sanitised line and returns the exit to throw.
    private func fail(_ message: String, status: Int32 = 1) -> ExitCode {
        FileHandle.standardError.write(Data("anvil: \(Sanitizer.clean(message))\n".utf8))
        return ExitCode(status)
    }
}

/// Hands web addresses to the user's browser.
enum Browser {
    /// Runs `$BROWSER` (with `%s` replaced, or the URL appended) or `xdg-open`, with the screen
    /// given back to the terminal meanwhile. Returns an error message on failure; without
    /// `$BROWSER` and without a display (over SSH) nothing is run and the message says so.
    static func open(_ url: String, environment: [String: String], terminal: TerminalDevice) -> String? {
        let configured = environment["BROWSER"].flatMap { $0.isEmpty ? nil : $0 }
        let hasDisplay = [environment["DISPLAY"], environment["WAYLAND_DISPLAY"]].contains { !($0 ?? "").isEmpty }
        #if os(Linux)
            if configured == nil, !hasDisplay { return "no browser here (no $BROWSER and no display)" }
        #endif
        let browser = configured ?? "xdg-open"
        let script =
            browser.contains("%s") ? browser.replacingOccurrences(of: "%s", with: "\"$1\"") : browser + " \"$1\""
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, "anvil-browser", url]
        process.environment = CredentialResolver.childEnvironment(environment)
        var failure: String?
        terminal.suspendScreen {
            do {
                try process.run()
                process.waitUntilExit()
                if process.terminationStatus != 0 {
                    failure = "the browser command failed (status \(process.terminationStatus))"
                }
            } catch {
                failure = "cannot run the browser command: \(browser)"
            }
        }
        return failure
    }
}

/// Hands text to `$VISUAL` or `$EDITOR` (else `vi`) in a private temporary file.
enum Editor {
    /// The edited text; abandoned when the editor could not run; failed (with what the file held)
    /// when it exited with a non-zero status, so the caller keeps that as a draft.
    static func edit(_ text: String, environment: [String: String], terminal: TerminalDevice) -> EditOutcome {
        let command = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("anvil-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            return .failed(reason: "Cannot make a file for the editor", text: nil)
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("comment.md")
        guard
            FileManager.default.createFile(
                atPath: file.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { return .failed(reason: "Cannot make a file for the editor", text: nil) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " \"$1\"", "anvil-editor", file.path]
        process.environment = CredentialResolver.childEnvironment(environment)
        var status: Int32 = -1
        terminal.suspendScreen {
            do {
                try process.run()
                process.waitUntilExit()
                status = process.terminationStatus
            } catch {
                status = -1
            }
        }
        let written = try? String(contentsOf: file, encoding: .utf8)
        guard status == 0 else {
            let reason = status < 0 ? "Cannot run the editor (\(command))" : "The editor exited with status \(status)"
            return .failed(reason: reason, text: written)
        }
        return written.map { .saved($0) } ?? .abandoned
    }
}

/// Runs a shell command with text on its standard input (`|`), on the terminal the screen gives
/// back meanwhile, then waits for Enter so its output can be read.
enum ShellPipe {
    /// Returns an error message when the command could not run or failed.
    static func run(
        _ command: String, input: String, environment: [String: String], terminal: TerminalDevice
    )
        -> String?
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = CredentialResolver.childEnvironment(environment)
        let stdin = Pipe()
        process.standardInput = stdin
        var failure: String?
        terminal.suspendScreen {
            do {
                try process.run()
                // A command that does not read all of it (head) closes the pipe: not an error.
                let previous = signal(SIGPIPE, SIG_IGN)
                try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
                try? stdin.fileHandleForWriting.close()
                signal(SIGPIPE, previous)
                process.waitUntilExit()
                if process.terminationStatus != 0 {
                    failure = "The command exited with status \(process.terminationStatus): \(command)"
                }
            } catch {
                failure = "Cannot run the command: \(command)"
            }
            FileHandle.standardOutput.write(Data("\n[Press Enter to return to Anvil]".utf8))
            _ = readLine()
        }
        return failure
    }
}
