import Foundation
import HTTP

/// Builders for the kinds of responses an Allura server sends.
enum DemoResponses {
    static func json(_ value: DemoJSON, status: Int = 200) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: ["Content-Type": "application/json; charset=utf-8"], body: value.encoded())
    }

    private static let reasons: [Int: String] = [
        200: "OK", 201: "Created", 301: "Moved Permanently", 302: "Found",
        400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
        429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
    ]

    static func reason(_ status: Int) -> String { reasons[status] ?? "Error" }

    /// A full HTML error page (403, 404, 500), whatever `Accept` says.
    static func errorPage(_ status: Int, detail: String? = nil) -> HTTPResponse {
        let paragraph = detail ?? "We&#39;re sorry but we weren&#39;t able to process this request."
        let html = """
            <!DOCTYPE html>
            <!-- Server: demo -->
            <html lang="en" class="no-js">
            <head>
                <meta content="text/html; charset=UTF-8" http-equiv="content-type"/>
                <title>A \(status) Error has Occurred</title>
                <link rel="stylesheet" type="text/css" href="/nf/_ew_/theme/allura/css/site_style.css">
            </head>
            <body class="" id="forge">
            <header id="site-header">
                <div class="wrapper">
                    <nav class="nav-left"><a class="link-left" href="/">Site Home</a></nav>
                    <nav class="nav-main"><a class="link-right" href="/auth/">Log In</a></nav>
                </div>
            </header>
            <section id="page-body" class=" ">
                <div id="content_base">
                    <div class="grid-24 pad">
                        <h2 class="dark title">
                            <span>Error \(status)</span>
                        </h2>
                        <div>
              <p>\(paragraph)</p>
                        </div>
                    </div>
                </div>
            </section>
            <footer id="site-footer">
              <nav><p>This demo forge imitates <a href="https://allura.apache.org/">Apache Allura</a>.</p></nav>
            </footer>
            </body>
            </html>

            """
        return HTTPResponse(
            status: status, headers: ["Content-Type": "text/html; charset=utf-8"], body: Data(html.utf8))
    }

    private static func genericMessage(_ status: Int) -> String {
        switch status {
        case 401: return "This request needs credentials the server can verify, and none that it accepts were supplied."
        case 405: return "The method used is not allowed for this resource."
        case 429: return "Too many requests in a short time. Wait a moment and try again."
        case 503: return "The service is busy right now."
        case 400: return "The request could not be understood."
        default: return "The request failed."
        }
    }

    /// The short generic body (401, 405, 429, 503, some 400s), negotiated on `Accept`.
    static func generic(
        _ status: Int, accept: String?, detail: String? = nil, headers: [String: String] = [:]
    ) -> HTTPResponse {
        let title = reason(status)
        let code = "\(status) \(title)"
        let message = genericMessage(status) + "<br /><br />\n" + (detail ?? "") + "\n\n"
        var allHeaders = headers
        let body: Data
        if let accept, accept.contains("application/json") {
            allHeaders["Content-Type"] = "application/json; charset=utf-8"
            body = DemoJSON.object(["message": .string(message), "code": .string(code), "title": .string(title)])
                .encoded()
        } else if accept != nil {
            allHeaders["Content-Type"] = "text/html; charset=UTF-8"
            body = Data(
                "<html>\n <head>\n  <title>\(code)</title>\n </head>\n <body>\n  <h1>\(code)</h1>\n  \(message)\n </body>\n</html>"
                    .utf8)
        } else {
            allHeaders["Content-Type"] = "text/plain; charset=UTF-8"
            body = Data("\(code)\n\n\(message)".utf8)
        }
        return HTTPResponse(status: status, headers: allHeaders, body: body)
    }

    /// A fault-injected response of the given status.
    static func fault(_ status: Int, accept: String?) -> HTTPResponse {
        switch status {
        case 403, 404, 500: return errorPage(status)
        case 300..<400: return HTTPResponse(status: status, headers: ["Content-Type": "text/html; charset=UTF-8"])
        default: return generic(status, accept: accept)
        }
    }

    /// A 302 with a small HTML body.
    static func redirect(to location: String, status: Int = 302) -> HTTPResponse {
        let title = status == 301 ? "301 Moved Permanently" : "302 Found"
        let html =
            "<html>\n <head>\n  <title>\(title)</title>\n </head>\n <body>\n  <h1>\(title)</h1>\n  The resource was found at <a href=\"\(location)\">\(location)</a>.\n </body>\n</html>"
        return HTTPResponse(
            status: status, headers: ["Location": location, "Content-Type": "text/html; charset=UTF-8"],
            body: Data(html.utf8))
    }

    /// A ticket validation failure: pretty JSON served as `text/plain`.
    static func validation(errors: [String], sent: [(String, String)]) -> HTTPResponse {
        var form: [String: DemoJSON] = [:]
        var echo: [String: DemoJSON] = [:]
        for (name, value) in sent {
            echo[name] = .string(value)
            if name.hasPrefix("ticket_form.") { form[String(name.dropFirst("ticket_form.".count))] = .string(value) }
        }
        echo["ticket_form"] = .object(form)
        let body = DemoJSON.object([
            "status": .string("Validation Error"),
            "errors": .object(["ticket_form": .string(errors.joined(separator: "\n"))]),
            "value": .object(echo),
            "params": .object(echo),
        ])
        return HTTPResponse(
            status: 400, headers: ["Content-Type": "text/plain; charset=utf-8"], body: body.encoded(pretty: true))
    }
}
