import DemoForge
import Foundation
import TerminalUI
import Testing

@testable import AnvilApp

/// Keys that come close together (a held key repeating) leave the title line as it was, so a
/// one-line scroll does not rewrite the position counter at every step; the title catches up
/// once the keys pause.
struct KeyRepeatTitleTests {
    /// The title line after `keys` come in one burst, and again once the run loop went idle.
    private func titles(after keys: [Key], window: Duration) throws -> (burst: String, settled: String) {
        var options = AppOptions()
        options.keyRepeatWindow = window
        let h = try DemoHarness(options: options)
        try h.open("p/\(DemoNames.mainProject)/wiki/")
        h.device.feed(keys.map { .key($0) })
        var seen: [String] = []
        h.device.whenIdle = {
            seen.append(h.device.screen.rowText(0))
            return seen.count >= 2 ? .key(.char("Q")) : nil
        }
        _ = h.app.run()
        return (seen.first ?? "", seen.last ?? "")
    }

    /// The `12/230` at the end of a title line.
    private func position(_ title: String) -> String {
        String(title.split(separator: " ").last ?? "")
    }

    @Test func aBurstOfKeysLeavesTheTitleUntilTheKeysPause() async throws {
        try await onUIThread {
            let (burst, settled) = try titles(after: Array(repeating: .char("j"), count: 4), window: .seconds(30))
            // The first key of the burst is drawn in full; the three after it keep its title.
            #expect(position(burst).hasPrefix("2/"), "\(burst)")
            #expect(position(settled).hasPrefix("5/"), "\(settled)")
        }
    }

    @Test func withoutAWindowEveryKeyRedrawsTheTitle() async throws {
        try await onUIThread {
            let (burst, settled) = try titles(after: Array(repeating: .char("j"), count: 4), window: .zero)
            #expect(position(burst).hasPrefix("5/"), "\(burst)")
            #expect(position(settled).hasPrefix("5/"), "\(settled)")
        }
    }
}
