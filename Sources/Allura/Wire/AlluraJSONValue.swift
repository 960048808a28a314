/// Any JSON value, for fields whose type varies (ticket `custom_fields`, tool options).
public enum AlluraJSONValue: Decodable, Hashable, Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    case array([AlluraJSONValue])
    case object([String: AlluraJSONValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([AlluraJSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: AlluraJSONValue].self))
        }
    }

    /// The value as form text: strings as they are, numbers in decimal, booleans as
    /// `true`/`false`, null as `""`.
    public var text: String {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return ""
        case .array(let values): return values.map(\.text).joined(separator: ",")
        case .object: return ""
        }
    }

    /// The value read as a boolean, accepting `true`, `"True"`, `"on"`, `"yes"`, `"1"` and 1.
    public var isTruthy: Bool {
        switch self {
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .double(let d): return d != 0
        case .string(let s): return ["true", "on", "yes", "1"].contains(s.lowercased())
        case .null, .array, .object: return false
        }
    }
}

/// A boolean that old Allura data may store as a string (`"on"`, `"True"`) or a number.
public struct LenientBool: Decodable, Hashable, Sendable {
    public var value: Bool

    public init(_ value: Bool) { self.value = value }

    public init(from decoder: Decoder) throws {
        value = try AlluraJSONValue(from: decoder).isTruthy
    }
}
