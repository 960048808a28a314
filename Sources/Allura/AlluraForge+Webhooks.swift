import ForgeModel
import Foundation
import HTTP

/// Webhooks of repository tools (§12.3), the single event `repo-push`.
extension AlluraForge: WebhookAdministration {
    public func hasWebhooks(_ tool: Tool) -> Bool {
        if case .repository = tool.kind { return true }
        return false
    }

    public func webhooks(_ project: ProjectPath, mount: String) async throws -> WebhookList {
        let url = try restURL(project.segments + ["admin", mount, "webhooks"], trailingSlash: false)
        let json = try decode(AlluraWebhookListJSON.self, from: try await getResponse(url).body)
        let limit = json.limits?["repo-push"]
        return WebhookList(hooks: json.webhooks.map(Self.webhook), maximum: limit?.max, used: limit?.used)
    }

    /// `POST …/webhooks/repo-push` → 201 with the webhook. The server refuses addresses that are
    /// not public http(s) and hooks past the tool's maximum with 400.
    public func createWebhook(
        _ project: ProjectPath, mount: String, url: String, secret: String
    ) async throws
        -> Webhook
    {
        let response = try await postForm(
            project.segments + ["admin", mount, "webhooks", "repo-push"], fields: [("url", url), ("secret", secret)])
        return Self.webhook(try decode(AlluraWebhookJSON.self, from: response.body))
    }

    public func updateWebhook(
        _ project: ProjectPath, mount: String, id: String, url: String?, secret: String?
    ) async throws -> Webhook {
        var fields: [(String, String)] = []
        if let url { fields.append(("url", url)) }
        if let secret { fields.append(("secret", secret)) }
        let response = try await postForm(
            project.segments + ["admin", mount, "webhooks", "repo-push", id], fields: fields)
        return Self.webhook(try decode(AlluraWebhookJSON.self, from: response.body))
    }

    public func deleteWebhook(_ project: ProjectPath, mount: String, id: String) async throws {
        let url = try restURL(project.segments + ["admin", mount, "webhooks", "repo-push", id], trailingSlash: false)
        let response = try await send("DELETE", url)
        if let error = HTTPErrorClassifier.error(for: response, url: url) { throw redacted(error) }
    }

    static func webhook(_ json: AlluraWebhookJSON) -> Webhook {
        Webhook(id: json.id, hookURL: json.hookURL, kind: json.type ?? "repo-push", modified: json.modDate?.date)
    }
}
