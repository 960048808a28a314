import ForgeModel
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import HTTP

#if canImport(Glibc)
    import Glibc
#endif

/// Bytes handed out in fragments of a fixed size, as a slow network would.
private final class Fragments: ByteSource {
    private var bytes: [UInt8]
    private let size: Int

    init(_ text: String, size: Int) {
        bytes = Array(text.utf8)
        self.size = size
    }

    func readSome() throws -> ArraySlice<UInt8> {
        let part = bytes.prefix(size)
        bytes.removeFirst(part.count)
        return ArraySlice(part)
    }
}

/// The HTTP/1.1 framing, read from fragments of every size.
struct ResponseReaderTests {
    @Test(arguments: [1, 2, 7, 4096])
    func chunkedBodyWithExtensionsAndTrailers(fragment: Int) throws {
        let wire =
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\nx-a: 2\r\n\r\n"
            + "5;name=value\r\nhello\r\n7\r\n, world\r\n0\r\nTrailer: yes\r\n\r\n"
            + "HTTP/1.1 204 No Content\r\n\r\n"
        let reader = ResponseReader(source: Fragments(wire, size: fragment))
        let head = try reader.readHead()
        #expect(head.status == 200 && head.headers["x-a"] == "1, 2" && head.keepsAlive)
        let (body, endsStream) = try reader.readBody(after: head, method: "GET", maximumBodyBytes: 100)
        #expect(String(decoding: body, as: UTF8.self) == "hello, world" && !endsStream)
        // The next answer on the same connection starts right after.
        #expect(try reader.readHead().status == 204)
    }

    @Test(arguments: [1, 3, 4096])
    func interimAnswersAreSkippedAndBareLineFeedsRead(fragment: Int) throws {
        let wire = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 404 Not Found\nContent-Length: 4\n\nnopeEXTRA"
        let reader = ResponseReader(source: Fragments(wire, size: fragment))
        let head = try reader.readHead()
        #expect(head.status == 404 && head.version == "HTTP/1.0" && !head.keepsAlive)
        let (body, _) = try reader.readBody(after: head, method: "GET", maximumBodyBytes: 100)
        #expect(body == Array("nope".utf8))
    }

    @Test func bodiesWithoutALengthEndWithTheStream() throws {
        let reader = ResponseReader(source: Fragments("HTTP/1.1 200 OK\r\n\r\nall of it", size: 4))
        let head = try reader.readHead()
        let (body, endsStream) = try reader.readBody(after: head, method: "GET", maximumBodyBytes: 100)
        #expect(body == Array("all of it".utf8) && endsStream)
    }

    @Test func answersWithoutABodyReadNone() throws {
        let wire = "HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
        let reader = ResponseReader(source: Fragments(wire, size: 5))
        let head = try reader.readHead()
        #expect(try reader.readBody(after: head, method: "GET", maximumBodyBytes: 100).body.isEmpty)
        #expect(try reader.readHead().status == 200)
    }

