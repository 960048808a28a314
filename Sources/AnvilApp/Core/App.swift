import ForgeModel
import Foundation
import Store
import TerminalUI
import Text

/// Settings the app takes from the command line and the config.
public struct AppOptions {
    /// ASCII instead of line-drawing glyphs.
    public var asciiGlyphs = false
    /// How lists mark the selected row (config `cursor`).
    public var cursorStyle = CursorStyle.arrow
    /// Switches the terminal's theme (`:theme NAME`); nil when themes cannot change.
    public var applyTheme: ((String) throws -> Void)?
    /// Opens a web address outside Anvil; returns an error message on failure.
    public var openInBrowser: ((String) -> String?)?
    /// Recent places for the start view.
    public var history: HistoryStore?
    /// Opens a session for a forge other than the current one (`:open` with another host): of
    /// the kind named (as `kindProbe` found it), or with nil of the kind the config or the
    /// address tells.
    public var sessionForBase: ((URL, String?) throws -> ForgeSession)?
    /// Reads answer first from the cache (when the forges' transports keep answers).
    public var cacheFirst = false
    /// While answers keep coming (a long thread loading page after page), those that arrive
    /// within this long of the last frame are drawn together in the next one, so the rows are
    /// laid out once for several pages. A key is drawn at once.
    public var answerFrameInterval: Duration = .milliseconds(40)
    /// The first frame waits this long for the first answer when a view is loading: from a near
    /// forge (or the cache) the screen comes up with the content, not with a "Loading…" frame
    /// drawn just before it. A key is taken at once.
    public var firstAnswerWait: Duration = .milliseconds(25)
    /// A key that comes within this long of the one before (a held key repeating, keys typed
    /// ahead) leaves the title line as it was: its position counter would otherwise be rewritten
    /// at every step, which is most of what a one-line scroll costs over a slow link. The title
    /// catches up once the keys pause this long. Zero draws it at every key.
    public var keyRepeatWindow: Duration = .zero
    /// Reads come from the cache only, never the network (`--offline`, or a sync going over views
    /// it finished): each load reads once, with no cached copy shown ahead of an answer.
    public var cacheOnly = false
    /// Whether the forge at an address answers at all (any HTTP status), asked now and then while
    /// it cannot be reached so that Anvil notices it is back without a keystroke.
    public var probeReachability: (@Sendable (URL) async -> Bool)?
    /// Seconds between those questions.
    public var reachabilityInterval: Double = 15
    /// How long (seconds) a load that sent the first part of its answer waits, at most, until the
    /// part is on screen before it makes the rest: on a terminal, where the first frame should not
    /// share the machine with the rest of the page. 0 does not wait.
    public var partFrameWait: Double = 0
    /// The response cache (opened by the first call) that `:cache` shows and clears; nil without one.
    public var cache: (() -> ResponseCache?)?
    /// For a forge whose kind only a probe request can tell, that probe (returning the kind's
    /// name), which `:open` runs off the UI thread; nil when no probe is needed.
    public var kindProbe: ((URL) -> (@Sendable () async -> String)?)?
    public var now: () -> Date = { Date() }
    /// Read marks and drafts; nil keeps nothing between runs.
    public var state: LocalState?
    /// Hands text to the user's editor and returns what they saved; nil when they gave up.
    public var editText: ((String) -> String?)?
    /// Hands text to the user's editor and says how it ended; preferred over `editText`.
    public var editor: ((String) -> EditOutcome)?
    /// Open and closed statuses per tracker (`p/project/mount`), from the config's `[trackers]`.
    public var trackerStatuses: [String: TrackerStatuses] = [:]
    /// The user's named ticket searches (config `[searches]`).
    public var namedSearches: [SavedSearch] = []
    /// Load every page of lists and threads (for `dump --all`).
    public var loadEverything = false
    /// Give links on screen OSC 8 hyperlinks (see `HyperlinkSupport`); never in `dump`.
    public var hyperlinks = false
    /// `y` and `Y` copy with OSC 52 (config `osc52`).
    public var clipboard = true
    /// Runs a shell command with text on its standard input (`|`); returns an error message on
    /// failure.
    public var pipe: ((_ command: String, _ input: String) -> String?)?
    /// The home directory, for `~` in `:save`.
    public var homeDirectory: String?

    public init() {}
}

