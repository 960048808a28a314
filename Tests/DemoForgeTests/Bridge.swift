import Foundation
import TestSupport

/// Keeps the `TestSupport` import in one place.
enum TestSupportBridge {
    static func allura(_ name: String) throws -> Data { try Fixtures.allura(name) }
}
