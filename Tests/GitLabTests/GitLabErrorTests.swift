import ForgeModel
import Foundation
import HTTP
import TestSupport
import Testing

@testable import GitLab

/// Every error body in `fixtures/gitlab/errors` gives a one-line message that says what happened.
@Suite("GitLab errors")
struct GitLabErrorTests {
    func error(
        _ file: String, credential: GitLabErrors.Credential = .privateToken, headers: [String: String] = [:]
    )
        throws -> ForgeError
    {
        let status = try #require(Int(file.prefix(3)))
        let type = file.hasSuffix(".json") ? "application/json" : "text/plain"
        let response = HTTPResponse(
            status: status, headers: headers.merging(["Content-Type": type]) { a, _ in a },
            body: try Fixtures.gitlab("errors/" + file))
        return try #require(GitLabErrors.error(for: response, credential: credential))
    }

    @Test(
        "every error fixture has a message naming what happened",
        arguments: [
            ("400_grape_param_missing.json", "title is missing"),
            ("400_missing_attribute_legacy.json", "\"title\" not given"),
            ("400_spam.json", "recognized as spam"),
            ("400_spam_captcha.json", "solve the reCAPTCHA"),
            ("400_validation.json", "Rejected: bio is too long (maximum is 255 characters)"),
            ("401_unauthorized.json", "the access token (sent as PRIVATE-TOKEN) was refused"),
            ("403_forbidden.json", "No permission (403)"),
            ("403_insufficient_scope.json", "the token needs the 'sudo' scope"),
            ("403_sudo_not_admin.json", "Must be admin to use sudo"),
            ("404_no_route.json", "Not found (404)"),
            ("404_project.json", "Not found (404): Project Not Found"),
            ("404_record_not_found.json", "Not found (404)"),
            ("404_sudo_user.json", "User with ID or username '123' Not Found"),
            ("404_wiki_page.json", "Wiki Page Not Found"),
            ("405_keyset_unavailable.json", "(405)"),
            ("409_resource_lock.json", "(409): Conflict: Resource lock"),
            ("410_api_v3.json", "v4 only"),
            ("429_application_limit.json", "Rate limited (429)"),
            ("429_rack_attack.txt", "Rate limited (429)"),
            ("500.json", "The forge failed (500)"),
        ])
    func everyFixture(file: String, expected: String) throws {
        let message = try error(file).message
        #expect(message.contains(expected), "\(file): \(message)")
        #expect(!message.contains("\n") && !message.contains("{"), "\(file): \(message)")
    }

    @Test("every error fixture is in the table above")
    func everyFileCovered() throws {
        #expect(try Fixtures.gitlabFiles(in: "errors").count == 20)
    }

    @Test("a bare '404 Not found' adds nothing to the status")
    func genericNotFound() throws {
        #expect(try error("404_record_not_found.json") == .notFound(what: nil))
    }

    @Test("401 says which token was sent, or that one is needed")
    func unauthorizedByCredential() throws {
        #expect(try error("401_unauthorized.json", credential: .none).message.contains("needs a token"))
        #expect(try error("401_unauthorized.json", credential: .oauth).message.contains("OAuth token"))
        let expired = HTTPResponse(
            status: 401, headers: ["Content-Type": "application/json"],
            body: Data(
                #"{"error":"invalid_token","error_description":"Token is expired. You can either do re-authorization or token refresh."}"#
                    .utf8))
        let message = try #require(GitLabErrors.error(for: expired, credential: .oauth)).message
        #expect(message.contains("has expired: refresh it"))
    }

    @Test("429 waits for Retry-After, else until RateLimit-Reset, clamped")
    func retryAfter() throws {
        #expect(try error("429_rack_attack.txt", headers: ["Retry-After": "30"]) == .rateLimited(retryAfter: 30))
        let now = Date(timeIntervalSince1970: 1_767_229_000)
        let reset = HTTPResponse(status: 429, headers: ["RateLimit-Reset": "1767229200"])
        #expect(GitLabErrors.retryAfterSeconds(reset, now: now) == 200)
        let absurd = HTTPResponse(status: 429, headers: ["Retry-After": "99999999999"])
        #expect(GitLabErrors.retryAfterSeconds(absurd) == 3600)
        #expect(GitLabErrors.retryAfterSeconds(HTTPResponse(status: 429)) == nil)
    }

    @Test("an HTML page from a proxy gives its heading, not markup")
    func htmlBody() throws {
        let page = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>nginx</body></html>"
        let response = HTTPResponse(status: 502, headers: ["Content-Type": "text/html"], body: Data(page.utf8))
        let message = try #require(GitLabErrors.error(for: response, credential: .none)).message
        #expect(message.contains("502") && !message.contains("<"))
    }

    @Test("success and redirects are not errors")
    func notErrors() {
        #expect(GitLabErrors.error(for: HTTPResponse(status: 200), credential: .none) == nil)
        #expect(GitLabErrors.error(for: HTTPResponse(status: 304), credential: .none) == nil)
    }
}

/// Paging headers: totals optional, short pages not the end, hostile numbers refused.
@Suite("GitLab paging")
struct GitLabPagingTests {
    @Test("without totals, the next page still comes from x-next-page")
    func noTotals() {
        let paging = GitLabPaging(
            HTTPResponse(status: 200, headers: ["x-page": "3", "x-per-page": "100", "x-next-page": "4"]))
        #expect(paging.total == nil && paging.totalPages == nil)
        #expect(paging.nextPage == 4 && paging.hasNext)
    }

    @Test("an empty x-next-page is the last page")
    func lastPage() {
        let paging = GitLabPaging(
            HTTPResponse(status: 200, headers: ["x-page": "5", "x-next-page": "", "x-total": "90"]))
        #expect(!paging.hasNext && paging.total == 90)
    }

    @Test("a clamped page size is what the server says it used")
    func clamped() {
        #expect(GitLabPaging(HTTPResponse(status: 200, headers: ["x-per-page": "100"])).perPage == 100)
        #expect(GitLabPaging(HTTPResponse(status: 200, headers: ["x-per-page": "5000"])).perPage == 100)
    }

    @Test("hostile numbers are dropped, and a next page that does not advance ends the list")
    func hostileNumbers() {
        let paging = GitLabPaging(
            HTTPResponse(
                status: 200,
                headers: [
                    "x-page": "4611686018427387904", "x-total": "-5", "x-per-page": "0", "x-total-pages": "abc",
                ]))
        #expect(paging.page == nil && paging.total == nil && paging.perPage == nil && paging.totalPages == nil)
        let stuck = GitLabPaging(HTTPResponse(status: 200, headers: ["x-page": "7", "x-next-page": "7"]))
        #expect(!stuck.hasNext)
    }

    @Test("Link entries are read between angle brackets, commas in URLs included")
    func links() {
        let header =
            #"<https://h/api/v4/projects/1/issues?labels=a,b&page=2>; rel="next", <https://h/api/v4/projects/1/issues?labels=a,b&page=1>; rel="first""#
        let links = GitLabPaging.parseLinks(header)
        #expect(links["next"]?.absoluteString == "https://h/api/v4/projects/1/issues?labels=a,b&page=2")
        #expect(links["first"]?.absoluteString.hasSuffix("page=1") == true)
        #expect(GitLabPaging.parseLinks(#"<javascript:alert(1)>; rel="next""#).isEmpty)
    }
}
