import Foundation
import HTTP

/// An Allura datetime (§3.2): naive UTC `YYYY-MM-DD HH:MM:SS[.ffffff]`. Also accepted: `T`
/// instead of the space, a trailing `Z`, and an offset such as `+00:00`.
///
/// Decodes from a JSON string and keeps the raw text; `date` is nil when it does not parse.
public struct AlluraTimestamp: Decodable, Hashable, Sendable {
    public var raw: String
    public var date: Date?

    public init(_ raw: String) {
        self.raw = raw
        self.date = Self.parse(raw)
    }

    public init(from decoder: Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    /// Parses the formats above (see `WireTimestamp`). Returns nil for anything else.
    public static func parse(_ text: String) -> Date? { WireTimestamp.parse(text) }
}