    @Test(arguments: [
        ("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", ResponseReader.malformed),
        ("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", ResponseReader.malformed),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", ResponseReader.malformed),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n", ResponseReader.malformed),
        ("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", ResponseReader.cutShort),
        ("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", ResponseReader.tooLarge(100)),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n65\r\n", ResponseReader.tooLarge(100)),
    ])
    func brokenBodiesFailClearly(wire: String, expected: ForgeError) throws {
        let reader = ResponseReader(source: Fragments(wire, size: 3))
        let head = try reader.readHead()
        #expect(throws: expected) {
            _ = try reader.readBody(after: head, method: "GET", maximumBodyBytes: 100)
        }
    }

    @Test(arguments: ["", "SSH-2.0-OpenSSH\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n", "HTTP/1.1 200 OK\r\nno colon\r\n\r\n"])
    func headsThatAreNotHTTPAreRefused(wire: String) {
        let reader = ResponseReader(source: Fragments(wire, size: 2))
        #expect(throws: ForgeError.self) { _ = try reader.readHead() }
    }

    @Test func aHeadWithoutEndIsRefusedAtItsCap() {
        let endless = "HTTP/1.1 200 OK\r\n" + String(repeating: "X-Pad: 0123456789\r\n", count: 5000)
        let reader = ResponseReader(source: Fragments(endless, size: 4096))
        #expect(throws: ResponseReader.malformed) { _ = try reader.readHead() }
    }

    @Test func gzipBodiesDecodeAndCorruptOnesFail() throws {
        // gzip of three lines of `{"ok": "gzip"}`, made by Python's gzip module.
        let packed = try #require(Data(base64Encoded: "H4sIABMzEWsC/6tWys9WslJQSq/KLFCq5arGywUAIwtVSC0AAAA="))
        let text = String(decoding: try Gunzip.decode([UInt8](packed), maximumBytes: 1000), as: UTF8.self)
        #expect(text == String(repeating: "{\"ok\": \"gzip\"}\n", count: 3))
        #expect(throws: ResponseReader.tooLarge(10)) { _ = try Gunzip.decode([UInt8](packed), maximumBytes: 10) }
        #expect(throws: ForgeError.self) { _ = try Gunzip.decode([UInt8](packed.prefix(20)), maximumBytes: 1000) }
        #expect(throws: ForgeError.self) { _ = try Gunzip.decode(Array("not gzip".utf8), maximumBytes: 1000) }
    }
}

