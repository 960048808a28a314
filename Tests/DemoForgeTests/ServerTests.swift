import DemoForge
import Foundation
import FoundationNetworking
import TestSupport
import Testing

@Suite(.serialized) struct ServerTests {
    @Test func servesOverLoopback() async throws {
        let forge = DemoForge(seed: 1)
        let server = DemoServer(forge: forge)
        try server.start()
        defer { server.stop() }
        #expect(server.port != 0)
        let base = "http://127.0.0.1:\(server.port)"
        let session = URLSession(configuration: .ephemeral)

        var request = URLRequest(url: try #require(URL(string: base + "/rest/p/anvil-demo/")))
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        let (data, response) = try await session.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(data == Demo.get(DemoForge(seed: 1), "/rest/p/anvil-demo/").body)

        var post = URLRequest(url: try #require(URL(string: base + "/rest/p/anvil-demo/wiki/From%20The%20Wire")))
        post.httpMethod = "POST"
        post.setValue("Bearer " + DemoNames.demoToken, forHTTPHeaderField: "Authorization")
        post.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        post.httpBody = Data("text=h%C3%A9llo+world&labels=a%2Cb".utf8)
        let (_, postResponse) = try await session.data(for: post)
        #expect((postResponse as? HTTPURLResponse)?.statusCode == 200)
        let page = try Demo.object(Demo.get(forge, "/rest/p/anvil-demo/wiki/From%20The%20Wire/"))
        #expect(page["text"] as? String == "héllo world" && page["labels"] as? [String] == ["a", "b"])

        // The whole suite runs in parallel on small, busy machines, where scheduling delay can
        // dominate a round: the best median of up to three rounds measures the server.
        var best = Double.infinity
        for _ in 0..<3 where best >= 40 {
            var durations: [Double] = []
            for index in 0..<50 {
                let url = try #require(URL(string: base + "/rest/p/anvil-demo/bugs/\(index + 1)/"))
                let start = ContinuousClock.now
                let (_, each) = try await session.data(from: url)
                durations.append(
                    Double((ContinuousClock.now - start).components.attoseconds) / 1e15
                        + Double((ContinuousClock.now - start).components.seconds) * 1000)
                #expect([200, 401].contains((each as? HTTPURLResponse)?.statusCode ?? 0))
            }
            best = min(best, durations.sorted()[durations.count / 2])
        }
        print("DemoServer median request time over 50 sequential requests: \(String(format: "%.2f", best)) ms")
        #expect(best < 40)
        session.invalidateAndCancel()
    }

    @Test func keepAliveAndStopWithRawSockets() async throws {
        try await offPool {
            let server = DemoServer(forge: Demo.shared)
            try server.start()
            let client = try RawClient(port: server.port)
            let first = try client.roundTrip("GET /rest/ HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n\r\n")
            #expect(first.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(first)")
            #expect(first.contains("\r\nConnection: keep-alive\r\n") && first.hasSuffix("{}"), "\(first)")
            let second = try client.roundTrip("GET /rest/p/nope/ HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(second.hasPrefix("HTTP/1.1 404"), "a second request on the same connection")
            let body = "ticket_form.summary=x"
            let third = try client.roundTrip(
                "POST /rest/p/anvil-demo/bugs/new HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\nAccept: application/json\r\n\r\n\(body)"
            )
            #expect(third.hasPrefix("HTTP/1.1 401"))
            server.stop()
            #expect(client.readsEOF(), "stop() closes open connections")
            // Whether the port still listens cannot be probed here: tests run in parallel and start
            // servers of their own, and the kernel may hand the freed port to one of them at once.
        }
    }

    @Test func appliesLatency() async throws {
        let forge = DemoForge(seed: 1, options: .init(latency: .milliseconds(30)))
        let start = ContinuousClock.now
        _ = try await DemoTransport(forge: forge).send(.init(url: try #require(URL(string: Demo.base + "/rest/"))))
        #expect(ContinuousClock.now - start >= .milliseconds(30))
    }
}

/// A minimal blocking TCP client for protocol-level checks.
final class RawClient {
    let fd: Int32

    init(port: UInt16) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// Sends `text` and reads one response with a Content-Length body.
    func roundTrip(_ text: String) throws -> String {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw POSIXError(.ECONNRESET) }
            received += buffer[0..<count]
            let text = String(decoding: received, as: UTF8.self)
            if let range = text.range(of: "\r\n\r\n") {
                let head = text[..<range.lowerBound]
                let length =
                    head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                if text.utf8.count - text[..<range.upperBound].utf8.count >= length { return text }
            }
        }
    }

    func readsEOF() -> Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, 0) == 0
    }
}
