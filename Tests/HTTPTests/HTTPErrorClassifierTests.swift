import ForgeModel
import Foundation
import HTTP
import TestSupport
import Testing

@Suite struct HTTPErrorClassifierTests {
    let url = URL(string: "https://forge.example.org/rest/p/test/bugs/31/save")!

    func html(_ status: Int, _ fixture: String) throws -> HTTPResponse {
        HTTPResponse(
            status: status, headers: ["Content-Type": "text/html; charset=utf-8"], body: try Fixtures.allura(fixture))
    }

    func text(
        _ status: Int, _ body: String, type: String = "application/json", headers: [String: String] = [:]
    )
        -> HTTPResponse
    {
        HTTPResponse(
            status: status, headers: headers.merging(["Content-Type": type]) { a, _ in a }, body: Data(body.utf8))
    }

    @Test func successAndRedirectsAreNotErrors() {
        for status in [200, 201, 204, 301, 302] {
            #expect(HTTPErrorClassifier.error(for: HTTPResponse(status: status), url: url) == nil)
        }
    }

    @Test func forbiddenTakesTheReasonFromTheAlluraErrorPage() throws {
        let error = HTTPErrorClassifier.error(for: try html(403, "error-403-save.html"), url: url)
        #expect(error == .forbidden(reason: "Update access required"))
    }

    @Test func notFoundNamesThePath() throws {
        let error = HTTPErrorClassifier.error(for: try html(404, "error-404-project.html"), url: url)
        #expect(error == .notFound(what: "/rest/p/test/bugs/31/save"))
    }

    @Test func unauthorizedHTMLPageHasNoDetail() throws {
        let error = HTTPErrorClassifier.error(for: try html(401, "error-401-private-ticket.html"), url: url)
        #expect(error == .unauthorized(detail: nil))
    }

    @Test func unauthorizedJSONGenericMessageHasNoDetail() {
        let body =
            #"{"message": "This server could not verify that you are authorized to access the document you requested. Either you supplied the wrong credentials (e.g., bad password), or your browser does not understand how to supply the credentials required.<br /><br />\n\n\n", "code": "401 Unauthorized", "title": "Unauthorized"}"#
        #expect(HTTPErrorClassifier.error(for: text(401, body), url: url) == .unauthorized(detail: nil))
    }

