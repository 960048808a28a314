import ForgeModel
import Foundation

/// Where a response's bytes come from: a connection, or a test's fragments.
protocol ByteSource: AnyObject {
    /// The next bytes that arrived (at least one), or an empty array at the end of the stream.
    func readSome() throws -> ArraySlice<UInt8>
}

/// The status line and headers of an HTTP/1.x response.
struct ResponseHead: Equatable {
    var version: String
    var status: Int
    /// Header names in lower case; a repeated header's values joined with ", ".
    var headers: [String: String]

    /// Whether the server keeps the connection open after this response.
    var keepsAlive: Bool {
        let connection = (headers["connection"] ?? "").lowercased()
        if version == "HTTP/1.0" { return connection.contains("keep-alive") }
        return !connection.contains("close")
    }

    /// Parses the head (without its final empty line); nil when it is not HTTP.
    static func parse(_ bytes: ArraySlice<UInt8>) -> ResponseHead? {
        // Lines end with CR LF, or a bare LF from a careless server. (Split as bytes: in a Swift
        // string CR LF is one character.)
        let lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map {
            String(decoding: $0.last == 13 ? $0.dropLast() : $0, as: UTF8.self)
        }
        guard let statusLine = lines.first else { return nil }
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3,
            let status = Int(parts[1]), (100...999).contains(status)
        else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = line[..<colon].trimmedOfSpaces.lowercased()
            let value = line[line.index(after: colon)...].trimmedOfSpaces
            guard !name.isEmpty else { return nil }
            if let earlier = headers[name] {
                headers[name] = earlier + ", " + value
            } else {
                headers[name] = value
            }
        }
        return ResponseHead(version: String(parts[0]), status: status, headers: headers)
    }
}

/// Reads HTTP/1.x responses from a byte source: the head, then the body framed by
/// `Transfer-Encoding: chunked`, `Content-Length` or the end of the stream, never more than
/// `maximumBodyBytes`. Bytes read past one response stay for the next (keep-alive).
final class ResponseReader {
    private let source: any ByteSource
    private var buffer: [UInt8] = []
    private var start = 0
    /// Whether any byte of a response arrived (a connection that fails before one may be retried).
    private(set) var receivedAny = false

    /// The most bytes a head may take.
    static let maximumHeadBytes = 64 << 10

    init(source: any ByteSource) { self.source = source }

    private var available: Int { buffer.count - start }

    /// Drops the bytes already taken (only between scans: it moves every index).
    private func compact() {
        if start > 0, start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 1 << 16 {
            buffer.removeFirst(start)
            start = 0
        }
    }

    /// Reads more into the buffer; false at the end of the stream.
    private func fill() throws -> Bool {
        let more = try source.readSome()
        guard !more.isEmpty else { return false }
        receivedAny = true
        buffer.append(contentsOf: more)
        return true
    }

    private func take(_ count: Int) -> ArraySlice<UInt8> {
        defer { start += count }
        return buffer[start..<(start + count)]
    }

    /// The next line (without CR LF), for chunk sizes and trailers.
    private func line() throws -> ArraySlice<UInt8> {
        compact()
        var scanned = start
        while true {
            if let newline = buffer[scanned...].firstIndex(of: 10) {
                var end = newline
                if end > start, buffer[end - 1] == 13 { end -= 1 }
                let line = buffer[start..<end]
                start = newline + 1
                return line
            }
            scanned = buffer.count
            guard available < 4096 else { throw Self.malformed }
            guard try fill() else { throw Self.cutShort }
        }
    }

    /// The next head, skipping interim (1xx) responses.
    func readHead() throws -> ResponseHead {
        while true {
            compact()
            var scanned = start
            while true {
                if let end = Self.endOfHead(in: buffer, from: max(start, scanned - 3)) {
                    let head = buffer[start..<end.headEnd]
                    start = end.bodyStart
                    guard let parsed = ResponseHead.parse(head) else { throw Self.malformed }
                    if (100..<200).contains(parsed.status), parsed.status != 101 { break }
                    return parsed
                }
                scanned = buffer.count
                guard available <= Self.maximumHeadBytes else { throw Self.malformed }
                guard try fill() else { throw receivedAny ? Self.cutShort : Self.closedBeforeAnswer }
            }
        }
    }

    /// Where the head ends (before its blank line) and the body starts.
    private static func endOfHead(in bytes: [UInt8], from: Int) -> (headEnd: Int, bodyStart: Int)? {
        var index = max(from, 0)
        while index + 1 < bytes.count {
            if bytes[index] == 10 {
                if bytes[index + 1] == 10 { return (index, index + 2) }
                if index + 2 < bytes.count, bytes[index + 1] == 13, bytes[index + 2] == 10 {
                    return (index > 0 && bytes[index - 1] == 13 ? index - 1 : index, index + 3)
                }
            }
            index += 1
        }
        return nil
    }

    /// The body that follows `head` for a request of `method`; `endsStream` is true when it was
    /// framed by the end of the stream (the connection cannot be used again).
    func readBody(
        after head: ResponseHead, method: String, maximumBodyBytes: Int
    ) throws -> (body: [UInt8], endsStream: Bool) {
        if method == "HEAD" || head.status == 204 || head.status == 304 || head.status < 200 {
            return ([], false)
        }
        if let coding = head.headers["transfer-encoding"]?.lowercased(), coding.contains("chunked") {
            return (try readChunked(maximumBodyBytes: maximumBodyBytes), false)
        }
        if let declared = head.headers["content-length"] {
            let values = Set(declared.split(separator: ",").map { $0.trimmedOfSpaces })
            guard values.count == 1, let length = values.first.flatMap({ Int($0) }), length >= 0 else {
                throw Self.malformed
            }
            guard length <= maximumBodyBytes else { throw Self.tooLarge(maximumBodyBytes) }
            while available < length {
                guard try fill() else { throw Self.cutShort }
            }
            compact()
            return (Array(take(length)), false)
        }
        while try fill() {
            guard available <= maximumBodyBytes else { throw Self.tooLarge(maximumBodyBytes) }
        }
        return (Array(take(available)), true)
    }

    private func readChunked(maximumBodyBytes: Int) throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let sizeLine = try line()
            let digits = sizeLine.prefix { $0 != 59 }  // up to ";" (chunk extensions)
            let hex = String(decoding: digits, as: UTF8.self).trimmedOfSpaces
            guard !hex.isEmpty, hex.count <= 15, let size = Int(hex, radix: 16) else { throw Self.malformed }
            if size == 0 {
                // Trailers, up to the empty line.
                while !(try line()).isEmpty {}
                return body
            }
            guard body.count + size <= maximumBodyBytes else { throw Self.tooLarge(maximumBodyBytes) }
            while available < size + 2 {
                guard try fill() else { throw Self.cutShort }
            }
            body.append(contentsOf: take(size))
            let end = take(2)
            guard end.elementsEqual([13, 10]) else { throw Self.malformed }
        }
    }

    static let malformed = ForgeError.invalidResponse("the server sent a malformed response")
    static let cutShort = ForgeError.offline("connection lost")
    /// The connection ended before any byte of an answer: a kept-alive connection the server
    /// had closed, which may be tried again on a new one.
    static let closedBeforeAnswer = ForgeError.offline("connection closed before an answer")

    static func tooLarge(_ maximum: Int) -> ForgeError {
        let size = maximum >= 1 << 20 ? "\(maximum >> 20) MB" : "\(maximum) bytes"
        return .invalidResponse("the answer is larger than \(size), the most Anvil accepts (max_response_mb)")
    }
}
