import CSystem
import Foundation
import Testing

/// The program's zero-initialised data is mapped writable at start (see `anvil`'s main).
struct PopulateDataTests {
    /// The kernel's version as (major, minor), from uname.
    static var kernel: (Int, Int) {
        var name = utsname()
        uname(&name)
        let release = withUnsafeBytes(of: &name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let parts = release.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        return (parts.first ?? 0, parts.dropFirst().first ?? 0)
    }

    /// MADV_POPULATE_WRITE came with Linux 5.14.
    static var kernelPopulates: Bool { kernel.0 > 5 || (kernel.0 == 5 && kernel.1 >= 14) }

    @Test(.enabled(if: kernelPopulates)) func theDataIsMappedWritable() {
        #expect(csystem_populate_bss() == 0, "errno \(errno)")
        // Again: the pages are there already, and nothing changes.
        #expect(csystem_populate_bss() == 0, "errno \(errno)")
    }
}