    @Test func unauthorizedJSONKeepsTheDetailLine() {
        let body =
            #"{"message": "This server could not verify that you are authorized to access the document you requested.<br /><br />\nDo not use tokens in URL, instead use header Authorization: Bearer $TOKEN\n\n", "code": "401 Unauthorized", "title": "Unauthorized"}"#
        let error = HTTPErrorClassifier.error(for: text(401, body), url: url)
        #expect(
            error == .unauthorized(detail: "Do not use tokens in URL, instead use header Authorization: Bearer $TOKEN"))
    }

    @Test func methodNotAllowed() {
        let body =
            #"{"message": "The method GET is not allowed for this resource.", "code": "405 Method Not Allowed", "title": "Method Not Allowed"}"#
        #expect(
            HTTPErrorClassifier.error(for: text(405, body, headers: ["Allow": "POST"]), url: url) == .methodNotAllowed)
    }

    @Test func rateLimitReadsRetryAfter() {
        let body = #"{"message": "", "code": "429 Too Many Requests", "title": "Too Many Requests"}"#
        #expect(
            HTTPErrorClassifier.error(for: text(429, body, headers: ["Retry-After": "120"]), url: url)
                == .rateLimited(retryAfter: 120))
        #expect(HTTPErrorClassifier.error(for: text(429, body), url: url) == .rateLimited(retryAfter: nil))
        let dated = text(429, body, headers: ["Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"])
        #expect(HTTPErrorClassifier.error(for: dated, url: url) == .rateLimited(retryAfter: nil))
    }

    @Test func validationBodyServedAsPlainTextGivesItsLines() {
        let body = """
            {
              "status": "Validation Error",
              "errors": {
                "ticket_form": "_milestone: Value must be one of: 1.0; 1.1; 2.0 (not '9.9')\\nstatus: Value must be one of: open; unread; accepted; pending; closed; wont-fix (not 'bogus')"
              },
              "value": {"ticket_form": {"summary": "x", "status": "bogus", "_milestone": "9.9"}},
              "params": {"ticket_form": {"summary": "x", "status": "bogus", "_milestone": "9.9"}}
            }
            """
        let error = HTTPErrorClassifier.error(for: text(400, body, type: "text/plain"), url: url)
        #expect(
            error
                == .validation([
                    "_milestone: Value must be one of: 1.0; 1.1; 2.0 (not '9.9')",
                    "status: Value must be one of: open; unread; accepted; pending; closed; wont-fix (not 'bogus')",
                ]))
    }

    @Test func otherBadRequestsAreHTTPErrors() {
        let generic =
            #"{"message": "The server could not comply with the request since it is either malformed or otherwise incorrect.<br /><br />\n\n\n", "code": "400 Bad Request", "title": "Bad Request"}"#
        #expect(
            HTTPErrorClassifier.error(for: text(400, generic), url: url)
                == .http(
                    status: 400,
                    detail:
                        "The server could not comply with the request since it is either malformed or otherwise incorrect."
                ))
        #expect(
            HTTPErrorClassifier.error(for: text(400, #"{"error": "Project name is taken"}"#), url: url)
                == .http(status: 400, detail: "Project name is taken"))
    }

    @Test func serverErrorsSummariseTheirPageWithoutMarkup() throws {
        let page =
            "<html><head><title>Server Error</title><script>var x = '<b>';</script></head>"
            + "<body><h1>500 Internal &amp; Server Error</h1><p>details</p></body></html>"
        let error = HTTPErrorClassifier.error(for: text(500, page, type: "text/html"), url: url)
        #expect(error == .server(status: 500, detail: "500 Internal & Server Error"))
        let plain = text(502, "Bad Gateway\n\nupstream went away", type: "text/plain")
        #expect(HTTPErrorClassifier.error(for: plain, url: url) == .server(status: 502, detail: "Bad Gateway"))
        let allura = HTTPErrorClassifier.error(for: try html(500, "error-404-project.html"), url: url)
        #expect(allura == .server(status: 500, detail: "We're sorry but we weren't able to process this request."))
    }

    @Test func unexpectedStatusesAreHTTPErrors() {
        #expect(
            HTTPErrorClassifier.error(for: text(418, "I'm a teapot", type: "text/plain"), url: url)
                == .http(status: 418, detail: "I'm a teapot"))
    }

    @Test func messagesAreOneBoundedLineWithoutMarkup() throws {
        let huge = "<html><body><h1>" + String(repeating: "very long heading ", count: 100) + "</h1></body></html>"
        let responses = [
            try html(403, "error-403-save.html"), try html(404, "error-404-project.html"),
            try html(401, "error-401-private-ticket.html"), try html(500, "error-403-save.html"),
            text(503, huge, type: "text/html"), text(500, "line one\r\nline two\u{1B}[31m", type: "text/plain"),
        ]
        for response in responses {
            let message = try #require(HTTPErrorClassifier.error(for: response, url: url)).message
            #expect(!message.contains("\n") && !message.contains("\r") && !message.contains("\u{1B}"))
            #expect(!message.contains("<") && !message.contains(">"))
            #expect(message.count <= 220)
        }
    }
}

@Suite struct HTMLTextTests {
    @Test func summaryPrefersTheAlluraReason() throws {
        let page = String(decoding: try Fixtures.allura("error-403-save.html"), as: UTF8.self)
        #expect(HTMLText.summary(page) == "Update access required")
    }

    @Test func summaryFallsBackToHeadingThenTitle() {
        #expect(HTMLText.summary("<html><title>T</title><h1>Heading</h1></html>") == "Heading")
        #expect(HTMLText.summary("<html><head><title>Only &lt;title&gt;</title></head></html>") == "Only <title>")
        #expect(HTMLText.summary("just text") == "just text")
        #expect(HTMLText.summary("<html></html>") == nil)
    }

    @Test func plainTextDropsScriptsCommentsAndDecodesEntities() {
        let text = HTMLText.plainText("a<!-- <b>x</b> --><script>alert('<p>')</script>b&#34;&#x263A;&amp;<br />c")
        #expect(text == "ab\"☺&\nc")
    }

    @Test func firstElementTextDoesNotConfuseSimilarTags() {
        #expect(HTMLText.firstElementText("p", in: "<pre>code</pre><p class=\"x\">para</p>") == "para")
    }

    @Test func oneLineCutsLongText() {
        let line = HTMLText.oneLine(String(repeating: "x", count: 500), limit: 20)
        #expect(line.count == 20)
        #expect(line.hasSuffix("…"))
    }
}
