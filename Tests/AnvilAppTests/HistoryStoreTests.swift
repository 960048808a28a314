import Foundation
import Testing

@testable import AnvilApp

/// Recent places are private: the file only its owner can read, in a directory only they can enter.
@Suite struct HistoryStoreTests {
    @Test("history is written 0600 in a directory created 0700, replacing a looser file")
    func historyIsPrivate() throws {
        let root = NSTemporaryDirectory() + "anvil-history-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/state/anvil/history"
        let store = HistoryStore(file: URL(fileURLWithPath: path))
        store.record("https://forge.example.org/p/one/")
        #expect(try mode(of: path) == 0o600)
        #expect(try mode(of: root + "/state/anvil") == 0o700)
        #expect(try mode(of: root + "/state") == 0o700)

        chmod(path, 0o644)
        store.record("https://forge.example.org/p/two/")
        #expect(try mode(of: path) == 0o600)
        #expect(HistoryStore(file: URL(fileURLWithPath: path)).entries.count == 2)
    }

    private func mode(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return ((attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
    }
}
