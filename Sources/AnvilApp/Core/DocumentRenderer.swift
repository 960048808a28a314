import ForgeModel
import Text

/// The Markdown a view shows, rendered off the UI thread when it is long, so that a huge
/// description or post never holds up keys. A short text renders at once; a long one shows a
/// line saying it is being rendered until its document arrives, and the view is then built again.
public final class DocumentRenderer {
    /// Texts up to this many bytes render at once (a few milliseconds at most).
    static let immediateBytes = 16 * 1024

    public struct Key: Hashable, Sendable {
        var text: String
        var width: Int
        var dialect: MarkupDialect
        var firstLinkNumber: Int?
    }

    private var ready: [Key: RenderedDocument] = [:]
    private var wanted: [Key] = []
    private var started: Set<Key> = []

    /// The document of `text` at `width`, and whether it is the real one: until a long text's
    /// rendering arrives, a one-line stand-in.
    func render(
        _ text: String, width: Int, dialect: MarkupDialect, firstLinkNumber: Int? = nil
    ) -> (document: RenderedDocument, isReady: Bool) {
        guard text.utf8.count > Self.immediateBytes else {
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
