import ForgeModel
import Testing

struct ModelTests {
    @Test func slugsCarryTheNesting() {
        let top = Post(slug: "a1b2", text: "", author: "mara")
        let reply = Post(slug: "a1b2/c3d4/9f00", text: "", author: "kofi")
        #expect(top.parentSlug == nil)
        #expect(top.depth == 0)
        #expect(reply.parentSlug == "a1b2/c3d4")
        #expect(reply.depth == 2)
    }

    @Test func attachmentNamesComeFromTheURL() {
        let a = Attachment(
            url: "https://forge.example.org/p/x/wiki/Home/attachment/my%20diagram%E2%98%83.png", bytes: 10)
        #expect(a.name == "my diagram☃.png")
    }

    @Test func toolKindsKeepUnknownNames() {
        #expect(ToolKind(name: "wiki") == .wiki)
        #expect(ToolKind(name: "Tickets") == .tickets)
        #expect(ToolKind(name: "git") == .repository("git"))
        #expect(ToolKind(name: "chat") == .other("chat"))
        #expect(ToolKind(name: "chat").name == "chat")
    }

    @Test func routesKnowTheirProjectAndTool() {
        let p = ProjectPath(neighborhood: "p", name: "nimbus/plugins")
        #expect(p.segments == ["p", "nimbus", "plugins"])
        #expect(Route.ticket(p, mount: "bugs", number: 3).mount == "bugs")
        #expect(Route.project(p).mount == nil)
        #expect(Route.userProfile(username: "mara").project == nil, "a profile belongs to no project")
    }

    @Test func errorMessagesAreOneLine() {
        let errors: [ForgeError] = [
            .offline("no route"), .unauthorized(detail: "Do not use tokens in URL"), .forbidden(reason: nil),
            .notFound(what: "p/x"), .rateLimited(retryAfter: 30), .server(status: 502, detail: nil),
            .validation(["status: bad", "_milestone: bad"]), .insecureToken(host: "h"),
        ]
        for e in errors {
            #expect(!e.message.contains("\n"))
            #expect(!e.message.isEmpty)
        }
        #expect(ForgeError.rateLimited(retryAfter: 30).message.contains("30"))
    }
}
