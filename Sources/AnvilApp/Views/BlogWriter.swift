import ForgeModel
import Foundation
import Store

/// A blog post on its way to the forge: its draft and what is sent.
struct BlogWrite {
    var key: DraftKey
    var draft: BlogPostDraft
    /// The post's path for an edit; nil for a new post.
    var path: String?
    /// The post as it was shown, for an edit: its last change is compared before writing.
    var shown: BlogPost?
}

/// Writing blog posts in the user's editor (`BlogTemplate`): the text is kept as a draft until
/// the forge has taken it, and offered again next time.
enum BlogWriter {
    /// Edits `post` (a new one when nil) and sends it; returns the write in flight, or nil when
    /// nothing was sent.
    static func write(post: BlogPost?, view: ToolView, app: App) -> BlogWrite? {
        guard view.session.forge.blogWriting != nil else {
            app.note("This forge's blog cannot be written from Anvil; o opens it in the browser")
            return nil
        }
        let target = "\(view.project)/\(view.tool.mountPoint)" + (post.map { "/" + $0.path } ?? "")
        let key = DraftKey(
            forge: view.session.baseURL.absoluteString, kind: post == nil ? .blogNew : .blogEdit, target: target)
        let original = BlogTemplate.text(for: post, blogLabel: view.toolLabel)
        guard let (written, _) = app.editDraft(key, original: original) else { return nil }
        guard written != original else {
            app.options.state?.deleteDraft(key)
            app.note("Unchanged: nothing saved")
            return nil
        }
        app.options.state?.saveDraft(key, text: written)
        let draft: BlogPostDraft
        do {
            draft = try BlogTemplate.parse(written)
        } catch {
            app.note(error.message, error: true)
            return nil
        }
        let write = BlogWrite(key: key, draft: draft, path: post?.path, shown: post)
        send(write, checking: true, view: view, app: app)
        return write
    }

    /// Sends `write`; with `checking`, an edit is refused when the post changed since it was shown.
    static func send(_ write: BlogWrite, checking: Bool, view: ToolView, app: App) {
        guard let writer = view.session.forge.blogWriting else { return }
        let (project, mount) = (view.project, view.tool.mountPoint)
        let expected = checking ? write.shown?.modified : nil
        app.note(write.path == nil ? "Creating the post…" : "Saving the post…")
        app.load(for: view, cancellable: false) {
            guard let path = write.path else {
                return .blogSaved(try await writer.createBlogPost(project, mount: mount, draft: write.draft))
            }
            do {
                return .blogSaved(
                    try await writer.updateBlogPost(
                        project, mount: mount, path: path, draft: write.draft, expectedModified: expected))
            } catch let conflict as EditConflict<BlogPost> {
                return .blogConflict(conflict.current)
            }
        }
    }

    /// The forge took the post: the draft goes.
    static func saved(_ post: BlogPost, write: BlogWrite, app: App) {
        app.options.state?.deleteDraft(write.key)
        app.note(write.path == nil ? "Created (\(post.state.rawValue))" : "Saved (\(post.state.rawValue))")
    }

    /// The post changed meanwhile: says what changed and asks whether to overwrite; yes runs
    /// `overwrite`, no keeps the draft.
    static func conflict(_ current: BlogPost, write: BlogWrite, app: App, overwrite: @escaping () -> Void) {
        let changes = write.shown.map { ArtifactDifference.between($0, current) } ?? []
        app.confirm(
            ArtifactDifference.question(what: "The post", changes: changes),
            no: "Not saved; \(app.draftKept(write.key)) (e to edit it again)", yes: overwrite)
    }

    /// A write failed: the draft stays, with the reason.
    static func failed(_ error: ForgeError, write: BlogWrite, app: App) {
        app.options.state?.recordFailure(write.key, message: error.message)
        let again = write.path == nil ? "C" : "e"
        app.note("Not saved, \(app.draftKept(write.key)) (\(again) to try again): \(error.message)", error: true)
    }
}
