import DemoForge
import ForgeModel
import Foundation
import Store
import Testing

@testable import AnvilApp

/// With the state database unusable, drafts live in memory: the messages say so, and quitting
/// with such drafts asks first.
@Suite struct MemoryDraftTests {
    @Test func memoryOnlyDraftsAreNamedAndGuardQuitting() async throws {
        try await onUIThread {
            let rule = DemoForge.FaultRule(pathContains: "_discuss", method: "POST", status: 500)
            let forge = DemoForge(seed: 1, options: DemoForge.Options(faults: [rule]))
            var options = AppOptions()
            options.state = LocalState(path: "/dev/null/anvil/state.sqlite")
            options.editText = { _ in "A comment worth keeping" }
            let h = try DemoHarness(width: 120, height: 30, forge: forge, options: options)
            try h.open("p/\(DemoNames.mainProject)/\(DemoNames.mainTracker)/1/")
            h.press(.char("c"))
            #expect(h.status.contains("Not sent, draft kept in memory only"), "\(h.status)")

            h.press(.char("Q"))
            #expect(h.app.isRunning, "quitting asks first")
            #expect(h.app.prompt?.prompt.contains("only in memory") == true)
            h.press(.char("n"), .enter)
            #expect(h.app.isRunning)
            h.press(.char("Q"), .char("y"), .enter)
            #expect(!h.app.isRunning)
        }
    }

    @Test func savedDraftsDoNotAsk() async throws {
        try await onUIThread {
            var options = AppOptions()
            options.state = LocalState(store: try StateStore.inMemory())
            let h = try DemoHarness(options: options)
            try h.open("p/\(DemoNames.mainProject)/")
            h.press(.char("Q"))
            #expect(!h.app.isRunning)
        }
    }
}