/// The UI: a stack of views, the key dispatch, the prompt and status line, and the loop that
/// waits for keys and network results on the main thread.
public final class App {
    public private(set) var stack: [ScreenView] = []
    public let device: TerminalDevice
    public let mailbox: Mailbox
    /// Frames put on the terminal so far (see `AppOptions.partFrameWait`).
    let framesShown = FramesShown()
    public var keymap: Keymap
    public var options: AppOptions
    /// The status line message and whether it is an error.
    public private(set) var message: (text: String, isError: Bool)?
    /// Every message of the session, oldest first, in full (`:messages`).
    public private(set) var messageLog: [LoggedMessage] = []
    /// The `:` or `/` prompt while it is open.
    public private(set) var prompt: LineEditor?
    public private(set) var isRunning = true
    /// What submitting the open prompt does, for prompts other than `:` and `/`.
    private var promptAction: ((String) -> Void)?
    private var promptChoices: [String] = []
    /// The open prompt takes one key (y or n) instead of a line.
    private var promptTakesOneKey = false
    private var inFlight: [Int: Int] = [:]
    /// The task of each read in flight, by request, so that leaving, reloading or `Esc` can
    /// cancel it (writes are not here: a write cut off may still have been stored).
    private var cancellableTasks: [Int: Task<Void, Never>] = [:]
    /// The view of each write in flight, by request: the answer reaches it even after the user
    /// left it, so a comment posted after all drops its draft, and one that failed keeps it as
    /// unsent.
    private var writers: [Int: ScreenView] = [:]
    /// Requests whose failure leaves the view as it is (tracker metadata, a project's tools).
    private var optionalRequests: Set<Int> = []
    /// Parts and cached copies shown before their loads ended.
    private var earlyAnswersShown = 0
    /// Work that waits for the next frame to be on screen (see ``afterNextFrame(_:)``).
    private var afterFrame: [() -> Void] = []
    /// Views whose places go into the history after the next frame (see ``recordPlace(_:)``).
    private var placesToRecord: [ScreenView] = []
    private var nextRequestID = 0
    private var commandHistory: [String] = []
    private var searchHistory: [String] = []
    /// Kept drafts being sent one after another from the outbox.
    var outboxRun: OutboxRun?
    /// The text of the draft a view is sending for the outbox: the editor is not run for it.
    var textToSend: String?

    public init(device: TerminalDevice, mailbox: Mailbox, keymap: Keymap = Keymap(), options: AppOptions = AppOptions())
    {
        self.device = device
        self.mailbox = mailbox
        self.keymap = keymap
        self.options = options
    }

    public var top: ScreenView? { stack.last }

    /// Requests in flight for any view.
    public var loadsInFlight: Int { inFlight.count }

    /// Whether the bottom line is a status line now: while a prompt is open, a message is shown or
    /// a request is in flight. Otherwise content reaches the bottom line, so that every row below
    /// the title scrolls as one region and a one-line scroll costs a line feed and the new line.
    public var showsStatusLine: Bool { prompt != nil || message != nil || !inFlight.isEmpty }

    /// Rows available for content: everything below the title line and above the status line.
    public var contentHeight: Int { max(1, device.height - (showsStatusLine ? 2 : 1)) }

    // MARK: Running

    /// Draws, waits for events and handles them until the user quits. Returns the exit status.
    public func run() -> Int32 {
        var dirty = true
        // Whether every event since the last frame was an answer from the network.
        var onlyAnswers = false
        // When the last frame drawn for answers alone was, while more were on their way.
        var lastAnswerFrame: ContinuousClock.Instant?
        // When the last key came, and whether the frame for this one keeps the title as it was.
        var lastKey: ContinuousClock.Instant?
        var holdTitle = false
        // The title line on screen is behind until this instant, unless a key comes first.
        var titleBehindUntil: ContinuousClock.Instant?
        func take(_ event: InputEvent) {
            if case .key = event {
                let now = ContinuousClock.now
                holdTitle = lastKey.map { $0.duration(to: now) < options.keyRepeatWindow } ?? false
                lastKey = now
            }
            handle(event)
            reportStateFailure()
            if case .wake = event {} else { onlyAnswers = false }
            dirty = true
        }
        awaitFirstAnswer(take: take)
        while isRunning, !stack.isEmpty {
            if dirty {
                if onlyAnswers, loadsInFlight > 0, let last = lastAnswerFrame,
                    case let left = options.answerFrameInterval - last.duration(to: .now), left > .zero
                {
                    let milliseconds = Int((left.nanoseconds + 999_999) / 1_000_000)
                    if let event = device.nextEvent(timeoutMilliseconds: max(1, milliseconds)) { take(event) }
                    continue
                }
                var canvas = render()
                titleBehindUntil = nil
                if holdTitle, let kept = canvasKeepingTitle(canvas) {
                    canvas = kept
                    titleBehindUntil = lastKey.map { $0 + options.keyRepeatWindow }
                }
                device.present(canvas)
                framesShown.presented()
                lastFrame = (canvas, top?.id)
                holdTitle = false
                runAfterFrame()
                lastAnswerFrame = onlyAnswers && loadsInFlight > 0 ? .now : nil
                dirty = false
                onlyAnswers = true
            }
            var wait: Int?
            if let behind = titleBehindUntil {
                let left = ContinuousClock.now.duration(to: behind)
                wait = max(0, Int((left.nanoseconds + 999_999) / 1_000_000))
            }
            guard let event = device.nextEvent(timeoutMilliseconds: wait) else {
                if titleBehindUntil != nil {
                    titleBehindUntil = nil
                    dirty = true
                }
                continue
            }
            take(event)
        }
        // Places visited with no frame since (keys typed ahead) are kept all the same.
        recordPlaces()
        return 0
    }

    /// Before the first frame, takes events for up to `firstAnswerWait` while the views' own
    /// loads are all still out and nothing of theirs has arrived; a key ends the wait at once.
    private func awaitFirstAnswer(take: (InputEvent) -> Void) {
        let essential = inFlight.count - optionalRequests.count
        guard essential > 0, options.firstAnswerWait > .zero else { return }
        let deadline = ContinuousClock.now + options.firstAnswerWait
        let shown = earlyAnswersShown
        while isRunning, inFlight.count - optionalRequests.count >= essential, earlyAnswersShown == shown {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { return }
            let milliseconds = Int((left.nanoseconds + 999_999) / 1_000_000)
            guard let event = device.nextEvent(timeoutMilliseconds: max(1, milliseconds)) else { continue }
            take(event)
            if case .key = event { return }
        }
    }

