import Foundation

/// Percent-encoding of one URL path segment (or one form/query component) for forge APIs.
///
/// Only the RFC 3986 unreserved characters `A–Z a–z 0–9 - . _ ~` pass through; every other
/// UTF-8 byte becomes `%XX`. A space is `%20` and a `+` is `%2B`, so neither is ever taken
/// for the other, and `/`, `;`, `&` cannot split the segment.
public enum PathSegment {
    /// The encoded form of `s`, e.g. `FAQ & Tips (v2)` → `FAQ%20%26%20Tips%20%28v2%29`.
    public static func encode(_ s: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        for byte in s.utf8 {
            if isUnreserved(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The decoded form of a segment; invalid escapes are kept as they are.
    public static func decode(_ s: String) -> String {
        s.removingPercentEncodingLeniently()
    }

    static func isUnreserved(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
}

extension String {
    /// Decodes `%XX` escapes as UTF-8. Unlike `removingPercentEncoding` it never fails: a
    /// malformed escape, or bytes that are not UTF-8, are left as they were.
    func removingPercentEncodingLeniently() -> String {
        guard utf8.contains(UInt8(ascii: "%")) else { return self }
        let bytes = Array(utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count,
                let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2])
            {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(validating: out, as: UTF8.self) ?? self
    }
}

private func hexValue(_ b: UInt8) -> UInt8? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
    default: return nil
    }
}
