import Foundation

/// A JSON value as the demo forge produces it.
///
/// Encoding is deterministic: object keys are sorted, non-ASCII characters are written as
/// `\uXXXX` escapes (surrogate pairs beyond the BMP) and `<` as `\u003C`, as Allura does.
public enum DemoJSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([DemoJSON])
    case object([String: DemoJSON])

    /// A string, or `null` when `value` is nil.
    static func optional(_ value: String?) -> DemoJSON {
        value.map { .string($0) } ?? .null
    }

    /// The string inside, if this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The encoded bytes; `pretty` indents by two spaces (used for validation bodies).
    public func encoded(pretty: Bool = false) -> Data {
        var writer = JSONWriter(pretty: pretty)
        writer.write(self, indent: 0)
        return Data(writer.bytes)
    }
}

/// Serialises `DemoJSON` into bytes.
private struct JSONWriter {
    let pretty: Bool
    var bytes: [UInt8] = []

    init(pretty: Bool) {
        self.pretty = pretty
        bytes.reserveCapacity(4096)
    }

    mutating func write(_ value: DemoJSON, indent: Int) {
        switch value {
        case .null: append("null")
        case .bool(let b): append(b ? "true" : "false")
        case .int(let i): append(String(i))
        case .double(let d):
            if d.isFinite { append(String(d)) } else { append("null") }
        case .string(let s): writeString(s)
        case .array(let items):
            if items.isEmpty { append("[]"); return }
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { append(pretty ? "," : ", ") }
                newline(indent + 1)
                write(item, indent: indent + 1)
            }
            newline(indent)
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { append("{}"); return }
            bytes.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { append(pretty ? "," : ", ") }
                newline(indent + 1)
                writeString(key)
                append(": ")
                write(members[key] ?? .null, indent: indent + 1)
            }
            newline(indent)
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func newline(_ indent: Int) {
        guard pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: append("\\\"")
            case 0x5C: append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            case 0x3C: append("\\u003C")
            case 0x20..<0x7F: bytes.append(UInt8(scalar.value))
            case 0x10000...:
                let v = scalar.value - 0x10000
                escape(0xD800 + (v >> 10))
                escape(0xDC00 + (v & 0x3FF))
            default: escape(scalar.value)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ unit: UInt32) {
        let hex = String(unit, radix: 16)
        append("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex)
    }
}