    /// Handles one event from the terminal.
    public func handle(_ event: InputEvent) {
        switch event {
        case .key(let key): handle(key)
        case .resize: top?.invalidate()
        case .wake: deliverMail()
        case .terminate: quit(force: true)
        }
    }

    /// Applies every result that arrived from the network.
    public func deliverMail() {
        for event in mailbox.takeAll() {
            switch event {
            case .notice(let text):
                note(text)
            case .warning(let text):
                note(text, error: true)
            case .forgeAnswers:
                if forgeWasUnreachable { forgeAnswersAgain(hint: " (r reloads)") }
            case .cachedCopy(let viewID, let requestID, let payload, let copy):
                guard inFlight[requestID] != nil, let view = stack.first(where: { $0.id == viewID }) else { continue }
                view.receive(payload, app: self)
                view.localCopy = copy
                view.invalidate()
                earlyAnswersShown += 1
                restorePlace(view)
                // A draft sent from the outbox is checked against what was shown when it was written.
                advanceOutboxRun()
            case .part(let viewID, let requestID, let payload):
                guard inFlight[requestID] != nil, let view = stack.first(where: { $0.id == viewID }) else { continue }
                view.receive(payload, app: self)
                view.invalidate()
                earlyAnswersShown += 1
            case .loaded(let viewID, let requestID, let result, let copy):
                cancellableTasks[requestID] = nil
                let writer = writers.removeValue(forKey: requestID)
                let isOptional = optionalRequests.remove(requestID) != nil
                guard inFlight.removeValue(forKey: requestID) != nil else { continue }
                guard let view = stack.first(where: { $0.id == viewID }) ?? writer else { continue }
                view.pendingLoads -= 1
                // A view the user left wants nothing it asks for while taking its write's answer.
                defer { if !stack.contains(where: { $0 === view }) { cancelLoads(of: view) } }
                deliveringWrite = writer != nil
                defer { deliveringWrite = false }
                switch result {
                case .success(.rendered(let key, let document)):
                    view.documents.store(document, for: key)
                    view.documentArrived()
                case .success(.forgeKind(let address, let base, let kind)):
                    do {
                        try openOtherForge(address, base: base, kind: kind)
                    } catch let error as ForgeError {
                        note(error.message, error: true)
                    } catch {
                        note("Cannot open \(Sanitizer.clean(address))", error: true)
                    }
                case .success(let payload):
                    view.localCopy = copy
                    noticeReachability(copy)
                    // The name a place is kept under improves as its view learns it.
                    if view === top { recordPlace(view) }
                    // Another load's success does not undo a failure: a view clears its error
                    // itself when what failed is shown after all, and on reload.
                    view.receive(payload, app: self)
                    view.invalidate()
                    restorePlace(view)
                    resumeSearch(view)
                case .failure where isOptional:
                    break
                case .failure(let error):
                    view.loadError = error
                    if view === top { note(error.message, error: true) }
                    view.loadFailed(error, app: self)
                }
                view.invalidate()
            }
        }
        advanceOutboxRun()
    }

    /// Whether the load whose answer is being handed to its view is a write (`cancellable: false`),
    /// so that a view with a write in flight does not take a failed read for the write's failure.
    public private(set) var deliveringWrite = false

    /// Whether the last load found the forge out of reach (and showed the cache instead).
    private var forgeWasUnreachable = false

    /// Asks now and then, while the forge cannot be reached, whether it answers again.
    private var reachabilityWatch: Task<Void, Never>? {
        didSet { oldValue?.cancel() }
    }

    /// Says so when a forge answers again after it could not be reached.
    private func noticeReachability(_ copy: LocalCopy?) {
        if copy?.isOffline == true {
            forgeWasUnreachable = true
            watchForTheForge()
        } else if forgeWasUnreachable, copy == nil {
            forgeAnswersAgain(hint: "")
        }
    }

    /// The forge answers again: says so and offers the texts that wait for it.
    private func forgeAnswersAgain(hint: String) {
        reachabilityWatch = nil
        forgeWasUnreachable = false
        note("Back online: the forge answers again" + hint)
        offerWaitingDrafts()
    }

