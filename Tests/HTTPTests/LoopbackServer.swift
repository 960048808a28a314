import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 and a free port, for transport tests. Each connection
/// gets one answer from `respond` (given the request head); a nil answer means "never reply".
/// It stops itself when `stop()` is called or the object goes away.
final class LoopbackServer: @unchecked Sendable {
    let port: UInt16
    private let listener: Int32
    private let respond: @Sendable (String) -> String?
    private let lock = NSLock()
    private var stopped = false
    private var openClients: [Int32] = []
    private var requestHeads: [String] = []

    init(respond: @escaping @Sendable (String) -> String?) throws {
        self.respond = respond
        listener = try LoopbackSocket.listener(backlog: 16)
        port = try LoopbackSocket.port(of: listener)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    /// The heads of the requests received so far.
    var requests: [String] { lock.withLock { requestHeads } }

    func stop() {
        let clients: [Int32] = lock.withLock {
            guard !stopped else { return [] }
            stopped = true
            defer { openClients = [] }
            return openClients
        }
        for fd in clients { close(fd) }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func acceptLoop() {
        defer { close(listener) }
        while !isStopped {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            var one: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            lock.withLock { openClients.append(client) }
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
    }

    private func serve(_ client: Int32) {
        var head = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !head.containsHeadEnd {
            let count = read(client, &buffer, buffer.count)
            guard count > 0 else { return }
            head += buffer[0..<count]
        }
        let text = String(decoding: head, as: UTF8.self)
        lock.withLock { requestHeads.append(text) }
        guard let answer = respond(text) else { return }  // keep the socket open, say nothing
        let bytes = Array(answer.utf8)
        _ = bytes.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
        let wasOpen: Bool = lock.withLock {
            guard let index = openClients.firstIndex(of: client) else { return false }
            openClients.remove(at: index)
            return true
        }
        if wasOpen { close(client) }
    }

    /// A complete HTTP/1.1 response.
    static func response(_ status: String, headers: [String: String] = [:], body: String = "") -> String {
        var text = "HTTP/1.1 \(status)\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
        return text + "\r\n" + body
    }
}

extension Array where Element == UInt8 {
    fileprivate var containsHeadEnd: Bool {
        guard count >= 4 else { return false }
        for i in 0...(count - 4) where self[i] == 13 && self[i + 1] == 10 && self[i + 2] == 13 && self[i + 3] == 10 {
            return true
        }
        return false
    }
}
