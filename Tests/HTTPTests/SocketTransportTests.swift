import ForgeModel
import Foundation
import HTTP
import TestSupport
import Testing

@Suite(.serialized) struct SocketTransportTests {
    static func server() throws -> LoopbackServer {
        try LoopbackServer { head in
            let line = head.split(separator: "\r\n").first ?? ""
            if line.hasPrefix("GET /ok ") {
                return LoopbackServer.response(
                    "200 OK", headers: ["Content-Type": "application/json", "X-Test": "yes"], body: #"{"ok": true}"#)
            }
            if line.hasPrefix("POST /rest/p/test/bugs/new ") {
                return LoopbackServer.response(
                    "302 Found", headers: ["Location": "http://127.0.0.1:1/rest/p/test/bugs/35/"], body: "302 Found")
            }
            if line.hasPrefix("GET /slow ") { return nil }
            return LoopbackServer.response("404 Not Found", body: "nope")
        }
    }

    @Test func answersWithStatusHeadersAndBody() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let transport = SocketTransport(timeout: 5)
        let url = try #require(URL(string: "http://127.0.0.1:\(server.port)/ok"))
        let response = try await transport.send(HTTPRequest(url: url, headers: ["Accept": "application/json"]))
        #expect(response.status == 200)
        #expect(response.header("x-test") == "yes")
        #expect(response.header("Content-Type") == "application/json")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"ok": true}"#)
        let head = try #require(server.requests.first)
        #expect(head.lowercased().contains("accept: application/json"))
        #expect(!head.lowercased().contains("authorization"))
        #expect(!head.lowercased().contains("cookie"))
    }

    @Test func returnsRedirectsWithoutFollowingThem() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let transport = SocketTransport(timeout: 5)
        let url = try #require(URL(string: "http://127.0.0.1:\(server.port)/rest/p/test/bugs/new"))
        let response = try await transport.send(
            HTTPRequest(
                method: "POST", url: url, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: Data("ticket_form.summary=x".utf8)))
        #expect(response.status == 302)
        #expect(response.header("Location") == "http://127.0.0.1:1/rest/p/test/bugs/35/")
        #expect(server.requests.count == 1)
    }

    @Test func answers404AsAResponse() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let url = try #require(URL(string: "http://127.0.0.1:\(server.port)/missing"))
        let response = try await SocketTransport(timeout: 5).send(HTTPRequest(url: url))
        #expect(response.status == 404)
        #expect(String(decoding: response.body, as: UTF8.self) == "nope")
    }

    @Test func refusedConnectionIsOffline() async throws {
        let port = try LoopbackSocket.freePort()
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/ok"))
        await #expect {
            _ = try await SocketTransport(timeout: 5).send(HTTPRequest(url: url))
        } throws: { error in
            guard case .offline(let reason) = error as? ForgeError else { return false }
            return !reason.isEmpty && !reason.contains("\n")
        }
    }

    /// A silent server times out after the timeout asked for, fractions of a second kept.
    @Test(arguments: [(1.0, 0.9...10), (0.3, 0.25...5)])
    func silentServerTimesOut(timeout: Double, expected: ClosedRange<Double>) async throws {
        let server = try Self.server()
        defer { server.stop() }
        let url = try #require(URL(string: "http://127.0.0.1:\(server.port)/slow"))
        let started = Date()
        await #expect(throws: ForgeError.timeout) {
            _ = try await SocketTransport(timeout: timeout).send(HTTPRequest(url: url))
        }
        let elapsed = Date().timeIntervalSince(started)
        #expect(expected.contains(elapsed), "\(elapsed)")
    }

    @Test func refusesCredentialsInTheURL() async throws {
        let url = try #require(URL(string: "http://user:secret@127.0.0.1:9/ok"))
        await #expect {
            _ = try await SocketTransport(timeout: 1).send(HTTPRequest(url: url))
        } throws: { error in
            guard case .invalidURL(let message) = error as? ForgeError else { return false }
            return !message.contains("secret")
        }
    }
}

@Suite struct TestTransportTests {
    @Test func stubAnswersFromTheTableAndRecorderKeepsOrder() async throws {
        let stub = StubTransport([
            "GET https://h/a": .json(#"{"a": 1}"#),
            "https://h/b": HTTPResponse(status: 204),
        ])
        let recorder = RecordingTransport(stub)
        let a = try await recorder.send(HTTPRequest(url: URL(string: "https://h/a")!))
        let b = try await recorder.send(HTTPRequest(method: "POST", url: URL(string: "https://h/b")!))
        let c = try await recorder.send(HTTPRequest(method: "POST", url: URL(string: "https://h/a")!))
        #expect(a.status == 200 && a.header("content-type") == "application/json; charset=utf-8")
        #expect(b.status == 204)
        #expect(c.status == 404)
        #expect(recorder.requests.map(\.method) == ["GET", "POST", "POST"])
        #expect(recorder.exchanges.map { $0.response?.status } == [200, 204, 404])
    }

    @Test func recorderKeepsErrors() async throws {
        let recorder = RecordingTransport(StubTransport { _ in throw ForgeError.timeout })
        await #expect(throws: ForgeError.timeout) {
            _ = try await recorder.send(HTTPRequest(url: URL(string: "https://h/")!))
        }
        #expect(recorder.exchanges.first?.error == .timeout)
        #expect(recorder.exchanges.first?.response == nil)
    }
}
