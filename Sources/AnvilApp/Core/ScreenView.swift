import ForgeModel
import Foundation
import Store
import Synchronization
import TerminalUI
import Text

/// The base of every view: a list of rows built for a width, a cursor or scroll position, and
/// the loads it started. Subclasses build rows from what they loaded and may handle extra actions.
open class ScreenView {
    private static let counter = Atomic<Int>(0)

    /// Identifies the view in load results.
    public let id: Int
    public let session: ForgeSession
    public var scroll: ScrollState
    /// The text searched for with `/`, if any.
    public var searchQuery: String?
    /// The row of the match `n`/`N` last moved to.
    public var searchMatchRow: Int?
    /// Search again once everything is loaded (the user asked to load the rest and search it).
    public var searchWhenLoaded = false
    /// Where the cursor was before a reload: the row's target, the cursor and the window's top.
    var placeBeforeReload: (target: Navigation?, cursor: Int, top: Int)?
    /// Requests in flight for this view.
    public internal(set) var pendingLoads = 0
    /// The last load failure, shown in place of content when nothing loaded.
    public var loadError: ForgeError?
    private var cachedRows: (width: Int, rows: [Row])?
    /// The current time, for relative dates; the app sets it so tests can pin it.
    public var now: () -> Date = Date.init
    /// Draw tree lines in ASCII (the config's `ascii`, and the `mono` theme).
    public var asciiGlyphs = false

    public init(session: ForgeSession, mode: ScrollState.Mode) {
        self.id = ScreenView.counter.add(1, ordering: .relaxed).newValue
        self.session = session
        self.scroll = ScrollState(mode: mode)
    }

    /// What the cursor marks on the selected row: nil for the row's text, or only the cells drawn
    /// in this role when the row has any (a thread marks the author, so following the cursor
    /// while scrolling rewrites a name, not a whole header).
    open var cursorRole: Role? { nil }

    /// Cells of one row drawn in the cursor's colours over the row's own: a page's selected link.
    open var markedCells: (row: Int, columns: Range<Int>)? { nil }

    /// Breadcrumb parts after the forge name.
    open var crumbs: [String] { [] }

    /// The place this view shows, for history and the browser.
    open var route: Route? { nil }

    /// The web page of what is under the cursor, or of the view itself.
    open var webURL: String? { route.map { session.forge.webURL(for: $0) } }

    /// The text of the item under the cursor, or of the view's own item, for `Y`, `|` and
    /// `:save`; nil when there is none (a list of projects).
    open var itemText: ItemText? { nil }

    /// Web addresses of the links on rows `visible`, for OSC 8 hyperlinks: the row, its columns
    /// and where the link leads on the web.
    open func hyperlinks(rows visible: Range<Int>) -> [PlacedHyperlink] { [] }

    /// Follows numbered link `number` (`f N`); false when the view has no such link.
    open func followLink(number: Int, app: App) -> Bool { false }

    /// Starts the loads the view needs. Called once when the view is opened, and on reload.
    open func start(_ app: App) {}

    /// Takes a load result.
    open func receive(_ payload: Payload, app: App) {}

    /// Called after a frame showed rows `visible` of this view.
    open func didShow(rows visible: Range<Int>, app: App) {}

    /// Set while what the view shows came from the cache: the title line says how old it is.
    public var localCopy: LocalCopy?

    /// Renders the view's long Markdown texts off the UI thread.
    public final let documents = DocumentRenderer()

    /// A long text's rendering arrived: the view is built again with it.
    open func documentArrived() { invalidate() }

    /// Fetches what rows `rows` need beyond their page (a topic's author). Called for the rows on
    /// screen by views that need it, and for every row by `dump`.
    open func loadDetails(rows: Range<Int>, app: App) {}

    /// Whether row `index` has something unread (`Tab` at the end of a thread looks for the next
    /// such item in the list the thread was opened from).
    open func rowHasUnread(_ index: Int) -> Bool { true }

    /// Called when the view is on top again after the view above it closed.
    open func reappeared(_ app: App) {}

    /// Called when the view leaves the stack.
    open func willClose(_ app: App) {}

    /// Called after the cursor or the window moved, so the view can fetch rows coming into view.
    open func cursorMoved(_ app: App) {}

    /// The user stopped the view's reads (`Esc`): pages asked for may be asked for again.
    open func loadingStopped(_ app: App) {}

    /// A load this view started failed; `loadError` is already set.
    open func loadFailed(_ error: ForgeError, app: App) {}

    /// What the view has not loaded, e.g. "1,700 posts not loaded"; nil when it shows everything.
    /// Search and `dump` say so instead of presenting part of a list as the whole.
    open var notLoadedSummary: String? { nil }

