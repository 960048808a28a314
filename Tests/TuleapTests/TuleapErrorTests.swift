import ForgeModel
import Foundation
import HTTP
import Testing

@testable import Tuleap

/// Error answers become one-line messages: the translated text first, the reason phrase dropped,
/// platform strings and proxy pages understood; a 401 names the credential to fix.
@Suite("Tuleap errors")
struct TuleapErrorTests {
    func error(
        _ status: Int, _ body: String, credential: TuleapAuth.Mode? = .accessKey, write: Bool = false
    ) -> ForgeError? {
        TuleapErrors.error(for: .json(body, status: status), credential: credential, isWrite: write)
    }

    @Test("the detail after the reason phrase, or the translated message when there is one")
    func messages() {
        #expect(
            error(404, #"{"error":{"code":404,"message":"Not Found: Project does not exist"}}"#)
                == .notFound(what: "Project does not exist"))
        #expect(
            error(
                404,
                #"{"error":{"code":404,"message":"Not Found","i18n_error_message":"You cannot access this tracker or it does not exist"}}"#
            )
                == .notFound(what: "You cannot access this tracker or it does not exist"))
        #expect(error(403, #"{"error":{"code":403,"message":"Forbidden"}}"#) == .forbidden(reason: nil))
        #expect(
            error(403, #"{"error":"Access to the platform is restricted"}"#)
                == .forbidden(reason: "Access to the platform is restricted"))
        #expect(error(200, "{}") == nil)
    }

    @Test("a bad query is shown as the server words it")
    func badQuery() {
        let refused = error(
            400, #"{"error":{"code":400,"message":"Bad Request: Error during parsing expert query"}}"#)
        #expect(refused == .validation(["Error during parsing expert query"]))
        #expect(refused?.message == "Rejected: Error during parsing expert query")
        let trimmed = error(
            400, #"{"error":{"code":400,"message":"Bad Request: The field Title (title) is required.\n"}}"#)
        #expect(trimmed == .validation(["The field Title (title) is required."]))
    }

    @Test("a proxy's HTML page and a plain text body give their gist")
    func otherBodies() {
        let html = HTTPResponse(
            status: 502, headers: ["Content-Type": "text/html"],
            body: Data("<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>".utf8)
        )
        let gateway = TuleapErrors.error(for: html, credential: nil, isWrite: false)
        #expect(gateway?.message.contains("Bad Gateway") == true)
        #expect(error(500, "boom\nmore") == .server(status: 500, detail: "boom"))
    }

    @Test("a 401 says which credential is wrong, and that it fails even on public pages")
    func unauthorized() {
        let body = #"{"error":{"code":401,"message":"Unauthorized: Invalid access key"}}"#
        let key = error(401, body)?.message ?? ""
        #expect(
            key.contains("access key") && key.contains("even for public pages") && key.contains("Invalid access key"))
        #expect(error(401, body, credential: .basic)?.message.contains("HTTP Basic") == true)
        #expect(error(401, body, credential: nil)?.message.contains("needs credentials") == true)
    }

    @Test("an OAuth token refused on a write says its scope does not allow writing")
    func oauthWrites() {
        let body = #"{"error":{"code":401,"message":"Unauthorized: Invalid OAuth2 access token"}}"#
        let write = error(401, body, credential: .oauth, write: true)?.message ?? ""
        #expect(write.contains("scope does not allow writing") && !write.contains("log in again"))
        #expect(error(403, "{}", credential: .oauth, write: true) == .forbidden(reason: TuleapErrors.oauthWrite))
        let read = error(401, body, credential: .oauth)?.message ?? ""
        #expect(!read.contains("writing") && read.contains("OAuth token"))
    }
}
