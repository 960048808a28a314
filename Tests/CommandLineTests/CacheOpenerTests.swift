import Foundation
import HTTP
import Synchronization
import Testing

@testable import anvil

/// The response cache is opened by its first use (a load's read, off the UI thread) or by an open
/// started in the background, once; a file that cannot be used is reported once and then read as
/// an empty, unavailable store.
@Suite struct CacheOpenerTests {
    static func directory() throws -> String {
        let path = NSTemporaryDirectory() + "anvil-opener-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("the file is created by the first read, not when the transport's store is made")
    func openedByFirstUse() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/cache/cache.sqlite"
        let opener = CacheOpener(path: path)
        let store = opener.store(capacity: 1 << 20)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(store.storedResponse(forge: "f", url: "u") == nil)
        #expect(FileManager.default.fileExists(atPath: path))
        store.keep(HTTPResponse(status: 200, body: Data("kept".utf8)), forge: "f", url: "u")
        #expect(store.storedResponse(forge: "f", url: "u")?.response.body == Data("kept".utf8))
        #expect(store.unavailableReason == nil)
        #expect(opener.cache(capacity: 1 << 20) != nil)
    }

    @Test("an open made on another thread leaves the cache open for the first read")
    func openedOnAnotherThread() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/cache.sqlite"
        let opener = CacheOpener(path: path)
        let done = DispatchSemaphore(value: 0)
        Thread {
            opener.openNow(capacity: 1 << 20)
            done.signal()
        }.start()
        done.wait()
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(opener.cache(capacity: 1 << 20)?.path == path)
        #expect(opener.store(capacity: 1 << 20).storedResponse(forge: "f", url: "u") == nil)
        #expect(opener.warning == nil)
    }

    @Test("a file that is not a database is reported once, and the store says why it has nothing")
    func aBadFileIsReportedOnce() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/cache.sqlite"
        try Data(repeating: 0x5A, count: 8_192).write(to: URL(fileURLWithPath: path))
        let reports = Mutex<[String]>([])
        let opener = CacheOpener(path: path) { warning in reports.withLock { $0.append(warning) } }
        let store = opener.store(capacity: 1 << 20)
        #expect(store.storedResponse(forge: "f", url: "u") == nil)
        #expect(store.storedResponse(forge: "f", url: "u") == nil)
        #expect(opener.cache(capacity: 1 << 20) == nil)
        let seen = reports.withLock { $0 }
        #expect(seen.count == 1)
        #expect(seen.first?.contains(path) == true && seen.first?.contains("running without a cache") == true)
        #expect(store.unavailableReason.map { $0 + " (running without a cache)" } == seen.first)
    }

    @Test("no path or no room is no cache, and opening it ahead creates nothing")
    func turnedOff() throws {
        #expect(!CacheOpener(path: nil).isConfigured(capacity: 1 << 20))
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let noRoom = CacheOpener(path: directory + "/cache.sqlite")
        #expect(!noRoom.isConfigured(capacity: 0))
        noRoom.openNow(capacity: 0)
        #expect(!FileManager.default.fileExists(atPath: directory + "/cache.sqlite"))
        let opener = CacheOpener(path: nil)
        opener.openNow(capacity: 1 << 20)
        #expect(opener.store(capacity: 1 << 20).unavailableReason == "the cache is turned off")
    }
}
