import DemoForge
import ForgeModel
import Foundation
import HTTP
import TestSupport
import Testing

@testable import Tuleap

/// The forge against the Tuleap demo: projects and tools, lazily paged artifact lists with an
/// empty page before the end, artifacts with every field type, the flat thread, searches, and
/// every kind of write checked on the demo's side.
@Suite("Tuleap forge")
struct TuleapForgeTests {
    let demo = TuleapDemoForge()
    let main = ProjectPath(neighborhood: "", name: TuleapDemoNames.mainProject)
    let bugs = String(TuleapDemoNames.bugTracker)
    let tasks = String(TuleapDemoNames.taskTracker)

    func forge(
        secret: String? = TuleapDemoNames.demoKey, mode: TuleapAuth.Mode = .accessKey, username: String? = nil
    ) throws -> TuleapForge {
        try TuleapForge(
            baseURL: TuleapDemoForge.defaultBaseURL, secret: secret, auth: mode, username: username,
            transport: DemoTransport(forge: demo))
    }

    /// The JSON body of the last `PUT`, as the demo received it.
    func lastPut() throws -> (body: [String: Any], ifMatch: String?) {
        let put = try #require(demo.requestLog.last { $0.method == "PUT" })
        let object = try JSONSerialization.jsonObject(with: Data((put.body ?? "").utf8)) as? [String: Any]
        return (try #require(object), put.ifMatch)
    }

    @Test("the user's projects; a project's tools: each tracker with item name and colour, the wiki, no forums")
    func projects() async throws {
        let tuleap = try forge()
        let mine = try await tuleap.myProjects(page: 0, limit: 20)
        #expect(mine.items.map(\.shortname) == ["anvil-demo", "website"] && mine.total == .atMost(2))
        #expect(demo.requestLog.last?.query?.contains("is_member_of") == true)
        let project = try await tuleap.project(main)
        #expect(project.name == "Anvil Demo" && project.shortDescription.contains("only exists to be browsed"))
        #expect(project.tools.map(\.label) == ["Bugs (bug · fiesta-red)", "Tasks (task · acid-green)", "Wiki"])
        #expect(project.tools.map(\.kind) == [.tickets, .tickets, .wiki])
        #expect(!project.tools.contains { $0.kind == .discussion })
        let other = try await tuleap.project(ProjectPath(neighborhood: "", name: TuleapDemoNames.otherProject))
        #expect(!other.tools.contains { $0.kind == .wiki })
        await #expect(throws: ForgeError.notFound(what: "project nowhere")) {
            _ = try await tuleap.project(ProjectPath(neighborhood: "", name: "nowhere"))
        }
    }

    @Test("a tracker's list pages by offset; a page emptied by permissions is not the end")
    func paging() async throws {
        let tuleap = try forge()
        let first = try await tuleap.ticketList(main, mount: bugs, page: 0, limit: 50)
        #expect(first.tickets.count == 50 && first.tickets.first?.number == 130)
        #expect(first.total == .atMost(TuleapDemoNames.bugCount))
        let hidden = try await tuleap.ticketList(main, mount: bugs, page: 1, limit: 50)
        #expect(hidden.tickets.isEmpty && hidden.total == .atMost(TuleapDemoNames.bugCount))
        let last = try await tuleap.ticketList(main, mount: bugs, page: 2, limit: 50)
        #expect(last.tickets.map(\.number) == Array((1...30).reversed()))
        #expect(first.tracker?.openStatuses == ["New", "In progress"])
        #expect(first.tracker?.closedStatuses == ["Fixed", "Won't fix"])
        #expect(demo.requestLog.last?.query?.contains("limit=50&offset=100") == true)
    }

