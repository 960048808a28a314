import ForgeModel
import Foundation
import TerminalUI
import Text

/// The push webhooks of a repository tool (admins only): Enter on one changes its address or
/// secret or deletes it (after a yes); `C` or the last row adds one.
final class WebhooksView: ToolView {
    private(set) var list: WebhookList?
    /// Row → the webhook on it; the add row maps to nil.
    private var hookRows: [Int: Webhook?] = [:]

    init(session: ForgeSession, project: ProjectPath, tool: Tool) {
        super.init(session: session, project: project, tool: tool, mode: .list)
    }

    override var itemCrumbs: [String] { ["webhooks"] }

    private var forge: (any WebhookAdministration)? { session.forge.webhookAdministration }

    override func start(_ app: App) {
        guard let forge else {
            loadError = .unsupported("This forge's webhooks cannot be managed from Anvil")
            return
        }
        let (project, mount) = (self.project, tool.mountPoint)
        app.load(for: self) { .webhooks(try await forge.webhooks(project, mount: mount)) }
    }

    override func receive(_ payload: Payload, app: App) {
        switch payload {
        case .webhooks(let list): self.list = list
        case .adminAnswer(let text):
            app.note(text)
            start(app)
        default: break
        }
    }

    override func loadFailed(_ error: ForgeError, app: App) {
        if list != nil { loadError = nil }
    }

    override func handle(_ action: Action, app: App) -> Bool {
        switch action {
        case .create:
            add(app)
            return true
        case .open:
            guard let entry = hookRows[scroll.cursor] else { return false }
            if let hook = entry { change(hook, app: app) } else { add(app) }
            return true
        default:
            return false
        }
    }

    private func add(_ app: App) {
        guard let forge else { return }
        let (project, mount) = (self.project, tool.mountPoint)
        app.ask("Address the forge calls on each push: ") { [weak self] urlValue in
            guard let self else { return }
            let url = urlValue.trimmedOfSpaces
            guard !url.isEmpty else { return app.note("Nothing added") }
            app.ask("Secret (empty: the forge makes one): ") { secret in
                app.load(for: self, cancellable: false) {
                    let hook = try await forge.createWebhook(project, mount: mount, url: url, secret: secret)
                    return .adminAnswer("Webhook added: \(hook.hookURL)")
                }
            }
        }
    }

    private func change(_ hook: Webhook, app: App) {
        guard let forge else { return }
        let (project, mount) = (self.project, tool.mountPoint)
        let shown = Sanitizer.clean(hook.hookURL)
        app.ask("Change the url or the secret, or delete? ", choices: ["url", "secret", "delete"]) {
            [weak self] choice in
            guard let self else { return }
            switch choice.trimmedOfSpaces {
            case "url":
                app.ask("New address: ", initial: shown) { value in
                    let url = value.trimmedOfSpaces
                    guard !url.isEmpty, url != hook.hookURL else { return app.note("Nothing changed") }
                    app.load(for: self, cancellable: false) {
                        let changed = try await forge.updateWebhook(
                            project, mount: mount, id: hook.id, url: url, secret: nil)
                        return .adminAnswer("Webhook now calls \(changed.hookURL)")
                    }
                }
            case "secret":
                app.ask("New secret: ") { secret in
                    guard !secret.isEmpty else { return app.note("Nothing changed") }
                    app.load(for: self, cancellable: false) {
                        _ = try await forge.updateWebhook(project, mount: mount, id: hook.id, url: nil, secret: secret)
                        return .adminAnswer("Secret of the webhook to \(shown) changed")
                    }
                }
            case "delete":
                app.confirm("Delete the webhook to \(shown)?", no: "Not deleted") {
                    app.load(for: self, cancellable: false) {
                        try await forge.deleteWebhook(project, mount: mount, id: hook.id)
                        return .adminAnswer("Deleted the webhook to \(shown)")
                    }
                }
            default:
                app.note("Nothing changed")
            }
        }
    }

    override func buildRows(width: Int) -> [Row] {
        guard let list else { return stateRows(what: "the webhooks of \(toolLabel)") ?? [] }
        var b = RowBuilder(width: width)
        hookRows = [:]
        var heading = "Push webhooks of \(toolLabel)"
        if let maximum = list.maximum { heading += " (\(list.used ?? list.hooks.count) of \(maximum))" }
        b.heading(heading)
        if list.hooks.isEmpty { b.rows.append(Row("  (none)", .muted)) }
        for hook in list.hooks {
            hookRows[b.rows.count] = .some(hook)
            let date = hook.modified.map { DateText.compact($0, now: now()) } ?? ""
            b.columns([(hook.hookURL, .link, max(10, width - 20)), (date, .date, 0)], target: nil)
            b.rows[b.rows.count - 1].selectable = true
        }
        b.blank()
        hookRows[b.rows.count] = .some(nil)
        b.rows.append(Row(StyledLine("  Add a webhook… (C)", .link), selectable: true))
        return b.rows
    }
}
