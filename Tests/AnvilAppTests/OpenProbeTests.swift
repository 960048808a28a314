import DemoForge
import Foundation
import TerminalUI
import Testing

@testable import AnvilApp

/// `:open` of a forge whose kind only a probe can tell: the probe runs off the UI thread, the
/// screen stays usable, and Esc stops it.
@Suite struct OpenProbeTests {
    static func type(_ h: DemoHarness, _ text: String) {
        h.app.handle(.key(.char(":")))
        for c in text { h.app.handle(.key(.char(c))) }
        h.app.handle(.key(.enter))
    }

    @Test func theKindAProbeFoundOpensTheForge() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 100, height: 30)
            try h.open("p/\(DemoNames.mainProject)/")
            let asked = Recorder()
            let session = h.session
            h.app.options.kindProbe = { base in
                guard base.host == "unknown.example.org" else { return nil }
                let probe: @Sendable () async -> String = { "gitlab" }
                return probe
            }
            h.app.options.sessionForBase = { base, kind in
                asked.append("\(base.host ?? "") \(kind ?? "told")")
                return session
            }
            h.submit(":", "open https://unknown.example.org/some/project")
            #expect(asked.items == ["unknown.example.org gitlab"], "the probe's answer picks the kind")
            h.submit(":", "open https://known.example.org/p/x/")
            #expect(asked.items.last == "known.example.org told", "no probe when the kind is known")
        }
    }

    @Test func escStopsAProbeAndTheScreenStaysUsable() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 100, height: 30)
            try h.open("p/\(DemoNames.mainProject)/")
            let asked = Recorder()
            h.app.options.kindProbe = { _ in
                {
                    try? await Task.sleep(for: .seconds(60))
                    return "allura"
                }
            }
            let session = h.session
            h.app.options.sessionForBase = { base, _ in
                asked.append(base.absoluteString)
                return session
            }
            let started = Date()
            Self.type(h, "open https://silent.example.org/x/y")
            #expect(h.status.contains("Asking silent.example.org what kind of forge it is… (Esc cancels)"))
            #expect(Date().timeIntervalSince(started) < 5, "the UI thread did not wait for the probe")
            h.app.handle(.key(.char("j")))
            #expect(h.app.loadsInFlight == 1)
            h.app.handle(.key(.escape))
            #expect(h.status.contains("Stopped loading"), "\(h.status)")
            #expect(h.app.loadsInFlight == 0)
            h.settle()
            #expect(asked.items.isEmpty, "a stopped probe opens nothing")
        }
    }
}
