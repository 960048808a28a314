import Foundation

/// A strict pull reader of JSON text, for the answers read most (a thread's page of posts), at a
/// fraction of `JSONDecoder`'s cost: no generic decoding machinery, no dynamic casts.
///
/// It accepts less than `JSONDecoder`: anything it could read otherwise than `JSONDecoder` would
/// (a key with an escape, a key given twice, a number other than a plain integer where an
/// integer is wanted, a lone surrogate, invalid UTF-8) makes it fail, and the caller then decodes
/// with `JSONDecoder`. What it reads is therefore always what `JSONDecoder` reads, and failures
/// are always `JSONDecoder`'s, with its messages.
public struct JSONReader {
    /// The text is not one this reader reads exactly as `JSONDecoder` would.
    public struct Failure: Error, Hashable, Sendable {
        public init() {}
    }

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    /// Deeper nesting than this is left to `JSONDecoder`.
    private static let maximumDepth = 256

    private init(_ data: Data) {
        bytes = [UInt8](data)
    }

    /// Reads `data` as one value with `read`; only whitespace may follow it.
    public static func read<T>(
        _ data: Data, _ read: (inout JSONReader) throws(Failure) -> T
    ) throws(Failure) -> T {
        var reader = JSONReader(data)
        reader.skipWhitespace()
        let value = try read(&reader)
        reader.skipWhitespace()
        guard reader.index == reader.bytes.count else { throw Failure() }
        return value
    }

    // MARK: Structure

    /// A key of the object being read, compared with `reader.key(_:is:)`.
    public struct Key {
        fileprivate var start: Int
        fileprivate var count: Int
    }

    /// Whether `key` is `name` (an ASCII name).
    public func key(_ key: Key, is name: StaticString) -> Bool {
        guard key.count == name.utf8CodeUnitCount else { return false }
        let text = name.utf8Start
        for offset in 0..<key.count where bytes[key.start + offset] != text[offset] { return false }
        return true
    }

    /// The text of `key`.
    public func text(of key: Key) -> String {
        String(decoding: bytes[key.start..<key.start + key.count], as: UTF8.self)
    }

