import DemoForge
import Foundation
import Testing

@Suite struct ErrorTests {
    @Test func notFoundIsAnHTMLPage() throws {
        for path in [
            "/rest/p/no-such-project/", "/rest/p/", "/rest/p/anvil-demo/chat/", "/rest/p/anvil-demo/bugs/99999/",
            "/rest/p/anvil-demo/bugs/abc/", "/rest/p/anvil-demo/wiki/No%20Such%20Page/",
            "/rest/p/anvil-demo/wiki/_discuss/",
            "/rest/u/nobody/profile/",
        ] {
            let response = Demo.get(Demo.shared, path)
            #expect(response.status == 404, "\(path)")
            let html = String(decoding: response.body, as: UTF8.self)
            #expect(response.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(html.contains("<title>A 404 Error has Occurred</title>") && html.contains("<span>Error 404</span>"))
        }
        let fixture = String(decoding: try Demo.fixtureData("error-404-project.html"), as: UTF8.self)
        #expect(
            fixture.contains("<title>A 404 Error has Occurred</title>") && fixture.contains("<span>Error 404</span>"))
    }

    @Test func genericBodiesAreNegotiated() throws {
        let forge = Demo.shared
        let json = Demo.post(forge, "/rest/p/anvil-demo/bugs/new", form: [("ticket_form.summary", "x")], token: false)
        #expect(json.status == 401)
        let body = try Demo.object(json)
        #expect(
            body["code"] as? String == "401 Unauthorized" && body["title"] as? String == "Unauthorized"
                && body["message"] is String)
        let html = Demo.post(forge, "/rest/p/anvil-demo/bugs/new", form: [], token: false, accept: "*/*")
        #expect(String(decoding: html.body, as: UTF8.self).contains("<h1>401 Unauthorized</h1>"))
        let plain = Demo.post(forge, "/rest/p/anvil-demo/bugs/new", form: [], token: false, accept: nil)
        #expect(String(decoding: plain.body, as: UTF8.self).hasPrefix("401 Unauthorized\n\n"))
        let reply = Demo.get(
            forge, "/rest/p/anvil-demo/bugs/_discuss/thread/\(forge.data.ticket(number: 1)?.threadID ?? "")/new")
        #expect(reply.status == 405 && reply.header("Allow") == "POST")
        #expect(try Demo.object(reply)["code"] as? String == "405 Method Not Allowed")
    }

    @Test func badCredentialsAreNeverAnonymous() {
        let forge = Demo.shared
        #expect(Demo.get(forge, "/rest/p/anvil-demo/", headers: ["Authorization": "Bearer wrong"]).status == 401)
        #expect(
            Demo.get(forge, "/rest/p/anvil-demo/", headers: ["Authorization": "Bearer  " + DemoNames.demoToken]).status
                == 401)
        #expect(
            Demo.get(forge, "/rest/p/anvil-demo/", headers: ["Authorization": "bearer " + DemoNames.demoToken]).status
                == 500)
        #expect(Demo.get(forge, "/rest/p/anvil-demo/", headers: ["Authorization": "Basic dXNlcjpwdw=="]).status == 500)
        #expect(
            Demo.get(forge, "/rest/p/anvil-demo/", headers: ["Authorization": "OAuth oauth_token=\"x\""]).status == 401)
        #expect(Demo.get(forge, "/rest/p/anvil-demo/", token: true).status == 200)
        let custom = DemoForge(seed: 1, options: .init(token: "s3cret"))
        #expect(Demo.get(custom, "/rest/p/anvil-demo/", headers: ["Authorization": "Bearer s3cret"]).status == 200)
        #expect(Demo.get(custom, "/rest/p/anvil-demo/", token: true).status == 401)
    }

    @Test func faultInjection() {
        let forge = DemoForge(
            seed: 1, options: .init(faults: [.init(pathContains: "/_discuss/", method: "POST", status: 500, times: 1)]))
        let thread = forge.data.ticket(number: 3)?.threadID ?? ""
        let path = "/rest/p/anvil-demo/bugs/_discuss/thread/\(thread)/new"
        let failed = Demo.post(forge, path, form: [("text", "hello")])
        #expect(failed.status == 500)
        #expect(String(decoding: failed.body, as: UTF8.self).contains("Error 500"))
        #expect(
            Demo.get(forge, "/rest/p/anvil-demo/bugs/_discuss/thread/\(thread)/").status == 200,
            "GET does not match the rule")
        #expect(Demo.post(forge, path, form: [("text", "hello")]).status == 302, "the rule fired only once")

        forge.addFault(.init(pathContains: "/wiki/", status: 429))
        for _ in 0..<3 {
            let limited = Demo.get(forge, "/rest/p/anvil-demo/wiki/Home/")
            #expect(limited.status == 429)
        }
        forge.clearFaults()
        #expect(Demo.get(forge, "/rest/p/anvil-demo/wiki/Home/").status == 200)
    }

    @Test func requestLogRecordsMethodPathAndQuery() {
        let forge = DemoForge(seed: 1)
        _ = Demo.get(forge, "/rest/p/anvil-demo/bugs/?page=1&limit=5")
        _ = Demo.post(forge, "/rest/p/anvil-demo/wiki/Home", form: [("text", "x")])
        #expect(
            forge.requestLog.map(\.description) == [
                "GET /rest/p/anvil-demo/bugs/?page=1&limit=5", "POST /rest/p/anvil-demo/wiki/Home",
            ])
        forge.resetLog()
        #expect(forge.requestLog.isEmpty)
    }

    @Test func wikiTitlesNeedExactEncoding() throws {
        let titles = Demo.shared.data.wikiTitles()
        #expect(titles.count >= 20)
        for title in [
            "FAQ & Tips (v2)", "C++ Notes", "100% done?", "Emoji Party 🎉🐛", DemoNames.escapesPage, "setup.html",
        ] {
            #expect(titles.contains(title))
            let encoded = title.addingPercentEncoding(withAllowedCharacters: Demo.unreserved) ?? title
            let page = try Demo.object(Demo.get(Demo.shared, "/rest/p/anvil-demo/wiki/\(encoded)/"))
            #expect(page["title"] as? String == title)
        }
        #expect(Demo.get(Demo.shared, "/rest/p/anvil-demo/wiki/C++%20Notes/").status == 200, "+ is a literal plus")
        #expect(Demo.get(Demo.shared, "/rest/p/anvil-demo/wiki/Getting+Started/").status == 404, "+ is not a space")
        let escapes = try Demo.object(Demo.get(Demo.shared, "/rest/p/anvil-demo/wiki/Terminal%20Escapes/"))
        let text = escapes["text"] as? String ?? ""
        for hostile in [
            "\u{1B}[2J", "\u{1B}[H", "\u{1B}]0;pwned\u{07}", "\u{1B}[31m", "\u{1B}[0m", "\u{9B}", "\u{202E}",
        ] {
            #expect(text.contains(hostile))
        }
        let manual = try Demo.object(Demo.get(Demo.shared, "/rest/p/anvil-demo/wiki/Field%20Manual/"))
        #expect(
            (manual["text"] as? String ?? "").split(separator: "\n", omittingEmptySubsequences: false).count >= 2000)
        let showcase = try Demo.object(Demo.get(Demo.shared, "/rest/p/anvil-demo/wiki/Markdown%20Showcase/"))
        let markdown = showcase["text"] as? String ?? ""
        for feature in [
            "[TOC]", "[#12]", "[wiki:Home]", "[[include ref=Home]]", "@ingrid", ":tada:", "&amp;", "<b>", "```",
            "| 中文 |",
        ] {
            #expect(markdown.contains(feature), "missing \(feature)")
        }
    }
}