/// Proxies as the environment names them.
struct ProxySettingsTests {
    @Test func schemesBypassesAndLoopback() throws {
        let settings = ProxySettings(environment: [
            "http_proxy": "http://user:p%40ss@proxy.example:3128", "HTTPS_PROXY": "proxy.example:8443",
            "no_proxy": "internal.example, .corp.example",
        ])
        let forge = try #require(URL(string: "http://forge.example/rest/"))
        let plain = try #require(try settings.proxy(for: forge))
        #expect(plain.host == "proxy.example" && plain.port == 3128)
        #expect(plain.authorization == "Basic " + Data("user:p@ss".utf8).base64EncodedString())
        let secure = try settings.proxy(for: #require(URL(string: "https://forge.example/")))
        #expect(secure?.port == 8443 && secure?.authorization == nil)
        for direct in [
            "https://internal.example/", "https://git.corp.example/", "http://127.0.0.1:8080/", "http://localhost/",
        ] {
            #expect(try settings.proxy(for: #require(URL(string: direct))) == nil, "\(direct)")
        }
        // Only the lower-case http_proxy counts (HTTP_PROXY can be set by a web server's client).
        #expect(
            try ProxySettings(environment: ["HTTP_PROXY": "http://p:1"]).proxy(for: #require(URL(string: "http://f/")))
                == nil)
        #expect(
            try ProxySettings(environment: ["no_proxy": "*", "all_proxy": "http://p:1"]).proxy(
                for: #require(URL(string: "http://f/"))) == nil)
    }

    @Test func aProxyThatCannotBeUsedIsSaidNotSkipped() throws {
        let settings = ProxySettings(environment: ["https_proxy": "socks5://proxy.example:1080"])
        #expect(throws: ForgeError.offline("only http:// proxies are supported, not socks5://")) {
            _ = try settings.proxy(for: #require(URL(string: "https://forge.example/")))
        }
        #expect(try settings.proxy(for: #require(URL(string: "http://forge.example/"))) == nil)
    }
}

/// The transport against servers on loopback: keep-alive, compression, proxies, TLS.
struct SocketTransportWireTests {
    @Test func connectionsAreKeptAlive() async throws {
        let server = try FaultServer { _ in .json(#"{"n": 1}"#) }
        defer { server.stop() }
        let transport = SocketTransport(timeout: 5, proxies: .none)
        let url = server.baseURL.appendingPathComponent("a")
        for _ in 0..<5 { #expect(try await transport.send(HTTPRequest(url: url)).status == 200) }
        #expect(server.connections == 1, "five requests, one connection")
    }

    @Test("a read on a kept connection the server closed goes once more on a new one; a write does not")
    func aClosedKeptConnectionIsRetriedForReadsOnly() async throws {
        let dropped = Mutex(Set<String>())
        // Each path is dropped (closed without an answer) the first time it is asked for.
        let server = try FaultServer { request in
            dropped.withLock { $0.insert(request.method + request.path).inserted } && request.path != "/a"
                ? .lost : .json(#"{"n": 1}"#)
        }
        defer { server.stop() }
        let transport = SocketTransport(timeout: 5, proxies: .none)
        _ = try await transport.send(HTTPRequest(url: server.baseURL.appendingPathComponent("a")))
        let read = try await transport.send(HTTPRequest(url: server.baseURL.appendingPathComponent("read")))
        #expect(read.status == 200)
        #expect(server.requests.filter { $0.path == "/read" }.count == 2)
        #expect(server.connections == 2, "the retry went on a new connection")
        _ = try await transport.send(HTTPRequest(url: server.baseURL.appendingPathComponent("a")))
        await #expect(throws: ForgeError.self) {
            _ = try await transport.send(
                HTTPRequest(method: "POST", url: server.baseURL.appendingPathComponent("write"), body: Data("x".utf8)))
        }
        #expect(server.requests.filter { $0.path == "/write" }.count == 1, "a write is never sent twice")
    }

    @Test("a body larger than the socket's buffer is written as the server reads it")
    func largeBodiesAreWrittenWhole() async throws {
        let server = try FaultServer { request in .json(#"{"length": \#(request.body.utf8.count)}"#) }
        defer { server.stop() }
        let body = Data(repeating: UInt8(ascii: "x"), count: 8 << 20)
        let request = HTTPRequest(method: "POST", url: server.baseURL.appendingPathComponent("big"), body: body)
        // Waiting for the wrong readiness on a full send buffer stalls until the idle timeout: `.timeout`.
        let response = try await SocketTransport(timeout: 5, deadline: 120, proxies: .none).send(request)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"length": 8388608}"#)
    }

    @Test func gzipAndChunkedAnswersArriveDecoded() async throws {
        let packed = [UInt8](try #require(Data(base64Encoded: "H4sIABMzEWsC/6tWys9WslJQSq/KLFCq5arGywUAIwtVSC0AAAA=")))
        let chunked =
            Array("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
            + Array(String(packed.count - 10, radix: 16).utf8) + [13, 10] + packed.dropLast(10) + [13, 10]
            + Array("a\r\n".utf8) + packed.suffix(10) + Array("\r\n0\r\n\r\n".utf8)
        let server = try FaultServer { _ in .raw(chunked) }
        defer { server.stop() }
        let response = try await SocketTransport(timeout: 5, proxies: .none).send(HTTPRequest(url: server.baseURL))
        #expect(String(decoding: response.body, as: UTF8.self) == String(repeating: "{\"ok\": \"gzip\"}\n", count: 3))
        #expect(response.header("content-encoding") == nil)
        #expect(server.requests.first?.head.lowercased().contains("accept-encoding: gzip") == true)
    }

    @Test func plainRequestsGoThroughTheProxyByTheirWholeURL() async throws {
        let proxy = try FaultServer { _ in .json(#"{"via": "proxy"}"#) }
        defer { proxy.stop() }
        let settings = ProxySettings(environment: ["http_proxy": "http://me:pw@127.0.0.1:\(proxy.port)"])
        // Loopback forges are reached directly, so the forge here has a name no one resolves.
        let url = try #require(URL(string: "http://forge.invalid:8080/rest/p/x/?limit=5"))
        let response = try await SocketTransport(timeout: 5, proxies: settings).send(HTTPRequest(url: url))
        #expect(response.status == 200)
        let request = try #require(proxy.requests.first)
        #expect(request.target == "http://forge.invalid:8080/rest/p/x/?limit=5")
        #expect(request.head.contains("Host: forge.invalid:8080"))
        #expect(request.head.contains("Proxy-Authorization: Basic " + Data("me:pw".utf8).base64EncodedString()))
    }

    @Test func anUntrustedCertificateIsATLSFailure() async throws {
        let server = try await offPool { try TLSServer() }
        defer { server.stop() }
        let url = try #require(URL(string: "https://127.0.0.1:\(server.port)/"))
        await #expect(throws: ForgeError.tls("the server certificate is not trusted")) {
            _ = try await SocketTransport(timeout: 5, proxies: .none).send(HTTPRequest(url: url))
        }
    }
}

/// https through a proxy: a `CONNECT` tunnel, then TLS with the forge inside it.
struct ProxyTunnelTests {
    @Test func httpsGoesThroughATunnelAndTLSStartsInsideIt() async throws {
        let server = try await offPool { try TLSServer() }
        defer { server.stop() }
        // The proxy answers CONNECT and then relays bytes both ways to the TLS server.
        let proxy = try TunnelProxy(target: server.port)
        defer { proxy.stop() }
        let settings = ProxySettings(environment: ["https_proxy": "http://127.0.0.1:\(proxy.port)"])
        let url = try #require(URL(string: "https://forge.invalid/rest/"))
        // The certificate is the test's own, so the handshake fails on trust: TLS ran inside the tunnel.
        await #expect(throws: ForgeError.tls("the server certificate is not trusted")) {
            _ = try await SocketTransport(timeout: 5, proxies: settings).send(HTTPRequest(url: url))
        }
        #expect(proxy.requestLines == ["CONNECT forge.invalid:443 HTTP/1.1"])
    }

    @Test func aProxyThatRefusesTheTunnelSaysSo() async throws {
        let proxy = try FaultServer { _ in .answer(status: 407, contentType: "text/plain", body: "no") }
        defer { proxy.stop() }
        let settings = ProxySettings(environment: ["https_proxy": "http://127.0.0.1:\(proxy.port)"])
        let url = try #require(URL(string: "https://forge.invalid/rest/"))
        await #expect(throws: ForgeError.offline("the proxy refused to connect to forge.invalid (status 407)")) {
            _ = try await SocketTransport(timeout: 5, proxies: settings).send(HTTPRequest(url: url))
        }
    }
}

/// A one-connection CONNECT proxy on loopback that relays to 127.0.0.1:`target`.
private final class TunnelProxy: @unchecked Sendable {
    let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var lines: [String] = []
    var requestLines: [String] { lock.withLock { lines } }

    init(target: UInt16) throws {
        listener = try LoopbackSocket.listener(backlog: 4)
        port = try LoopbackSocket.port(of: listener)
        let listener = self.listener
        Thread.detachNewThread { [self] in
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 10_000) > 0 else { return }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            defer { close(client) }
            var head = [UInt8]()
            var byte: UInt8 = 0
            while !head.suffix(4).elementsEqual([13, 10, 13, 10]), read(client, &byte, 1) == 1 { head.append(byte) }
            let line = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n").first ?? ""
            lock.withLock { lines.append(line) }
            guard let upstream = LoopbackSocket.connect(port: target) else { return }
            defer { close(upstream) }
            let ok = Array("HTTP/1.1 200 Connection established\r\n\r\n".utf8)
            _ = ok.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
            var pair = [
                pollfd(fd: client, events: Int16(POLLIN), revents: 0),
                pollfd(fd: upstream, events: Int16(POLLIN), revents: 0),
            ]
            var buffer = [UInt8](repeating: 0, count: 16384)
            while poll(&pair, 2, 10_000) > 0 {
                for (from, to) in [(0, 1), (1, 0)] where pair[from].revents != 0 {
                    let count = read(pair[from].fd, &buffer, buffer.count)
                    guard count > 0 else { return }
                    _ = buffer.withUnsafeBytes { write(pair[to].fd, $0.baseAddress, count) }
                }
            }
        }
    }

    func stop() { close(listener) }
}