    /// Reads an object, handing each key to `field`, which must read (or skip) its value.
    public mutating func readObject(
        _ field: (inout JSONReader, Key) throws(Failure) -> Void
    ) throws(Failure) {
        try expect(UInt8(ascii: "{"))
        try enter()
        var keys: [Key] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return
        }
        while true {
            skipWhitespace()
            let key = try readKey()
            // Which of two equal keys JSONDecoder keeps is its business.
            for earlier in keys where earlier.count == key.count {
                if bytes[earlier.start..<earlier.start + earlier.count] == bytes[key.start..<key.start + key.count] {
                    throw Failure()
                }
            }
            keys.append(key)
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            try field(&self, key)
            skipWhitespace()
            switch next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"):
                depth -= 1
                return
            default: throw Failure()
            }
        }
    }

    /// Reads an array, calling `element` for each value, which must read (or skip) it.
    public mutating func readArray(_ element: (inout JSONReader) throws(Failure) -> Void) throws(Failure) {
        try expect(UInt8(ascii: "["))
        try enter()
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return
        }
        while true {
            skipWhitespace()
            try element(&self)
            skipWhitespace()
            switch next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"):
                depth -= 1
                return
            default: throw Failure()
            }
        }
    }

    /// An array of values each read by `element`, or nil for `null`.
    public mutating func readOptionalArray<Element>(
        _ element: (inout JSONReader) throws(Failure) -> Element
    ) throws(Failure) -> [Element]? {
        guard !readNull() else { return nil }
        var list: [Element] = []
        try readArray { reader throws(Failure) in list.append(try element(&reader)) }
        return list
    }

    /// Consumes a `null` if one comes next; true when it did.
    public mutating func readNull() -> Bool {
        skipWhitespace()
        guard matches("null") else { return false }
        index += 4
        return true
    }

    // MARK: Values

    public mutating func readString() throws(Failure) -> String {
        try expect(UInt8(ascii: "\""))
        let start = index
        // Most strings have no escape: one pass to find the end, one copy; ASCII needs no check.
        var ascii = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                defer { index += 1 }
                return ascii
                    ? String(decoding: bytes[start..<index], as: UTF8.self) : try Self.text(bytes[start..<index])
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw Failure() }
            if byte >= 0x80 { ascii = false }
            index += 1
        }
        var buffer = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return try Self.text(buffer[...])
            case UInt8(ascii: "\\"):
                try readEscape(into: &buffer)
            case ..<0x20:
                throw Failure()
            default:
                buffer.append(byte)
            }
        }
        throw Failure()
    }

    public mutating func readOptionalString() throws(Failure) -> String? {
        readNull() ? nil : try readString()
    }

    /// A plain integer (`-?[0-9]+`, no leading zero); a fraction or an exponent is a failure.
    public mutating func readInt() throws(Failure) -> Int {
        var negative = false
        if peek() == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        let start = index
        var value = 0
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            index += 1
        }
        let digits = index - start
        guard digits > 0, digits <= 18, digits == 1 || bytes[start] != UInt8(ascii: "0") else { throw Failure() }
        if let byte = peek(), byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            throw Failure()
        }
        return negative ? -value : value
    }

    public mutating func readOptionalInt() throws(Failure) -> Int? {
        readNull() ? nil : try readInt()
    }

    public mutating func readBool() throws(Failure) -> Bool {
        if matches("true") {
            index += 4
            return true
        }
        if matches("false") {
            index += 5
            return false
        }
        throw Failure()
    }

    public mutating func readOptionalBool() throws(Failure) -> Bool? {
        readNull() ? nil : try readBool()
    }

    /// Reads past one value of any kind, checking it is JSON.
    public mutating func skipValue() throws(Failure) {
        skipWhitespace()
        switch peek() {
        case UInt8(ascii: "{"): try readObject { reader, _ throws(Failure) in try reader.skipValue() }
        case UInt8(ascii: "["): try readArray { reader throws(Failure) in try reader.skipValue() }
        case UInt8(ascii: "\""): _ = try readString()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try readBool()
        case UInt8(ascii: "n"): if !readNull() { throw Failure() }
        default: try skipNumber()
        }
    }

    // MARK: Pieces

    private mutating func skipNumber() throws(Failure) {
        if peek() == UInt8(ascii: "-") { index += 1 }
        let start = index
        skipDigits()
        let digits = index - start
        guard digits > 0, digits == 1 || bytes[start] != UInt8(ascii: "0") else { throw Failure() }
        if peek() == UInt8(ascii: ".") {
            index += 1
            let fraction = index
            skipDigits()
            guard index > fraction else { throw Failure() }
        }
        if let byte = peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            index += 1
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { index += 1 }
            let exponent = index
            skipDigits()
            guard index > exponent else { throw Failure() }
        }
    }

    private mutating func skipDigits() {
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
    }

    /// A key: printable ASCII without escapes (JSONDecoder would match an escaped key after
    /// decoding it, and may refuse a key that is not UTF-8).
    private mutating func readKey() throws(Failure) -> Key {
        try expect(UInt8(ascii: "\""))
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return Key(start: start, count: index - 1 - start)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { throw Failure() }
            index += 1
        }
        throw Failure()
    }

    /// The escape after a backslash, appended as UTF-8.
    private mutating func readEscape(into buffer: inout [UInt8]) throws(Failure) {
        guard let byte = next() else { throw Failure() }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(byte)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard next() == UInt8(ascii: "\\"), next() == UInt8(ascii: "u") else { throw Failure() }
                let low = try readHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw Failure() }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw Failure()
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw Failure() }
            buffer.append(contentsOf: UTF8.encode(unicode)!)
        default:
            throw Failure()
        }
    }

    private mutating func readHex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw Failure() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            index += 1
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Failure()
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Valid UTF-8 as a string; invalid bytes are a failure, not a replacement character.
    private static func text(_ slice: ArraySlice<UInt8>) throws(Failure) -> String {
        guard let text = String(validating: slice, as: UTF8.self) else { throw Failure() }
        return text
    }

    private mutating func enter() throws(Failure) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw Failure() }
    }

    private mutating func expect(_ byte: UInt8) throws(Failure) {
        guard next() == byte else { throw Failure() }
    }

    private mutating func next() -> UInt8? {
        guard index < bytes.count else { return nil }
        defer { index += 1 }
        return bytes[index]
    }

    private func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    private func matches(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let start = word.utf8Start
        for offset in 0..<count where bytes[index + offset] != start[offset] { return false }
        return true
    }

    private mutating func skipWhitespace() {
        while let byte = peek(),
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
                || byte == UInt8(ascii: "\t")
        {
            index += 1
        }
    }
}
