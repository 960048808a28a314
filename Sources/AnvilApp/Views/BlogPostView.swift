import ForgeModel
import Foundation
import Store
import TerminalUI
import Text

/// A blog post rendered from Markdown, with its author, state, labels, last change and first
/// comments; `c` opens its comment thread to comment, `e` edits it in the editor.
final class BlogPostView: LinkedPageView {
    let path: String
    private(set) var post: BlogPost?
    /// The edit being sent, until the forge answers.
    private var writing: BlogWrite?

    init(session: ForgeSession, project: ProjectPath, tool: Tool, path: String) {
        self.path = path
        super.init(session: session, project: project, tool: tool)
    }

    override var itemCrumbs: [String] { [post?.title ?? path] }
    override var route: Route? { .blogPost(project, mount: tool.mountPoint, path: path) }

    override func start(_ app: App) {
        guard let forge = session.forge.blogReading else {
            loadError = .unsupported("This forge has no blog support")
            return
        }
        let (project, mount, path) = (self.project, tool.mountPoint, self.path)
        app.load(for: self) { .blogPost(try await forge.blogPost(project, mount: mount, path: path)) }
    }

    override func receive(_ payload: Payload, app: App) {
        switch payload {
        case .blogPost(let post): self.post = post
        case .blogSaved(let post):
            self.post = post
            if let write = writing { BlogWriter.saved(post, write: write, app: app) }
            writing = nil
        case .blogConflict(let current):
            guard let write = writing else { return }
            writing = nil
            post = current
            BlogWriter.conflict(current, write: write, app: app) { [weak self] in
                guard let self else { return }
                self.writing = write
                BlogWriter.send(write, checking: false, view: self, app: app)
            }
        default: break
        }
    }

    override func loadFailed(_ error: ForgeError, app: App) {
        guard app.deliveringWrite, let write = writing else { return super.loadFailed(error, app: app) }
        writing = nil
        if post != nil { loadError = nil }
        BlogWriter.failed(error, write: write, app: app)
    }

    override func sendDraft(_ draft: Draft, app: App) -> DraftSendStart {
        guard draft.key.kind == .blogEdit else { return super.sendDraft(draft, app: app) }
        return sendDraft(by: .edit, when: post != nil, app: app)
    }

    override func handle(_ action: Action, app: App) -> Bool {
        switch action {
        case .edit:
            guard let post else { return true }
            writing = BlogWriter.write(post: post, view: self, app: app) ?? writing
            return true
        case .comment:
            guard let thread = post?.thread, !thread.id.isEmpty else {
                app.note("This post has no comment thread")
                return true
            }
            app.open(.discussionThread(project, mount: tool.mountPoint, thread: thread.id), session: session)
            app.perform(.comment)
            return true
        default:
            return super.handle(action, app: app)
        }
    }

    override func buildPage(width: Int) -> [Row] {
        guard let post else { return stateRows(what: path) ?? [] }
        var b = rowBuilder(width: width)
        b.heading(post.title.isEmpty ? "(no title)" : post.title)
        b.field("Author", post.author, role: .author)
        b.field(
            "State",
            post.state == .draft ? "draft (only those who may write to the blog see it)" : "published",
            role: post.state == .draft ? .error : .normal)
        if let modified = post.modified { b.field("Changed", DateText.both(modified, now: now()), role: .date) }
        b.field("Labels", post.labels.joined(separator: ", "), role: .label)
        b.blank()
        if post.text.trimmedOfWhitespace.isEmpty {
            b.rows.append(Row("  (no text)", .muted))
        } else {
            let document = renderMarkdown(post.text, width: width)
            place(document, at: b.rows.count)
            b.rows.append(contentsOf: document.lines.map { Row($0) })
        }
        if let thread = post.thread {
            b.embeddedComments(thread, now: now()) { [unowned self] document, start, indent in
                place(document, at: start, indent: indent)
            }
        }
        if let thread = post.thread, !thread.id.isEmpty {
            b.blank()
            let label =
                thread.posts.isEmpty ? "  Comment on this post (c)" : "  Open the comment thread (Enter); c to comment"
            b.rows.append(
                Row(label, .link, target: .route(.discussionThread(project, mount: tool.mountPoint, thread: thread.id)))
            )
        }
        return b.rows
    }
}
