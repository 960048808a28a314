import DemoForge
import Foundation
import Testing

@Suite struct TicketWriteTests {
    @Test func saveReplacesLabelsAndCustomFields() throws {
        let forge = DemoForge(seed: 7)
        let number = 100
        let before = try #require(forge.ticket(number: number))
        let response = Demo.post(
            forge, "/rest/p/anvil-demo/bugs/\(number)/save",
            form: [
                ("ticket_form.status", "accepted"),
                ("ticket_form.custom_fields._priority", "high"),
            ])
        #expect(response.status == 302)
        #expect(response.header("Location") == Demo.base + "/rest/p/anvil-demo/bugs/\(number)/")
        let after = try #require(forge.ticket(number: number))
        #expect(after.status == "accepted")
        #expect(after.labels.isEmpty, "omitted labels are cleared")
        #expect(after.customFields["_priority"] == .string("high"))
        #expect(after.customFields["_milestone"] == nil, "custom fields become exactly the ones sent")
        #expect(after.customFields["_component"] == nil)
        #expect(after.customFields["_regression"] == .bool(false), "booleans not sent become false")
        #expect(after.summary == before.summary && after.description == before.description)
        #expect(after.assignedTo == before.assignedTo)
        #expect(after.modDate > before.modDate)
    }

    @Test func saveWithoutCustomFieldsKeepsThemButResetsBooleans() throws {
        let forge = DemoForge(seed: 7)
        let number = try #require(
            (1...200).first { forge.ticket(number: $0)?.customFields["_regression"] == .bool(true) })
        let before = try #require(forge.ticket(number: number))
        let response = Demo.post(
            forge, "/rest/p/anvil-demo/bugs/\(number)/save",
            form: [
                ("ticket_form.labels", "a, b,c"), ("ticket_form.assigned_to", ""),
                ("ticket_form.summary", "New summary"),
            ])
        #expect(response.status == 302)
        let after = try #require(forge.ticket(number: number))
        #expect(after.labels == ["a", " b", "c"], "labels are split on commas, not trimmed")
        #expect(after.customFields["_regression"] == .bool(false))
        #expect(after.customFields["_milestone"] == before.customFields["_milestone"])
        #expect(after.assignedTo == before.assignedTo, "an empty assignee leaves it unchanged")
        #expect(after.summary == "New summary")
    }

    @Test func newTicketAndValidation() throws {
        let forge = DemoForge(seed: 3)
        let created = Demo.post(
            forge, "/rest/p/anvil-demo/bugs/new",
            form: [
                ("ticket_form.summary", "Created by a test ✓"), ("ticket_form.status", "open"),
                ("ticket_form.labels", "x,🐛"), ("ticket_form._milestone", "2.0"), ("ticket_form.assigned_to", "kenji"),
                ("ticket_form.custom_fields._estimate", "2.5"), ("ticket_form.custom_fields._reviewer", "nobody-here"),
            ])
        #expect(created.status == 302)
        #expect(created.header("Location") == Demo.base + "/rest/p/anvil-demo/bugs/201/")
        let ticket = try #require(forge.ticket(number: 201))
        #expect(ticket.summary == "Created by a test ✓" && ticket.labels == ["x", "🐛"] && ticket.assignedTo == "kenji")
        #expect(
            ticket.customFields == ["_milestone": .string("2.0"), "_estimate": .double(2.5), "_reviewer": .string("")])
        let json = try Demo.object(Demo.get(forge, "/rest/p/anvil-demo/bugs/201/"))
        #expect((json["ticket"] as? [String: Any])?["reported_by"] as? String == DemoNames.tokenUser)

        let bad = Demo.post(
            forge, "/rest/p/anvil-demo/bugs/new",
            form: [
                ("ticket_form.summary", "x"), ("ticket_form.status", "bogus"), ("ticket_form._milestone", "9.9"),
            ])
        #expect(bad.status == 400)
        #expect(bad.header("Content-Type")?.hasPrefix("text/plain") == true)
        let body = try Demo.object(bad)
        #expect(body["status"] as? String == "Validation Error")
        let message = (body["errors"] as? [String: Any])?["ticket_form"] as? String ?? ""
        #expect(
            message.contains(
                "status: Value must be one of: open; unread; accepted; pending; closed; wont-fix (not 'bogus')"))
        #expect(message.contains("_milestone: Value must be one of: 1.0; 1.1; 2.0 (not '9.9')"))
        #expect(((body["value"] as? [String: Any])?["ticket_form"] as? [String: Any])?["status"] as? String == "bogus")
        #expect(forge.ticket(number: 202) == nil)

        let empty = Demo.post(
            forge, "/rest/p/anvil-demo/bugs/new", form: [("ticket_form.summary", ""), ("ticket_form.status", "open")])
        #expect(empty.status == 400)
        let noSummary = Demo.post(forge, "/rest/p/anvil-demo/bugs/new", form: [("ticket_form.status", "open")])
        #expect(noSummary.status == 302)
        #expect(forge.ticket(number: 202)?.summary == nil)
    }

    @Test func trailingSlashGivesWrongLocation() {
        let forge = DemoForge(seed: 3)
        let created = Demo.post(
            forge, "/rest/p/anvil-demo/bugs/new/",
            form: [("ticket_form.summary", "slash"), ("ticket_form.status", "open")])
        #expect(created.status == 302)
        #expect(created.header("Location") == Demo.base + "/rest/p/anvil-demo/bugs/new/201/")
        #expect(forge.ticket(number: 201)?.summary == "slash", "the ticket is created anyway")
    }

    @Test func writesNeedTheToken() {
        let forge = DemoForge(seed: 3)
        let anonymous = Demo.post(
            forge, "/rest/p/anvil-demo/bugs/5/save", form: [("ticket_form.status", "closed")], token: false)
        #expect(anonymous.status == 401)
        #expect(anonymous.header("Content-Type")?.hasPrefix("application/json") == true)
        #expect(forge.ticket(number: 5) == DemoForge(seed: 3).ticket(number: 5), "a refused save changes nothing")
        let get = Demo.get(forge, "/rest/p/anvil-demo/bugs/5/save")
        #expect(get.status == 405)
        #expect(get.header("Allow") == "POST")
        #expect(
            Demo.post(forge, "/rest/p/anvil-demo/wiki/New%20Page", form: [("text", "hi")], token: false).status == 401)
    }

    @Test func commentsRedirectToTheNewPost() throws {
        let forge = DemoForge(seed: 4)
        let ticket = try #require(forge.ticket(number: 10))
        let base = "/rest/p/anvil-demo/bugs/_discuss/thread/\(ticket.threadID)/"
        let new = Demo.post(forge, base + "new", form: [("text", "A comment with ümlauts")])
        #expect(new.status == 302)
        let location = try #require(new.header("Location"))
        #expect(location.hasPrefix(Demo.base + base))
        let slug = String(location.dropFirst((Demo.base + base).count).dropLast())
        #expect(slug.count == 4)
        let post = try Demo.object(Demo.get(forge, base + slug + "/"))
        #expect((post["post"] as? [String: Any])?["text"] as? String == "A comment with ümlauts")

        let reply = Demo.post(forge, base + slug + "/reply", form: [("text", "a reply")])
        #expect(reply.status == 302)
        let replyLocation = try #require(reply.header("Location"))
        #expect(replyLocation.hasPrefix(Demo.base + base + slug + "/"))
        let replySlug = String(replyLocation.dropFirst((Demo.base + base).count).dropLast())
        #expect(replySlug.split(separator: "/").count == 2)

        let slashed = Demo.post(forge, base + "new/", form: [("text", "slash")])
        #expect(slashed.header("Location")?.hasPrefix(Demo.base + base + "new/") == true)

        #expect(Demo.post(forge, base + "new", form: [("subscribe", "true")]).status == 500, "missing text is a 500")
        #expect(
            Demo.post(forge, "/rest/p/anvil-demo/bugs/_discuss/thread/0000000000/new", form: [("text", "x")]).status
                == 500)
        let thread = try Demo.object(Demo.get(forge, base + "?limit=500"))
        let posts = (thread["thread"] as? [String: Any])?["posts"] as? [[String: Any]] ?? []
        #expect(posts.contains { $0["slug"] as? String == replySlug })
        #expect(
            Demo.post(
                forge, "/rest/p/anvil-demo/discussion/general/thread/\(DemoNames.bigThreadID)/new",
                form: [("text", "x")]
            ).status == 404)
    }

    @Test func wikiCreateAndUpdate() throws {
        let forge = DemoForge(seed: 5)
        #expect(
            Demo.post(
                forge, "/rest/p/anvil-demo/wiki/Brand%20New%20%26%20Shiny", form: [("text", "# Hi"), ("labels", "a,b")]
            ).status == 200)
        let page = try Demo.object(Demo.get(forge, "/rest/p/anvil-demo/wiki/Brand%20New%20%26%20Shiny/"))
        #expect(page["title"] as? String == "Brand New & Shiny" && page["labels"] as? [String] == ["a", "b"])
        #expect(
            Demo.post(forge, "/rest/p/anvil-demo/wiki/Home", form: [("labels", "x")]).status == 500, "text is required")
        #expect(Demo.post(forge, "/rest/p/anvil-demo/wiki/Home", form: [("text", "replaced")]).status == 200)
        let home = try Demo.object(Demo.get(forge, "/rest/p/anvil-demo/wiki/Home/"))
        #expect(home["text"] as? String == "replaced" && home["labels"] as? [String] == ["start"])
        let index = try Demo.object(Demo.get(forge, "/rest/p/anvil-demo/wiki/"))
        #expect((index["pages"] as? [String])?.contains("Brand New & Shiny") == true)
    }
}
