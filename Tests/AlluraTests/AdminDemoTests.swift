import Allura
import DemoForge
import ForgeModel
import Foundation
import HTTP
import Testing

/// Project administration against the demo forge: who may, and the forms of every admin write.
@Suite struct AdminDemoTests {
    static let main = ProjectPath(neighborhood: "p", name: DemoNames.mainProject)
    static let other = ProjectPath(neighborhood: "p", name: DemoNames.secondProject)

    static func forge(
        _ demo: DemoForge, token: String? = DemoNames.demoToken
    ) throws -> (AlluraForge, RecordingTransport) {
        let recorder = RecordingTransport(DemoTransport(forge: demo))
        return (try AlluraForge(baseURL: DemoForge.defaultBaseURL, token: token, transport: recorder), recorder)
    }

    @Test func theForgeDecidesWhoAdministersAProject() async throws {
        let demo = DemoForge()
        let (forge, recorder) = try Self.forge(demo)
        #expect(try await forge.tokenUsername() == DemoNames.tokenUser)
        #expect(try await forge.administers(Self.main))
        let ask = try #require(recorder.requests.last)
        #expect(ask.method == "GET")
        #expect(
            ask.url.absoluteString
                == "https://demo.anvil.test/rest/p/anvil-demo/has_access?user=\(DemoNames.tokenUser)&perm=admin")
        #expect(try await !forge.administers(Self.other), "the forge answers 403 there")
        #expect(recorder.exchanges.last?.response?.status == 403)
        let whoAmI = recorder.requests.filter {
            $0.url.path(percentEncoded: false).hasPrefix("/rest/auth/tools/profile")
        }
        #expect(whoAmI.count == 1, "the token's user is asked for once")
        let (anonymous, quiet) = try Self.forge(demo, token: nil)
        #expect(try await !anonymous.administers(Self.main))
        #expect(quiet.requests.isEmpty, "no token, no question")
    }

    @Test func hasAccessAnswersForOtherUsersAndPermissions() async throws {
        let (forge, _) = try Self.forge(DemoForge())
        let project = try await forge.project(Self.main)
        let developer = try #require(project.developers.first { $0.username != DemoNames.tokenUser }).username
        #expect(try await forge.hasAccess(Self.main, user: developer, permission: "write"))
        #expect(try await !forge.hasAccess(Self.main, user: "nobody-at-all", permission: "read"))
        #expect(try await !forge.hasAccess(Self.main, user: developer, permission: "no-such-permission"))
    }

    @Test func exportStartsPollsAndRefusesWhileRunningOrForBadTools() async throws {
        let demo = DemoForge()
        let (forge, recorder) = try Self.forge(demo)
        let file = try await forge.startExport(Self.main, mounts: ["wiki", DemoNames.mainTracker], sendEmail: false)
        #expect(file.hasPrefix("anvil-demo-backup-") && file.hasSuffix(".zip"))
        let post = try #require(recorder.requests.last { $0.method == "POST" })
        #expect(post.url.absoluteString == "https://demo.anvil.test/rest/p/anvil-demo/admin/export")
        #expect(
            post.body.map { String(decoding: $0, as: UTF8.self) }
                == "tools=wiki%2C\(DemoNames.mainTracker)&send_email=false&with_attachments=false")
        await #expect(
            throws: ForgeError.server(status: 503, detail: "another export of this project is running; try again later")
        ) {
            _ = try await forge.startExport(Self.main, mounts: ["wiki"], sendEmail: false)
        }
        #expect(try await forge.exportRunning(Self.main))
        #expect(try await forge.exportRunning(Self.main))
        #expect(try await !forge.exportRunning(Self.main))
        await #expect(throws: ForgeError.validation(["no tool was chosen, or one of them cannot be exported"])) {
            _ = try await forge.startExport(Self.main, mounts: ["chat"], sendEmail: false)
        }
        await #expect(throws: ForgeError.self) {
            _ = try await forge.startExport(Self.other, mounts: ["wiki"], sendEmail: false)
        }
    }

    @Test func installingAToolSendsItsFormAndReportsRefusals() async throws {
        let demo = DemoForge()
        let (forge, recorder) = try Self.forge(demo)
        let kinds = try await forge.installableTools(Self.main)
        #expect(kinds.map(\.kind).contains("wiki"))
        let info = try await forge.installTool(
            Self.main, kind: "wiki", mountPoint: "docs", label: "Docs", order: .first)
        #expect(info == "Tool wiki with mount_point docs and mount_label Docs was created.")
        let post = try #require(recorder.requests.last { $0.method == "POST" })
        #expect(post.url.absoluteString == "https://demo.anvil.test/rest/p/anvil-demo/admin/install_tool")
        #expect(
            post.body.map { String(decoding: $0, as: UTF8.self) }
                == "tool=wiki&mount_point=docs&mount_label=Docs&order=first")
        let project = try await forge.project(Self.main)
        #expect(project.tools.first?.mountPoint == "docs" && project.tools.first?.label == "Docs")
        await #expect(throws: ForgeError.validation(["Mount point already exists."])) {
            _ = try await forge.installTool(Self.main, kind: "blog", mountPoint: "docs", label: "X", order: .last)
        }
    }

    @Test func webhooksAreListedCreatedChangedAndDeleted() async throws {
        let demo = DemoForge()
        let (forge, recorder) = try Self.forge(demo)
        #expect(try await forge.webhooks(Self.main, mount: "code") == WebhookList(hooks: [], maximum: 3, used: 0))
        #expect(
            recorder.requests.last?.url.absoluteString
                == "https://demo.anvil.test/rest/p/anvil-demo/admin/code/webhooks")
        let hook = try await forge.createWebhook(
            Self.main, mount: "code", url: "https://ci.example.org/hook", secret: "s3")
        var post = try #require(recorder.requests.last { $0.method == "POST" })
        #expect(post.url.absoluteString == "https://demo.anvil.test/rest/p/anvil-demo/admin/code/webhooks/repo-push")
        #expect(
            post.body.map { String(decoding: $0, as: UTF8.self) } == "url=https%3A%2F%2Fci.example.org%2Fhook&secret=s3"
        )
        #expect(hook.hookURL == "https://ci.example.org/hook" && hook.kind == "repo-push")
        #expect(demo.webhooks().map(\.url) == ["https://ci.example.org/hook"] && demo.webhooks()[0].secret == "s3")

        let changed = try await forge.updateWebhook(
            Self.main, mount: "code", id: hook.id, url: "https://ci.example.org/other", secret: nil)
        post = try #require(recorder.requests.last { $0.method == "POST" })
        #expect(post.url.path(percentEncoded: false) == "/rest/p/anvil-demo/admin/code/webhooks/repo-push/\(hook.id)")
        #expect(post.body.map { String(decoding: $0, as: UTF8.self) } == "url=https%3A%2F%2Fci.example.org%2Fother")
        #expect(changed.hookURL == "https://ci.example.org/other" && demo.webhooks()[0].secret == "s3")

        await #expect(throws: ForgeError.self) {
            _ = try await forge.createWebhook(Self.main, mount: "code", url: "http://127.0.0.1/x", secret: "")
        }
        try await forge.deleteWebhook(Self.main, mount: "code", id: hook.id)
        #expect(recorder.requests.last?.method == "DELETE")
        #expect(demo.webhooks().isEmpty)
        await #expect(throws: ForgeError.notFound(what: "/rest/p/anvil-demo/admin/wiki/webhooks")) {
            _ = try await forge.webhooks(Self.main, mount: "wiki")
        }
    }
}
