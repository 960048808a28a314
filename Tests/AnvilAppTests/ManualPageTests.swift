import AnvilApp
import Foundation
import TerminalUI
import TestSupport
import Testing

/// `doc/anvil.1` stays in step with the action table: its keys part is exactly what the table
/// generates (`ANVIL_UPDATE_MAN=1`, or `make man`, rewrites it), and every action's name and
/// default keys appear on the page.
@Suite("Man page")
struct ManualPageTests {
    let pageURL = Fixtures.packageRoot.appendingPathComponent("doc/anvil.1")

    @Test("the generated keys part matches the action table")
    func keysPartIsCurrent() throws {
        let page = try String(contentsOf: pageURL, encoding: .utf8)
        let updated = try #require(ManualKeys.updating(page), "doc/anvil.1 lacks the generated-keys markers")
        if updated != page, ProcessInfo.processInfo.environment["ANVIL_UPDATE_MAN"] == "1" {
            try updated.write(to: pageURL, atomically: true, encoding: .utf8)
            return
        }
        #expect(
            updated == page,
            "doc/anvil.1 is out of date with the action table (run `make man`): \(firstDifference(page, updated))")
    }

    /// The first line where `old` and `new` differ, for a short failure message.
    func firstDifference(_ old: String, _ new: String) -> String {
        let a = old.components(separatedBy: "\n")
        let b = new.components(separatedBy: "\n")
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? a[index] : "(end)"
            let right = index < b.count ? b[index] : "(end)"
            if left != right { return "line \(index + 1) is '\(left)', the table gives '\(right)'" }
        }
        return "no difference"
    }

    @Test("every action's name and default keys are on the page")
    func everyActionIsDocumented() throws {
        let page = try String(contentsOf: pageURL, encoding: .utf8)
        for action in Action.allCases {
            #expect(page.contains("\\fB" + ManualKeysProbe.roff(action.rawValue) + "\\fR)"), "\(action.rawValue)")
            for key in action.defaultKeys {
                #expect(page.contains("\\fB" + ManualKeysProbe.roff(key) + "\\fR"), "key \(key) of \(action.rawValue)")
            }
        }
    }

    @Test("a page without markers is refused rather than rewritten")
    func missingMarkers() {
        #expect(ManualKeys.updating(".TH X 1\n.SH NAME\nx\n") == nil)
    }
}

/// The roff spelling of a name, written out here so the test does not trust the generator.
enum ManualKeysProbe {
    static func roff(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
    }
}