    /// Starts asking whether the top view's forge answers again, unless already asking.
    private func watchForTheForge() {
        guard reachabilityWatch == nil, let probe = options.probeReachability, let base = top?.session.baseURL
        else { return }
        let (mailbox, interval) = (self.mailbox, options.reachabilityInterval)
        reachabilityWatch = Task.detached(executorPreference: LoadExecutor.shared) {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(interval))
                if Task.isCancelled { return }
                if await probe(base) {
                    mailbox.post(.forgeAnswers(base))
                    return
                }
            }
        }
    }

    /// Waits until no load is in flight (or `seconds` passed), applying results as they come.
    /// For `dump` and tests; the interactive loop never blocks on the network. What waits for a
    /// frame runs as if one were drawn, at the start and whenever the loads ran out (it may ask
    /// for more).
    @discardableResult
    public func settle(seconds: Double = 30) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        runAfterFrame()
        while !inFlight.isEmpty {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return false }
            _ = mailbox.waitForPost(seconds: left)
            deliverMail()
            if inFlight.isEmpty { runAfterFrame() }
        }
        return true
    }

    // MARK: Loading

    /// Runs `work` off the UI thread and hands its result to `view` on the UI thread. A
    /// `cancellable` load (a read) ends when the view is left or reloaded, or on `Esc`; a write
    /// passes false and always runs to its answer. A load that is not `essential` (what the view
    /// can do without) leaves the view as it is when it fails.
    ///
    /// A read (`fromCache`) answers first from the cache when it can, so that a view seen before
    /// shows at once, then asks the forge and shows its answer.
    public func load(
        for view: ScreenView, cancellable: Bool = true, essential: Bool = true, fromCache: Bool = true,
        _ work: @escaping @Sendable () async throws -> Payload
    ) {
        nextRequestID += 1
        let requestID = nextRequestID
        if !essential { optionalRequests.insert(requestID) }
        let viewID = view.id
        inFlight[requestID] = viewID
        view.pendingLoads += 1
        view.invalidate()
        let mailbox = self.mailbox
        let cacheFirst = fromCache && cancellable && options.cacheFirst && !options.cacheOnly
        let policy: Fetch.Policy = options.cacheOnly ? .localOnly : .network
        let (frames, frameWait) = (framesShown, options.partFrameWait)
        let parts = LoadPart { part in
            guard !Task.isCancelled else { return }
            let seen = frames.current
            mailbox.post(.part(viewID: viewID, requestID: requestID, payload: part))
            if frameWait > 0 { frames.wait(past: seen, timeout: frameWait) }
        }
        let task = Task.detached(executorPreference: LoadExecutor.shared) {
            if cacheFirst {
                let early = Fetch.Report()
                let payload = try? await Fetch.$policy.withValue(.localOnly) {
                    try await Fetch.$report.withValue(early) {
                        try await LoadPart.$current.withValue(parts) { try await work() }
                    }
                }
                if let payload, let storedAt = early.oldestLocalCopy, !Task.isCancelled {
                    mailbox.post(
                        .cachedCopy(
                            viewID: viewID, requestID: requestID, payload: payload,
                            localCopy: LocalCopy(storedAt: storedAt, isOffline: early.forgeUnreachable)))
                }
            }
            let report = Fetch.Report()
            let result: Result<Payload, ForgeError>
            do {
                result = .success(
                    try await Fetch.$policy.withValue(policy) {
                        try await Fetch.$report.withValue(report) {
                            try await LoadPart.$current.withValue(parts) { try await work() }
                        }
                    })
            } catch let error as ForgeError {
                result = .failure(error)
            } catch {
                result = .failure(.invalidResponse(String(describing: type(of: error))))
            }
            let copy = report.oldestLocalCopy.map { LocalCopy(storedAt: $0, isOffline: report.forgeUnreachable) }
            mailbox.post(.loaded(viewID: viewID, requestID: requestID, result: result, localCopy: copy))
        }
        if cancellable { cancellableTasks[requestID] = task } else { writers[requestID] = view }
    }

    /// Cancels the reads `view` has in flight; returns how many there were.
    @discardableResult
    public func cancelLoads(of view: ScreenView) -> Int {
        let requests = inFlight.filter { $0.value == view.id }.keys.filter { cancellableTasks[$0] != nil }
        for requestID in requests {
            cancellableTasks.removeValue(forKey: requestID)?.cancel()
            optionalRequests.remove(requestID)
            inFlight.removeValue(forKey: requestID)
            view.pendingLoads -= 1
        }
        if !requests.isEmpty { view.invalidate() }
        return requests.count
    }

    // MARK: Navigation

    /// Readies the threads loads run on, ahead of the first: call it early at start-up, so that
    /// the thread is there (about half a millisecond) before the first request is.
    public static func prepareLoads() {
        LoadExecutor.shared.warmUp()
    }

    /// Opens a route on `session` (the top view's session when nil) as a new view.
    public func open(_ route: Route, session: ForgeSession? = nil) {
        guard let session = session ?? top?.session else { return }
        let (view, note) = ViewFactory.view(for: route, session: session)
        push(view)
        if let note { self.note(note) }
    }

    /// Opens the start view: recent places and a prompt for a project or URL.
    public func openStart(session: ForgeSession) {
        recordPlaces()
        push(StartView(session: session, recent: options.history?.places ?? []))
    }

    /// Opens a URL or forge-relative path typed or passed by the user.
    public func open(address: String) {
        let input = address.trimmedOfSpaces
        guard !input.isEmpty else { return note("Usage: :open URL", error: true) }
        guard let current = top?.session else { return }
        // A bare name is a project, as the start view invites.
        if !input.contains("/"), !input.contains(":"), !input.contains(" ") {
            return open(.project(current.forge.project(named: input)), session: current)
        }
        do {
            switch try current.resolve(input) {
            case .route(let route):
                open(route, session: current)
            case .otherForge(let origin):
                if let probe = options.kindProbe?(origin), let view = top {
                    note(
                        "Asking \(Sanitizer.clean(origin.host ?? "the forge")) what kind of forge it is… (Esc cancels)")
                    load(for: view, fromCache: false) {
                        .forgeKind(address: input, base: origin, kind: await probe())
                    }
                    return
                }
                try openOtherForge(input, base: origin, kind: nil)
            }
        } catch let error as ForgeError {
            note(error.message, error: true)
        } catch {
            note("Cannot open \(Sanitizer.clean(input))", error: true)
        }
    }

    /// Opens `address` on a new session for the forge at `base`, of the kind named or told.
    private func openOtherForge(_ address: String, base: URL, kind: String?) throws {
        guard let factory = options.sessionForBase else {
            return note("Cannot open another forge from here", error: true)
        }
        let other = try factory(base, kind)
        open(try other.parse(address).route, session: other)
    }

    public func push(_ view: ScreenView) {
        stack.append(view)
        view.now = options.now
        view.asciiGlyphs = options.asciiGlyphs
        view.start(self)
        recordPlace(view)
    }

    /// Runs `work` on the UI thread once the next frame is on screen (or, without the run loop,
    /// when `settle` starts): for what a view can show a moment later — a breadcrumb's project,
    /// the history's write — so that it does not compete with the first frame for the CPU.
    public func afterNextFrame(_ work: @escaping () -> Void) {
        afterFrame.append(work)
    }

    private func runAfterFrame() {
        guard !afterFrame.isEmpty else { return }
        let work = afterFrame
        afterFrame = []
        for item in work { item() }
    }

    /// Puts `new` where `old` is in the stack (a view that resolved what to show).
    public func replace(_ old: ScreenView, with new: ScreenView, note: String? = nil) {
        guard let index = stack.firstIndex(where: { $0 === old }) else { return }
        cancelLoads(of: old)
        stack[index] = new
        new.now = options.now
        new.asciiGlyphs = options.asciiGlyphs
        new.start(self)
        recordPlace(new)
        if let note { self.note(note) }
    }

    /// Keeps `view`'s place in the history under the name its title line shows, and tells the
    /// local state where drafts written now belong. The history is written once the next frame
    /// is on screen: the database waits for nothing a first frame needs.
    func recordPlace(_ view: ScreenView) {
        options.state?.currentPlace = view.webURL
        guard options.history != nil, view.route != nil else { return }
        if placesToRecord.isEmpty { afterNextFrame { [weak self] in self?.recordPlaces() } }
        placesToRecord.removeAll { $0 === view }
        placesToRecord.append(view)
    }

    /// Writes the places `recordPlace` kept for after the frame, in the order they were visited,
    /// each under the name its title line shows now.
    private func recordPlaces() {
        let views = placesToRecord
        placesToRecord = []
        for view in views {
            guard let route = view.route else { continue }
            options.history?.record(view.session.forge.webURL(for: route), name: ScreenRenderer.breadcrumb(of: view))
        }
    }

    /// Keeps the unread posts of `view` (a thread being left) for the start view.
    private func recordUnread(_ view: ScreenView) {
        guard let unread = view.unreadCount, let route = view.route else { return }
        recordPlaces()
        options.history?.record(view.session.forge.webURL(for: route), unread: unread)
    }

    /// Leaves the top view; quits when it was the last.
    public func back() {
        if stack.count == 1, options.state?.hasMemoryOnlyDrafts == true { return quit() }
        if let view = stack.last {
            view.willClose(self)
            cancelLoads(of: view)
            // The unread count the start view shows is the one the user left.
            recordUnread(view)
        }
        stack.removeLast()
        if stack.isEmpty { isRunning = false }
        options.state?.currentPlace = top?.webURL
        top?.reappeared(self)
        top?.invalidate()
    }

    /// Quits; asks first when drafts exist only in memory (the state database is unusable) and
    /// would be lost, unless `force` (a signal asked the program to end).
    public func quit(force: Bool = false) {
        if !force, options.state?.hasMemoryOnlyDrafts == true {
            ask("Unsent drafts are only in memory and are lost on quit. Quit anyway? (y/N) ") { [unowned self] answer in
                if ["y", "yes"].contains(answer.trimmedOfSpaces.lowercased()) {
                    quit(force: true)
                } else {
                    note("Not quitting: the drafts are still here")
                }
            }
            return
        }
        for view in stack.reversed() {
            view.willClose(self)
            cancelLoads(of: view)
        }
        // Bottom first, so that the view on top stays the newest place.
        for view in stack { recordUnread(view) }
        reachabilityWatch = nil
        isRunning = false
    }

    /// "draft kept", or "draft kept in memory only" when the state database could not take it.
    func draftKept(_ key: DraftKey) -> String {
        options.state?.keptWording(key) ?? "draft kept in memory only (no state database)"
    }

    /// Shows a message on the status line and keeps it in the message log.
    public func note(_ text: String, error: Bool = false) {
        let clean = Sanitizer.clean(text)
        message = (clean, error)
        messageLog.append(LoggedMessage(text: clean, isError: error, time: options.now()))
        if messageLog.count > 1000 { messageLog.removeFirst(messageLog.count - 1000) }
    }

    /// Clears the status line message.
    public func clearNote() { message = nil }

    /// Shows a failure of the local state database, once.
    func reportStateFailure() {
        if let failure = options.state?.takeFailure() { note("Local state: \(failure)", error: true) }
    }

    func follow(_ target: Navigation?) {
        switch target {
        case .route(let route): open(route)
        case .browser(let url): openInBrowser(url)
        case .address(let address): open(address: address)
        case .note(let text): note(text)
        case nil: break
        }
    }

    /// Hands `url` to the browser: http(s) at once, any other scheme (`javascript:`, `file:`,
    /// `data:`, `ssh:`, ...) only after the user saw it and said yes.
    func openInBrowser(_ url: String?) {
        guard let url else { return note("Nothing to open in the browser here", error: true) }
        guard let opener = options.openInBrowser else { return note(url) }
        let launch = { [unowned self] in
            // No browser could run (over SSH, say): the address itself, in full in the log.
            if let failure = opener(url) {
                note("\(url) — \(failure); y copies it", error: true)
            } else {
                note("Opened \(url)")
            }
        }
        guard let scheme = WebLink.riskyScheme(of: url) else { return launch() }
        let shown = DisplayWidth.truncate(Sanitizer.clean(url), to: max(20, device.width / 2))
        ask("Open this \(Sanitizer.clean(scheme)): link outside Anvil? \(shown) (y/N) ") { [unowned self] answer in
            if ["y", "yes"].contains(answer.trimmedOfSpaces.lowercased()) {
                launch()
            } else {
                note("Not opened")
            }
        }
    }

    // MARK: Keys

    func handle(_ key: Key) {
        defer { advanceOutboxRun() }
        if prompt != nil { return handlePromptKey(key) }
        message = nil
        if key == .escape, let view = top, cancelLoads(of: view) > 0 {
            view.loadingStopped(self)
            view.documents.forgetStarted()
            return note("Stopped loading; r reloads")
        }
        guard let action = keymap.action(for: key) else {
            return note("\(KeyName.name(of: key)) does nothing here; press ? for help")
        }
        perform(action)
    }

    /// Performs an action on the top view.
    public func perform(_ action: Action) {
        guard let view = top else { return }
        if view.handle(action, app: self) { return }
        let rows = view.rows(width: device.width)
        let height = contentHeight
        let selectable: (Int) -> Bool = { rows[$0].selectable }
        view.settleCursor(rows: rows, height: height)
        switch action {
        case .moveDown: view.scroll.move(by: 1, rowCount: rows.count, height: height, selectable: selectable)
        case .moveUp: view.scroll.move(by: -1, rowCount: rows.count, height: height, selectable: selectable)
        case .pageDown: view.scroll.page(by: 1, rowCount: rows.count, height: height, selectable: selectable)
        case .pageUp: view.scroll.page(by: -1, rowCount: rows.count, height: height, selectable: selectable)
        case .scrollDown: view.scroll.scroll(by: 1, rowCount: rows.count, height: height, selectable: selectable)
        case .scrollUp: view.scroll.scroll(by: -1, rowCount: rows.count, height: height, selectable: selectable)
        case .first: view.scroll.select(0, rowCount: rows.count, height: height, selectable: selectable)
        case .last:
            let end = view.scroll.mode == .pager ? max(0, rows.count - height) : rows.count - 1
            view.scroll.select(end, rowCount: rows.count, height: height, selectable: selectable)
        case .open:
            guard view.scroll.mode == .list, rows.indices.contains(view.scroll.cursor) else { return }
            follow(rows[view.scroll.cursor].target)
        case .back: back()
        case .quit: quit()
        case .search: prompt = LineEditor(prompt: "/", history: searchHistory)
        case .searchNext: findMatch(forward: true)
        case .searchPrevious: findMatch(forward: false)
        case .help: push(HelpView(session: view.session, keymap: keymap))
        case .command: prompt = LineEditor(prompt: ":", history: commandHistory)
        case .reload:
            cancelLoads(of: view)
            let target =
                view.scroll.mode == .list && rows.indices.contains(view.scroll.cursor)
                ? rows[view.scroll.cursor].target : nil
            view.placeBeforeReload = (target, view.scroll.cursor, view.scroll.top)
            view.loadError = nil
            view.start(self)
            view.invalidate()
        case .openInBrowser: openInBrowser(currentWebURL(view, rows: rows))
        case .copyURL: ItemExport(app: self).copyURL(currentWebURL(view, rows: rows))
        case .copyText: ItemExport(app: self).copyText(view.itemText)
        case .pipe: ItemExport(app: self).pipe(view.itemText)
        case .followLink:
            ask("Follow link number: ") { [unowned self] text in followLink(text) }
        case .redraw: device.redrawAll()
        case .messages: push(MessagesView(session: view.session, messages: messageLog))
        case .nextItem: stepItem(by: 1)
        case .previousItem: stepItem(by: -1)
        default: note("\(action.rawValue) is not available in this view")
        }
        switch action {
        case .moveDown, .moveUp, .pageDown, .pageUp, .scrollDown, .scrollUp, .first, .last, .searchNext,
            .searchPrevious:
            view.cursorMoved(self)
        default: break
        }
    }

    /// `f N` and `:link N`: follows numbered link N of the top view.
    func followLink(_ text: String) {
        guard let view = top else { return }
        guard let number = Int(text.trimmedOfSpaces), number > 0 else {
            return note("Usage: f N Enter, or :link N (N the number shown after a link, [3])", error: true)
        }
        if !view.followLink(number: number, app: self) { note("No link [\(number)] here", error: true) }
    }

    /// The web address of the row under the cursor when it leads somewhere, else of the view.
    func currentWebURL(_ view: ScreenView, rows: [Row]) -> String? {
        if view.scroll.mode == .list, rows.indices.contains(view.scroll.cursor) {
            switch rows[view.scroll.cursor].target {
            case .browser(let url): return url
            case .route(let route): return view.session.forge.webURL(for: route)
            case .address(let address) where address.contains("://"): return address
            default: break
            }
        }
        return view.webURL
    }

    /// Opens a prompt labelled `label`; Tab completes from `choices` (by the last comma- or
    /// space-separated word); Enter calls `submit` with the text, Escape cancels.
    public func ask(_ label: String, initial: String = "", choices: [String] = [], submit: @escaping (String) -> Void) {
        prompt = LineEditor(prompt: label, text: initial)
        promptChoices = choices
        promptAction = submit
        promptTakesOneKey = false
    }

    /// Asks a yes-or-no question answered by one key: `y` calls `yes`; `n`, Escape or `q` cancel.
    /// Other keys leave the question open.
    public func confirm(_ question: String, no: String = "Nothing changed", yes: @escaping () -> Void) {
        prompt = LineEditor(prompt: question + " (y/n) ")
        promptChoices = []
        promptTakesOneKey = true
        promptAction = { [unowned self] answer in
            if answer == "y" { yes() } else { note(no) }
        }
    }

    private func completeChoice(_ text: String) -> [String] {
        let separators: Set<Character> = [" ", ","]
        let head = text.lastIndex { separators.contains($0) }.map { String(text[...$0]) } ?? ""
        let word = String(text.dropFirst(head.count))
        let bare = word.trimming(scalarsIn: "+-")
        let sign = String(word.prefix(word.count - bare.count))
        return promptChoices.filter { $0.hasPrefix(bare) }.map { head + sign + $0 }
    }

    /// The choices of the open prompt (what Tab completes from), for the status line.
    public var openPromptChoices: [String] { prompt == nil || promptAction == nil ? [] : promptChoices }

    private func handleOneKeyAnswer(_ key: Key) {
        let answer: String
        switch key {
        case .char("y"), .char("Y"): answer = "y"
        case .char("n"), .char("N"), .char("q"), .escape, .ctrl("c"), .ctrl("g"): answer = "n"
        default: return
        }
        let action = promptAction
        prompt = nil
        promptAction = nil
        promptTakesOneKey = false
        action?(answer)
    }

    private func handlePromptKey(_ key: Key) {
        guard var editor = prompt else { return }
        if promptTakesOneKey { return handleOneKeyAnswer(key) }
        if let action = promptAction {
            switch editor.handle(key, complete: { [unowned self] text in completeChoice(text) }) {
            case .editing: prompt = editor
            case .cancelled:
                prompt = nil
                promptAction = nil
                note("Cancelled")
            case .submitted(let text):
                prompt = nil
                promptAction = nil
                action(text)
            }
            return
        }
        let outcome = editor.handle(key) { [keymap] text in Commands.completions(for: text, keymap: keymap) }
        switch outcome {
        case .editing: prompt = editor
        case .cancelled: prompt = nil
        case .submitted(let text):
            prompt = nil
            if editor.prompt == "/" {
                if !text.isEmpty { searchHistory.append(text) }
                startSearch(text)
            } else {
                if !text.isEmpty { commandHistory.append(text) }
                Commands.run(text, app: self)
            }
        }
    }

    /// Opens the `:` prompt with `text` already typed.
    public func beginCommand(_ text: String) {
        prompt = LineEditor(prompt: ":", text: text, history: commandHistory)
    }

    // MARK: Search

    private func startSearch(_ query: String) {
        guard let view = top else { return }
        view.searchQuery = query.isEmpty ? nil : query
        view.searchMatchRow = nil
        guard view.searchQuery != nil else { return }
        findMatch(forward: true, includeCurrent: true)
    }

    /// Moves to the next (or previous) row matching the view's search, says which match of how
    /// many it is and whether the search wrapped, and, in a view that has not loaded everything,
    /// offers to load the rest and search it all.
    func findMatch(forward: Bool, includeCurrent: Bool = false) {
        guard let view = top else { return }
        guard let query = view.searchQuery else { return note("No search yet: press / to search", error: true) }
        let rows = view.rows(width: device.width)
        let matcher = SearchMatcher(query)
        let matching = rows.indices.filter { matcher.matches(rows[$0].line.text) }
        let unloaded = view.notLoadedSummary
        guard !matching.isEmpty else {
            guard let unloaded else { return note("Pattern not found: \(query)", error: true) }
            return offerToLoadAndSearch(
                view, question: "Pattern not found in what is loaded (\(unloaded)): load the rest and search it all?")
        }
        let start = view.searchMatchRow ?? (view.scroll.mode == .list ? view.scroll.cursor : view.scroll.top)
        let next =
            forward
            ? matching.first { includeCurrent ? $0 >= start : $0 > start }
            : matching.last { includeCurrent ? $0 <= start : $0 < start }
        let wrapped = next == nil
        guard let index = next ?? (forward ? matching.first : matching.last) else { return }
        show(match: index, rows: rows, in: view)
        view.cursorMoved(self)
        let ordinal = (matching.firstIndex(of: index) ?? 0) + 1
        var text =
            "/\(query): \(matching.count) matching line\(matching.count == 1 ? "" : "s") (\(ordinal) of \(matching.count)"
        if wrapped { text += forward ? "; wrapped to the top" : "; wrapped to the bottom" }
        text += ")"
        if let unloaded { text += "; searched what is loaded, \(unloaded)" }
        note(text)
        if wrapped, let unloaded {
            offerToLoadAndSearch(view, question: "The search wrapped (\(unloaded)): load the rest and search it all?")
        }
    }

    /// Shows match row `index`: a pager puts it at the top; a list puts the cursor on the row, or,
    /// when the row cannot take it (a post's body), on the selectable row above it.
    private func show(match index: Int, rows: [Row], in view: ScreenView) {
        view.searchMatchRow = index
        let height = contentHeight
        guard view.scroll.mode == .list else {
            return view.scroll.select(index, rowCount: rows.count, height: height) { _ in true }
        }
        var owner = index
        while owner > 0, !rows[owner].selectable { owner -= 1 }
        if !rows[owner].selectable { owner = index }
        view.scroll.select(owner, rowCount: rows.count, height: height) { rows[$0].selectable }
        if index >= view.scroll.top + height {
            view.scroll.place(cursor: owner, top: max(owner, index - height + 2))
            view.scroll.clamp(rowCount: rows.count, height: height)
        }
    }

    private func offerToLoadAndSearch(_ view: ScreenView, question: String) {
        confirm(question, no: "Searched only what is loaded") { [unowned self, weak view] in
            guard let view, view === top else { return }
            guard view.loadEverything(self) else { return note("Cannot load the rest here", error: true) }
            view.searchWhenLoaded = true
            note("Loading the rest to search it…")
        }
    }

    /// Runs the search again once a view that was asked to load everything has it all.
    private func resumeSearch(_ view: ScreenView) {
        guard view.searchWhenLoaded, view === top, view.pendingLoads == 0, view.notLoadedSummary == nil else { return }
        view.searchWhenLoaded = false
        view.searchMatchRow = nil
        findMatch(forward: true, includeCurrent: true)
    }

    /// After a reload, puts the cursor back on the item it was on (found by where its row leads),
    /// or where it was once the rows reach that far, keeping its row on screen.
    private func restorePlace(_ view: ScreenView) {
        guard let place = view.placeBeforeReload else { return }
        let rows = view.rows(width: device.width)
        let offset = place.cursor - place.top
        if let target = place.target, let index = rows.firstIndex(where: { $0.target == target }) {
            view.scroll.place(cursor: index, top: max(0, index - offset))
        } else if rows.count > place.cursor {
            view.scroll.place(cursor: place.cursor, top: place.top)
            // The item may be on a page still to come (or gone): keep looking while loads arrive.
            if view.pendingLoads > 0, place.target != nil { return view.cursorMoved(self) }
        } else if view.pendingLoads > 0 {
            return
        }
        view.placeBeforeReload = nil
        view.scroll.clamp(rowCount: rows.count, height: contentHeight)
        view.cursorMoved(self)
    }

    // MARK: Items

    /// `J`/`K`: leaves the item on top for the next (or previous) item of the list below it; with
    /// `unreadOnly`, for the next item with something unread. Says why when there is none, and
    /// returns whether it found one.
    @discardableResult
    func stepItem(by delta: Int, unreadOnly: Bool = false) -> Bool {
        guard stack.count >= 2, stack[stack.count - 2].scroll.mode == .list else {
            note(unreadOnly ? "Nothing unread here" : "Not inside an item of a list", error: !unreadOnly)
            return false
        }
        let list = stack[stack.count - 2]
        let rows = list.rows(width: device.width)
        var index = list.scroll.cursor + delta
        while rows.indices.contains(index), !rows[index].selectable || (unreadOnly && !list.rowHasUnread(index)) {
            index += delta
        }
        guard rows.indices.contains(index) else {
            if unreadOnly {
                note("Nothing unread here, nor further down the list")
            } else {
                note(delta > 0 ? "No next item" : "No previous item")
            }
            return false
        }
        list.scroll.select(index, rowCount: rows.count, height: contentHeight) { rows[$0].selectable }
        list.cursorMoved(self)
        guard case .route(let route) = rows[index].target else {
            let key = delta > 0 ? "J" : "K"
            note("The \(delta > 0 ? "next" : "previous") item is still loading: press \(key) again")
            return false
        }
        let old = stack.removeLast()
        old.willClose(self)
        cancelLoads(of: old)
        open(route, session: list.session)
        if unreadOnly { note("Nothing unread left there: the next item with unread posts") }
        return true
    }

    // MARK: Drawing

    /// The last frame `run` drew, and the view on top then.
    private var lastFrame: (canvas: Canvas, viewID: Int?)?

    /// `canvas` with the title line of the last frame, when that showed the same view at the same
    /// size with another title (see `AppOptions.keyRepeatWindow`); nil otherwise.
    private func canvasKeepingTitle(_ canvas: Canvas) -> Canvas? {
        guard let lastFrame, lastFrame.viewID == top?.id, lastFrame.canvas.width == canvas.width,
            lastFrame.canvas.height == canvas.height, canvas.height > 1,
            (0..<canvas.width).contains(where: { canvas[$0, 0] != lastFrame.canvas[$0, 0] })
        else { return nil }
        var kept = canvas
        for x in 0..<canvas.width { kept[x, 0] = lastFrame.canvas[x, 0] }
        return kept
    }

    /// Draws the whole screen into a fresh canvas.
    public func render() -> Canvas {
        let canvas = ScreenRenderer(app: self).render(width: device.width, height: device.height)
        if let view = top {
            let count = view.rows(width: device.width).count
            let start = min(view.scroll.top, count)
            view.didShow(rows: start..<min(count, start + contentHeight), app: self)
            view.documents.startWanted(for: view, app: self)
        }
        return canvas
    }
}

/// Which links may leave Anvil without asking.
enum WebLink {
    /// The scheme of `url` when it is not http or https (nil for web addresses): such links run
    /// code, read local files or start other programs, so the user confirms them first.
    static func riskyScheme(of url: String) -> String? {
        let trimmed = url.trimmedOfWhitespace
        guard let colon = trimmed.firstIndex(of: ":") else { return "unknown" }
        let scheme = trimmed[..<colon].lowercased()
        if scheme == "http" || scheme == "https" { return nil }
        return scheme.isEmpty ? "unknown" : scheme
    }
}