    @Test("an artifact: title, status, assignee, every field by its label and type, the Etag kept")
    func artifact() async throws {
        let ticket = try await forge().ticket(main, mount: bugs, number: TuleapDemoNames.busyBug)
        #expect(ticket.summary == "Wrong date in follow-ups (130)" && ticket.status == "In progress")
        #expect(ticket.assignee == "alice" && ticket.reporter == "bob")
        #expect(ticket.description == "Steps:\n\n1. open Anvil\n2. press `r`")
        let fields = ticket.customFields
        #expect(fields["severity"] == .text("Critical") && fields["components"] == .text("ui, network"))
        #expect(fields["tags"] == .text("regression") && fields["effort"] == .number(4.5))
        #expect(fields["due_date"] == .text("2026-12-14") && fields["links"] == nil)
        #expect(
            ticket.links == [
                TicketLink(
                    label: "#129 (Bugs)",
                    route: .ticket(ProjectPath(neighborhood: "artifact", name: "129"), mount: "artifacts", number: 129))
            ])
        #expect(fields["attachments"] == .text("trace.log (20 KiB)") && fields["artifact_id"] == .number(130))
        #expect(fields["submitted_by"] == .text("bob") && fields["Reference"] == .text("bug #130"))
        #expect(ticket.modifiedStamp == demo.artifact(130)?.etag)
    }

    @Test("follow-ups are a flat thread: comments by format, field changes as one-liners")
    func thread() async throws {
        let page = try await forge().toolThread(main, mount: bugs, thread: "130", page: 0, limit: 50)
        #expect(page.posts.allSatisfy { $0.ancestors.isEmpty })
        #expect(page.posts.map(\.author) == ["bob", "bob", "carol", "alice", "alice"])
        #expect(page.posts[1].text == "I can reproduce it with an empty file.")
        #expect(page.posts[2].text == "Looks like the parser fails first.\n\n- Status: New → In progress")
        #expect(page.posts[3].isMeta && page.posts[3].text.contains("Severity: Major → Critical"))
        #expect(page.posts[4].text.hasPrefix("Fixed in **abc123**:"))
        #expect(try forge().maximumThreadDepth == 0)
    }

    @Test("status with a comment: the status field's bind value id, If-Match from the Etag")
    func statusWrite() async throws {
        let tuleap = try forge()
        let before = try await tuleap.ticket(main, mount: bugs, number: 128)
        let result = try await tuleap.updateTicket(
            main, mount: bugs, number: 128, edit: TicketEdit(status: "Fixed"), expectedStamp: before.modifiedStamp)
        #expect(result.ticket.status == "Fixed" && demo.artifact(128)?.status == "Fixed")
        let (body, ifMatch) = try lastPut()
        #expect(ifMatch == before.modifiedStamp)
        #expect((body["values"] as? [[String: Any]])?.first?["bind_value_ids"] as? [Int] == [2003])
        #expect((body["values"] as? [[String: Any]])?.first?["field_id"] as? Int == 1003)
        _ = try await tuleap.updateTicket(
            main, mount: bugs, number: 128, edit: TicketEdit(status: "Won't fix", comment: "Not ours."),
            expectedStamp: nil)
        let (both, _) = try lastPut()
        #expect((both["values"] as? [[String: Any]])?.first?["bind_value_ids"] as? [Int] == [2004])
        #expect(both["comment"] as? [String: String] == ["body": "Not ours.", "format": "commonmark"])
        #expect(demo.artifact(128)?.status == "Won't fix" && demo.artifact(128)?.comments.last == "Not ours.")
        _ = try await tuleap.postComment(main, mount: bugs, thread: "128", replyTo: nil, text: "Done **now**.")
        let (comment, _) = try lastPut()
        #expect((comment["values"] as? [Any])?.isEmpty == true)
        #expect(comment["comment"] as? [String: String] == ["body": "Done **now**.", "format": "commonmark"])
        #expect(demo.artifact(128)?.comments.last == "Done **now**.")
    }

    @Test("a changed artifact answers 412: the conflict carries the artifact as it is now")
    func conflict() async throws {
        let tuleap = try forge()
        let seen = try await tuleap.ticket(main, mount: bugs, number: 124)
        demo.touch(artifact: 124, comment: "someone else")
        do {
            _ = try await tuleap.updateTicket(
                main, mount: bugs, number: 124, edit: TicketEdit(status: "Fixed"), expectedStamp: seen.modifiedStamp)
            Issue.record("no conflict")
        } catch let conflict as TicketConflict {
            #expect(conflict.current.modifiedStamp != seen.modifiedStamp)
            #expect(conflict.current.thread?.posts.last?.text == "someone else")
        }
        #expect(demo.artifact(124)?.status == "New", "nothing was written")
    }

    @Test("assignee, list fields, numbers, dates and text: each in its shape; None is 100")
    func fieldWrites() async throws {
        let tuleap = try forge()
        _ = try await tuleap.updateTicket(
            main, mount: bugs, number: 126, edit: TicketEdit(assignee: "carol"), expectedStamp: nil)
        var (body, ifMatch) = try lastPut()
        #expect(ifMatch != nil, "the Etag just read guards a write without a known stamp")
        #expect((body["values"] as? [[String: Any]])?.first?["bind_value_ids"] as? [Int] == [103])
        #expect(demo.artifact(126)?.assignees == ["carol"])
        _ = try await tuleap.updateTicket(
            main, mount: bugs, number: 126, edit: TicketEdit(assignee: ""), expectedStamp: nil)
        (body, _) = try lastPut()
        #expect((body["values"] as? [[String: Any]])?.first?["bind_value_ids"] as? [Int] == [100])
        let edit = TicketEdit(
            description: "New *text*",
            fields: [
                "components": .text("docs, ui"), "severity": .text("Minor"), "story_points": .number(5),
                "due_date": .text("2027-01-02"), "platform": .empty,
            ])
        let result = try await tuleap.updateTicket(main, mount: bugs, number: 126, edit: edit, expectedStamp: nil)
        (body, _) = try lastPut()
        let values = try #require(body["values"] as? [[String: Any]])
        func value(_ id: Int) -> [String: Any]? { values.first { $0["field_id"] as? Int == id } }
        #expect(value(1002)?["value"] as? [String: String] == ["content": "New *text*", "format": "commonmark"])
        #expect(value(1006)?["bind_value_ids"] as? [Int] == [2203, 2201])
        #expect(value(1005)?["bind_value_ids"] as? [Int] == [2101])
        #expect(value(1008)?["value"] as? Int == 5 && value(1009)?["value"] as? String == "2027-01-02")
        #expect(value(1020)?["bind_value_ids"] as? [Int] == [100])
        #expect(result.ticket.customFields["components"] == .text("docs, ui"))
        #expect(result.ticket.description == "New *text*")
    }

    @Test("a value the tracker does not have is refused before anything is sent")
    func refusedValues() async throws {
        let tuleap = try forge()
        demo.resetLog()
        await #expect(throws: ForgeError.self) {
            _ = try await tuleap.updateTicket(
                main, mount: bugs, number: 126, edit: TicketEdit(status: "Sleeping"), expectedStamp: nil)
        }
        #expect(!demo.requestLog.contains { $0.method == "PUT" })
    }

    @Test("a workflow allows only its transitions")
    func workflow() async throws {
        let tuleap = try forge()
        // Task 202 is Doing (2502): Doing → Todo is not a transition.
        let task = try await tuleap.ticket(main, mount: tasks, number: 202)
        #expect(task.status == "Doing")
        do {
            _ = try await tuleap.updateTicket(
                main, mount: tasks, number: 202, edit: TicketEdit(status: "Todo"), expectedStamp: nil)
            Issue.record("no refusal")
        } catch let error as ForgeError {
            #expect(error.message.contains("workflow"))
        }
        _ = try await tuleap.updateTicket(
            main, mount: tasks, number: 202, edit: TicketEdit(status: "Done"), expectedStamp: nil)
        #expect(demo.artifact(202)?.status == "Done")
    }

    @Test("searches: raw TQL passed through, the structured query compiled to TQL, errors as worded")
    func searches() async throws {
        let tuleap = try forge()
        let raw = try await tuleap.searchTickets(
            main, mount: bugs, query: TicketQuery(raw: "status = \"In progress\" AND @comments = 'seen again'"),
            page: 0,
            limit: 50)
        #expect(!raw.tickets.isEmpty && raw.tickets.allSatisfy { $0.status == "In progress" && $0.number % 4 == 1 })
        let open = try await tuleap.searchTickets(
            main, mount: bugs, query: TicketQuery(text: "crash", state: .open, assignee: "bob"), page: 0, limit: 50)
        let sent = demo.requestLog.last?.query?.removingPercentEncoding ?? ""
        #expect(
            sent.contains(
                #"(summary = "crash" OR details = "crash") AND status IN ("New", "In progress") AND assigned_to = "bob""#
            ))
        #expect(!open.tickets.isEmpty)
        #expect(open.tickets.allSatisfy { $0.assignee == "bob" && $0.summary.contains("Crash") })
        do {
            _ = try await tuleap.searchTickets(
                main, mount: bugs, query: TicketQuery(raw: "status = \"pouet\""), page: 0, limit: 50)
            Issue.record("no error")
        } catch let error as ForgeError {
            #expect(error.message == "Rejected: The value 'pouet' doesn't exist for the list field 'status'.")
        }
        await #expect(throws: ForgeError.validation(["Error during parsing expert query"])) {
            _ = try await tuleap.searchTickets(
                main, mount: bugs, query: TicketQuery(raw: "summary=\"bug1"), page: 0, limit: 50)
        }
    }

    @Test("create: a POST with the tracker and the values, then the new artifact")
    func create() async throws {
        let tuleap = try forge()
        let ticket = try await tuleap.createTicket(
            main, mount: bugs,
            edit: TicketEdit(summary: "Brand new", description: "Body", fields: ["severity": .text("Major")]))
        #expect(
            ticket.summary == "Brand new" && ticket.status == "New" && ticket.customFields["severity"] == .text("Major")
        )
        let post = try #require(demo.requestLog.last { $0.method == "POST" })
        let body = try #require(try JSONSerialization.jsonObject(with: Data((post.body ?? "").utf8)) as? [String: Any])
        #expect(body["tracker"] as? [String: Int] == ["id": TuleapDemoNames.bugTracker])
        #expect((body["values"] as? [[String: Any]])?.first?["value"] as? String == "Brand new")
    }

    @Test("OAuth reads, but a write says the token's scope does not allow writing")
    func oauth() async throws {
        let tuleap = try forge(secret: TuleapDemoNames.demoOAuthToken, mode: .oauth)
        #expect(try await tuleap.ticket(main, mount: bugs, number: 5).number == 5)
        let tools = try await tuleap.project(main).tools
        #expect(!tools.contains { $0.kind == .wiki }, "PhpWiki refuses OAuth2 tokens: no wiki is offered")
        #expect(tools.filter { $0.kind == .tickets }.count == 2)
        do {
            _ = try await tuleap.postComment(main, mount: bugs, thread: "5", replyTo: nil, text: "hello")
            Issue.record("no refusal")
        } catch let error as ForgeError {
            #expect(error.message.contains("scope does not allow writing"))
        }
    }

    @Test("token mode against the demo: login, expiry, one re-login; a wrong key fails on public data")
    func tokenAndBadKey() async throws {
        let tuleap = try forge(secret: TuleapDemoNames.demoPassword, mode: .token, username: TuleapDemoNames.demoUser)
        _ = try await tuleap.project(main)
        demo.expireTokens()
        demo.resetLog()
        _ = try await tuleap.ticket(main, mount: bugs, number: 3)
        #expect(demo.requestLog.prefix(3).map(\.method) == ["GET", "POST", "GET"])
        let wrong = try forge(secret: "tlp-k1-9.deadbeef")
        do {
            _ = try await wrong.project(main)
            Issue.record("no refusal")
        } catch let error as ForgeError {
            #expect(error.message.contains("even for public pages") && error.message.contains("Invalid access key"))
        }
        let anonymous = try forge(secret: nil)
        #expect(try await anonymous.project(main).name == "Anvil Demo")
    }

    @Test("the PhpWiki: page names and a page's text")
    func wiki() async throws {
        let tuleap = try forge()
        #expect(try await tuleap.wikiTitles(main, mount: "wiki") == ["WithContent", "With Space"])
        let page = try await tuleap.wikiPage(main, mount: "wiki", title: "With Space")
        #expect(page.text.contains("A page whose name has a space."))
    }

    @Test("addresses that name only a tracker or an artifact open inside their project")
    func addressedByID() async throws {
        let tuleap = try forge()
        let route = try tuleap.route(for: "/plugins/tracker/?aid=130")
        guard case .ticket(let path, let mount, 130) = route else { throw ForgeError.invalidURL("route") }
        let project = try await tuleap.project(path)
        #expect(project.shortname == "anvil-demo" && project.tools.contains { $0.mountPoint == mount })
        #expect(try await tuleap.ticket(path, mount: mount, number: 130).summary.hasPrefix("Wrong date"))
        let info = try await tuleap.trackerInfo(path, mount: mount)
        #expect(info.openStatuses == ["New", "In progress"])
        guard case .tool(let trackerPath, let trackerMount) = try tuleap.route(for: "/plugins/tracker/?tracker=82")
        else {
            throw ForgeError.invalidURL("route")
        }
        #expect(try await tuleap.project(trackerPath).tools.contains { $0.mountPoint == trackerMount })
    }
}

/// The demo's answers carry Tuleap's headers.
@Suite("Tuleap demo headers")
struct TuleapDemoHeaderTests {
    @Test("an artifact answers with its Etag (Unix seconds, unquoted) and Last-Modified in GMT")
    func artifactHeaders() throws {
        let demo = TuleapDemoForge()
        let url = try #require(URL(string: TuleapDemoForge.defaultBaseURL.absoluteString + "/api/artifacts/130"))
        let answer = demo.respond(to: HTTPRequest(url: url, headers: ["X-Auth-AccessKey": TuleapDemoNames.demoKey]))
        #expect(answer.status == 200)
        #expect(answer.header("Last-Modified") == "Sat, 07 Mar 2026 23:00:00 GMT")
        #expect(answer.header("Etag") == "1772924400")
        let anonymous = demo.respond(to: HTTPRequest(url: url, headers: ["X-Auth-AccessKey": "tlp-k1-2.00"]))
        #expect(anonymous.status == 401 && anonymous.header("WWW-Authenticate")?.hasPrefix("Basic realm=") == true)
    }
}
