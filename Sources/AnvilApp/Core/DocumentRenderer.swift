import ForgeModel
import Synchronization
import Text

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The Markdown a view shows, rendered off the UI thread when it is long, so that a huge
/// description or post never holds up keys. A short text renders at once; a long one shows a
/// line saying it is being rendered until its document arrives, and the view is then built again.
public final class DocumentRenderer {
    /// Texts up to this many bytes render at once (a few milliseconds at most).
    static let immediateBytes = 16 * 1024

    /// A rendering's text and settings. Texts are hashed and compared by their UTF-8 bytes:
    /// String's own hash and `==` normalise non-ASCII text (Unicode canonical equivalence) on
    /// every lookup, which for post bodies cost more than the rest of the lookup. Two texts that
    /// are equivalent but spelled differently render apart, as they may well look apart.
    public struct Key: Hashable, Sendable {
        var text: String
        var width: Int
        var dialect: MarkupDialect
        var firstLinkNumber: Int?

        public static func == (a: Key, b: Key) -> Bool {
            guard a.width == b.width, a.dialect == b.dialect, a.firstLinkNumber == b.firstLinkNumber else {
                return false
            }
            var (x, y) = (a.text, b.text)
            return x.withUTF8 { xs in
                y.withUTF8 { ys in
                    xs.count == ys.count && (xs.isEmpty || memcmp(xs.baseAddress!, ys.baseAddress!, xs.count) == 0)
                }
            }
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(width)
            hasher.combine(dialect)
            hasher.combine(firstLinkNumber)
            var text = self.text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// Documents rendered ahead on a load's thread (a thread's page as it arrives), which the
    /// first `render` asking for one takes instead of rendering it on the UI thread.
    public let prepared = PreparedDocuments()

    private var ready: [Key: RenderedDocument] = [:]
    private var wanted: [Key] = []
    private var started: Set<Key> = []

    /// The document of `text` at `width`, and whether it is the real one: until a long text's
    /// rendering arrives, a one-line stand-in.
    func render(
        _ text: String, width: Int, dialect: MarkupDialect, firstLinkNumber: Int? = nil
    ) -> (document: RenderedDocument, isReady: Bool) {
        guard text.utf8.count > Self.immediateBytes else {
            let key = Key(text: text, width: width, dialect: dialect, firstLinkNumber: firstLinkNumber)
            if let document = prepared.take(key) { return (document, true) }
            return (
                MarkdownRenderer.render(text, width: width, dialect: dialect, firstLinkNumber: firstLinkNumber), true
            )
        }
        let key = Key(text: text, width: width, dialect: dialect, firstLinkNumber: firstLinkNumber)
        if let document = ready[key] { return (document, true) }
        if !started.contains(key), !wanted.contains(key) { wanted.append(key) }
        let size = (text.utf8.count + 1023) / 1024
        let line = StyledLine(DisplayWidth.truncate("Rendering \(size) KB of text…", to: max(1, width)), .placeholder)
        return (RenderedDocument(lines: [line]), false)
    }

    /// Whether a rendering was asked for that has not arrived.
    var isWaiting: Bool { !wanted.isEmpty || !started.isEmpty }

    /// Hands the renderings asked for since the last call to background tasks.
    func startWanted(for view: ScreenView, app: App) {
        let keys = wanted
        wanted = []
        for key in keys {
            started.insert(key)
            app.load(for: view, essential: false, fromCache: false) {
                .rendered(
                    key,
                    MarkdownRenderer.render(
                        key.text, width: key.width, dialect: key.dialect, firstLinkNumber: key.firstLinkNumber))
            }
        }
    }

    /// Keeps an arrived document; renderings of the same text at other widths are dropped.
    func store(_ document: RenderedDocument, for key: Key) {
        started.remove(key)
        for old in ready.keys where old.text == key.text && old.width != key.width { ready[old] = nil }
        ready[key] = document
    }

    /// A rendering that was stopped (Esc, leaving) may be asked for again.
    func forgetStarted() { started = [] }
}

/// Renderings made off the UI thread ahead of need, by the batch (a page) they were made for.
public final class PreparedDocuments: Sendable {
    private struct Store {
        var documents: [DocumentRenderer.Key: (batch: Int, document: RenderedDocument)] = [:]
        /// Batches whose rows are built: nothing is prepared for them again.
        var finished: Set<Int> = []
    }
    private let store = Mutex(Store())

    /// Whether batch `batch` may still take prepared documents (its rows are not built yet).
    public func wants(batch: Int) -> Bool { store.withLock { !$0.finished.contains(batch) } }

    /// Renders `text` as `DocumentRenderer.render` would at `width`, for batch `batch`, and
    /// returns its number of lines. Long texts are left to the renderer's own background path
    /// (nil).
    @discardableResult
    public func prepare(_ text: String, width: Int, dialect: MarkupDialect, firstLinkNumber: Int?, batch: Int) -> Int? {
        guard text.utf8.count <= DocumentRenderer.immediateBytes else { return nil }
        let key = DocumentRenderer.Key(text: text, width: width, dialect: dialect, firstLinkNumber: firstLinkNumber)
        let document = MarkdownRenderer.render(text, width: width, dialect: dialect, firstLinkNumber: firstLinkNumber)
        store.withLock { $0.documents[key] = (batch, document) }
        return document.lines.count
    }

    /// The document prepared for `key`, which leaves the store.
    func take(_ key: DocumentRenderer.Key) -> RenderedDocument? {
        store.withLock { $0.documents.isEmpty ? nil : $0.documents.removeValue(forKey: key)?.document }
    }

    /// Marks `batches` built: what was prepared for them and not taken (rendered at another width
    /// than used, or already shown from an earlier copy) is dropped, and nothing more is prepared
    /// for them.
    public func finished(batches: Set<Int>) {
        store.withLock { store in
            store.finished.formUnion(batches)
            guard !store.documents.isEmpty else { return }
            store.documents = store.documents.filter { !batches.contains($0.value.batch) }
        }
    }

    /// Drops everything prepared, and forgets which batches were built (a reload).
    public func removeAll() { store.withLock { $0 = Store() } }
}