    /// Starts loading everything not loaded yet; false when the view cannot.
    open func loadEverything(_ app: App) -> Bool { false }

    /// How sure the list is of its length, for the position on the title line: exact (`12/230`),
    /// an upper bound (`12/≤240`: the forge counted items the user may not see), or a floor
    /// (`42/100+`: the forge gives no total and more may follow).
    open var countForm: CountForm { .exact }

    open func position(rows: [Row], height: Int) -> String? {
        guard !rows.isEmpty else { return nil }
        if scroll.mode == .pager {
            if rows.count <= height { return "All" }
            if scroll.top == 0 { return "Top" }
            if scroll.top + height >= rows.count { return "Bot" }
            return "\((scroll.top + height) * 100 / rows.count)%"
        }
        let selectable = selectableRows(rows)
        guard !selectable.isEmpty else { return nil }
        let ordinal = selectable.partitioningIndex { $0 >= scroll.cursor }
        return "\(min(ordinal + 1, selectable.count))/" + countForm.text(selectable.count, ascii: asciiGlyphs)
    }

    /// The indices of the rows that can take the cursor, computed once per build of the rows.
    public final func selectableRows(_ rows: [Row]) -> [Int] {
        if let cached = cachedSelectable, cached.count == rows.count { return cached.indices }
        let indices = rows.indices.filter { rows[$0].selectable }
        cachedSelectable = (rows.count, indices)
        return indices
    }

    private var cachedSelectable: (count: Int, indices: [Int])?

    /// Handles a view-specific action; returns false to let the app handle it.
    open func handle(_ action: Action, app: App) -> Bool { false }

    /// Posts not read yet, for views of a thread (the start view shows it beside the place).
    var unreadCount: Int? { nil }

    /// Sends `draft`, written in this view, through the path its key takes here (`app.edit`
    /// hands back the draft's text instead of running the editor). The outbox calls this.
    func sendDraft(_ draft: Draft, app: App) -> DraftSendStart {
        .cannot("it cannot be sent from \(crumbs.last ?? "here")")
    }

    /// Sends a draft by performing `action`, as its key would, once `ready` (what the action
    /// needs has arrived).
    final func sendDraft(by action: Action, when ready: Bool, app: App) -> DraftSendStart {
        guard ready else { return .waiting }
        _ = handle(action, app: app)
        return .started
    }

    /// Builds the rows for `width` columns. Called again only after `invalidate()` or a new width.
    open func buildRows(width: Int) -> [Row] { [] }

    /// The rows for `width`, built once per width and content change.
    public final func rows(width: Int) -> [Row] {
        if let cached = cachedRows, cached.width == width { return cached.rows }
        let rows = buildRows(width: width)
        cachedRows = (width, rows)
        cachedSelectable = nil
        return rows
    }

    /// In a list, puts the cursor on the nearest row that can take it (a heading cannot), keeping
    /// the window where it is when that row is visible.
    public final func settleCursor(rows: [Row], height: Int) {
        guard scroll.mode == .list, rows.indices.contains(scroll.cursor), !rows[scroll.cursor].selectable else {
            return
        }
        let top = scroll.top
        scroll.select(scroll.cursor, rowCount: rows.count, height: height) { rows[$0].selectable }
        if scroll.cursor < top + height { scroll.place(cursor: scroll.cursor, top: top) }
    }

    /// Marks the rows as stale after the content changed.
    public final func invalidate() {
        cachedRows = nil
        cachedSelectable = nil
    }

    /// Rows shown while loading or after a failure; nil when there is content to show.
    public func stateRows(what: String) -> [Row]? {
        if let error = loadError {
            return [Row(Sanitizer.clean(error.message), .error), Row("Press r to try again.", .muted)]
        }
        if pendingLoads > 0 { return [Row("Loading \(what)…", .placeholder)] }
        return nil
    }
}

extension Array where Element == Int {
    /// The first index whose element satisfies `belongs`, for a sorted array (binary search).
    func partitioningIndex(where belongs: (Int) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if belongs(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}

/// How sure a list is of its length.
public enum CountForm: Sendable {
    case exact
    /// The count is an upper bound.
    case atMost
    /// The count is what is known so far; more may follow.
    case atLeast

    /// `230`, `≤240` (`<=240` in ASCII) or `100+`.
    public func text(_ count: Int, ascii: Bool) -> String {
        switch self {
        case .exact: return "\(count)"
        case .atMost: return (ascii ? "<=" : "≤") + "\(count)"
        case .atLeast: return "\(count)+"
        }
    }
}
