import ForgeModel
import Foundation
import HTTP

/// An absolute or relative URL taken apart by hand, so that raw non-ASCII characters (which
/// Allura puts in blog URLs and `Location` headers) never make parsing fail.
struct URLParts: Hashable {
    /// `https://host:port`, or nil for a relative reference.
    var origin: String?
    /// Path segments, percent-decoded, without empty segments.
    var segments: [String]
    /// The raw query string without `?`, or nil.
    var query: String?
    /// What follows `#`, percent-decoded, or nil.
    var fragment: String?

    /// The origin, query and fragment are found byte by byte: their delimiters are ASCII, which
    /// UTF-8 never uses inside another character's bytes (searches by characters cost a tenth of a
    /// million instructions for one URL, on the way to the first request).
    init(_ text: String) {
        let text = text.trimmedOfWhitespace
        let bytes = text.utf8
        var end = bytes.endIndex
        if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) {
            fragment = PathSegment.decode(String(text[bytes.index(after: hash)...]))
            end = hash
        } else {
            fragment = nil
        }
        var start = bytes.startIndex
        if let scheme = SchemeSeparator.find(in: bytes[start..<end]) {
            let authorityStart = bytes.index(scheme, offsetBy: 3)
            let authorityEnd =
                bytes[authorityStart..<end].firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") })
                ?? end
            origin = text[start..<scheme].lowercased() + "://" + String(text[authorityStart..<authorityEnd])
            start = authorityEnd
        } else {
            origin = nil
        }
        if let question = bytes[start..<end].firstIndex(of: UInt8(ascii: "?")) {
            query = String(text[bytes.index(after: question)..<end])
            end = question
        } else {
            query = nil
        }
        // Split by characters, as the router splits the paths it makes (a slash that a combining
        // mark follows is not a separator there either).
        segments = text[start..<end].split(separator: "/").map { PathSegment.decode(String($0)) }
    }

    /// The decoded value of query parameter `name` (`+` read as a space), or nil.
    func queryValue(_ name: String) -> String? {
        guard let query else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = PathSegment.decode(parts[0].replacingOccurrences(of: "+", with: " "))
            guard key == name else { continue }
            let value = parts.count > 1 ? String(parts[1]) : ""
            return PathSegment.decode(value.replacingOccurrences(of: "+", with: " "))
        }
        return nil
    }

    /// The path segments below `base`: the base URL's own path prefix and a leading `rest`
    /// are removed.
    func segments(below base: URL) -> [String] {
        var result = segments
        let prefix = base.path.split(separator: "/").map { PathSegment.decode(String($0)) }
        if !prefix.isEmpty, result.starts(with: prefix) { result.removeFirst(prefix.count) }
        if result.first == "rest" { result.removeFirst() }
        return result
    }
}

extension URL {
    /// `scheme://host[:port]` of this URL.
    var origin: String {
        var text =
            "\(scheme ?? "https")://\(host.map { $0.utf8.contains(UInt8(ascii: ":")) && !$0.hasPrefix("[") ? "[\($0)]" : $0 } ?? "")"
        if let port { text += ":\(port)" }
        return text
    }
}
