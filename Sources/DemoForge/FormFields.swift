import Foundation

/// Decoded `application/x-www-form-urlencoded` pairs (a query string or a form body), in order.
struct FormFields: Sendable {
    private(set) var pairs: [(name: String, value: String)] = []

    init(encoded: String?) {
        guard let encoded, !encoded.isEmpty else { return }
        for part in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(pieces[0])
            let value = pieces.count > 1 ? Self.decode(pieces[1]) : ""
            pairs.append((name, value))
        }
    }

    init(body: Data?) {
        self.init(encoded: body.flatMap { String(data: $0, encoding: .utf8) })
    }

    /// `+` as a space, then percent-decoded (left as it came when an escape is invalid).
    private static func decode(_ raw: Substring) -> String {
        let hasPlus = raw.utf8.contains(UInt8(ascii: "+"))
        let hasPercent = raw.utf8.contains(UInt8(ascii: "%"))
        guard hasPlus || hasPercent else { return String(raw) }
        let spaced =
            hasPlus
            ? String(decoding: raw.utf8.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
            : String(raw)
        return hasPercent ? spaced.removingPercentEncoding ?? spaced : spaced
    }

    /// The first value of `name`.
    subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Whether `name` occurs at all.
    func has(_ name: String) -> Bool {
        pairs.contains { $0.name == name }
    }

    /// The names that start with `prefix`, in order, without duplicates.
    func names(withPrefix prefix: String) -> [String] {
        var seen = Set<String>()
        return pairs.map(\.name).filter { $0.hasPrefix(prefix) && seen.insert($0).inserted }
    }
}
