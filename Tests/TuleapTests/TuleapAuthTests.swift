import ForgeModel
import Foundation
import HTTP
import Synchronization
import TestSupport
import Testing

@testable import Tuleap

/// Each auth mode's headers, exactly one method per request, the token login, its renewal after
/// expiry, and secrets kept out of URLs.
@Suite("Tuleap auth")
struct TuleapAuthTests {
    let base = URL(string: "https://tuleap.example.org")!

    func client(
        _ mode: TuleapAuth.Mode, secret: String? = "s3cret", username: String? = "mara", transport: Transport
    )
        throws -> TuleapClient
    {
        TuleapClient(
            base: base, auth: try TuleapAuth(mode: mode, secret: secret, username: username, base: base),
            transport: transport)
    }

    static let version = HTTPResponse.json(#"{"flavor_name":"Tuleap Community Edition","version_number":"17.4"}"#)

    @Test("access key, OAuth, Basic: one header each; none when anonymous")
    func staticModes() async throws {
        let recorder = RecordingTransport(StubTransport { _ in Self.version })
        _ = try await client(.accessKey, transport: recorder).send("GET", base.appendingPathComponent("api/version"))
        _ = try await client(.oauth, transport: recorder).send("GET", base.appendingPathComponent("api/version"))
        _ = try await client(.basic, transport: recorder).send("GET", base.appendingPathComponent("api/version"))
        _ = try await client(.accessKey, secret: nil, transport: recorder).send(
            "GET", base.appendingPathComponent("api/version"))
        let sent = recorder.requests
        #expect(sent[0].header("X-Auth-AccessKey") == "s3cret" && sent[0].header("Authorization") == nil)
        #expect(sent[1].header("Authorization") == "Bearer s3cret" && sent[1].header("X-Auth-AccessKey") == nil)
        #expect(sent[2].header("Authorization") == "Basic " + Data("mara:s3cret".utf8).base64EncodedString())
        let credentialHeaders = ["X-Auth-AccessKey", "Authorization", "X-Auth-Token", "X-Auth-UserId"]
        #expect(credentialHeaders.allSatisfy { sent[3].header($0) == nil })
        #expect(sent.allSatisfy { !$0.url.absoluteString.contains("s3cret") })
    }

    @Test("token: logs in with user name and password, then sends the token and the user id")
    func tokenLogin() async throws {
        let recorder = RecordingTransport(
            StubTransport { request in
                if request.url.path == "/api/tokens" {
                    return .json(#"{"user_id":115,"token":"tok-1","uri":"tokens/tok-1"}"#, status: 201)
                }
                return Self.version
            })
        let tuleap = try client(.token, transport: recorder)
        _ = try await tuleap.send("GET", base.appendingPathComponent("api/version"))
        _ = try await tuleap.send("GET", base.appendingPathComponent("api/version"))
        let sent = recorder.requests
        #expect(sent.map(\.method) == ["POST", "GET", "GET"], "one login for both requests")
        let login = try JSONDecoder().decode(TokenRequestJSON.self, from: try #require(sent[0].body))
        #expect(login == TokenRequestJSON(username: "mara", password: "s3cret"))
        #expect(sent[0].header("X-Auth-Token") == nil)
        #expect(sent[1].header("X-Auth-Token") == "tok-1" && sent[1].header("X-Auth-UserId") == "115")
        #expect(sent[1].header("Authorization") == nil && sent[1].header("X-Auth-AccessKey") == nil)
    }

    @Test("token: an expired token logs in again once and retries; a second refusal is the error")
    func tokenExpiry() async throws {
        let logins = Mutex(0)
        let recorder = RecordingTransport(
            StubTransport { request in
                if request.url.path == "/api/tokens" {
                    let count = logins.withLock { value -> Int in
                        value += 1
                        return value
                    }
                    return .json(#"{"user_id":"115","token":"tok-\#(count)","uri":"tokens/x"}"#, status: 201)
                }
                if request.header("X-Auth-Token") == "tok-1" {
                    return .json(#"{"error":{"code":401,"message":"Unauthorized: Invalid Token"}}"#, status: 401)
                }
                if request.url.path == "/api/broken" {
                    return .json(#"{"error":{"code":401,"message":"Unauthorized: Invalid Token"}}"#, status: 401)
                }
                return Self.version
            })
        let tuleap = try client(.token, transport: recorder)
        _ = try await tuleap.send("GET", base.appendingPathComponent("api/version"))
        #expect(recorder.requests.map(\.method) == ["POST", "GET", "POST", "GET"])
        #expect(recorder.requests.last?.header("X-Auth-Token") == "tok-2")
        await #expect(throws: ForgeError.self) {
            _ = try await tuleap.send("GET", base.appendingPathComponent("api/broken"))
        }
        #expect(logins.withLock { $0 } == 3, "one more login for the refused request, then no loop")
    }

    @Test("token: a wrong password is said plainly")
    func tokenRefused() async throws {
        let stub = StubTransport { _ in
            .json(#"{"error":{"code":401,"message":"Unauthorized: Invalid Password Or User Name"}}"#, status: 401)
        }
        do {
            _ = try await client(.token, transport: stub).send("GET", base.appendingPathComponent("api/version"))
            Issue.record("no error")
        } catch let error as ForgeError {
            #expect(error.message.contains("user name or password was refused"))
            #expect(error.message.contains("Invalid Password Or User Name"))
        }
    }

    @Test("a secret never goes over plain http to another host; token and basic need a user name")
    func refusals() throws {
        let plain = URL(string: "http://tuleap.example.org")!
        #expect(throws: ForgeError.insecureToken(host: "tuleap.example.org")) {
            _ = try TuleapAuth(mode: .accessKey, secret: "k", username: nil, base: plain)
        }
        _ = try TuleapAuth(mode: .accessKey, secret: "k", username: nil, base: URL(string: "http://127.0.0.1:8080")!)
        #expect(throws: ForgeError.self) { _ = try TuleapAuth(mode: .token, secret: "pw", username: nil, base: base) }
        let auth = try TuleapAuth(mode: .basic, secret: "pw", username: "mara", base: base)
        #expect(!"\(auth)".contains("pw"))
    }
}
