import ForgeModel
import Foundation

/// Decoding a forge's JSON answer, with failures as `ForgeError.invalidResponse` and a short
/// reason: the key path and what was wrong there, never the values.
public enum JSONAnswer {
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(ForgeError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw ForgeError.invalidResponse(reason(error))
        } catch {
            throw ForgeError.invalidResponse("not JSON")
        }
    }

    /// `missing [0].iid`, `wrong type at .state`, `not JSON`.
    public static func reason(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing \(path(context)).\(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "wrong type at \(path(context))"
        case .dataCorrupted: return "not JSON"
        @unknown default: return "unreadable answer"
        }
    }
}
