/// Where an address's scheme ends: its first `://`, when no `/` comes before it (`p/x/?u=https://`
/// has none). Read as bytes, which is exact for these ASCII delimiters (UTF-8 never uses them
/// inside another character) and cheap: Foundation's `range(of:)` costs a tenth of a million
/// instructions the first time, on the way to the first request.
public enum SchemeSeparator {
    /// The index of the `:` of the first `://` in `bytes`, or nil.
    public static func find(in bytes: Substring.UTF8View) -> String.Index? {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            switch bytes[index] {
            case UInt8(ascii: "/"):
                return nil
            case UInt8(ascii: ":"):
                if bytes[bytes.index(after: index)...].starts(with: "//".utf8) { return index }
            default:
                break
            }
            index = bytes.index(after: index)
        }
        return nil
    }
}
