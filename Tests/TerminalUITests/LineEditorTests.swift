import Testing

@testable import TerminalUI

struct LineEditorTests {
    @Test func editsAndSubmits() {
        var e = LineEditor(prompt: ":")
        for c in "oexn" { _ = e.handle(.char(c)) }
        _ = e.handle(.left)
        _ = e.handle(.backspace)
        #expect(e.string == "oen")
        _ = e.handle(.home)
        _ = e.handle(.right)
        _ = e.handle(.char("p"))
        #expect(e.string == "open")
        #expect(e.handle(.enter) == .submitted("open"))
    }

    @Test func wordAndLineKillsAndCancel() {
        var e = LineEditor(prompt: ":", text: "open p/x/wiki")
        _ = e.handle(.ctrl("w"))
        #expect(e.string == "open ")
        _ = e.handle(.ctrl("u"))
        #expect(e.string == "")
        #expect(e.handle(.backspace) == .cancelled, "backspace on an empty prompt closes it")
        var f = LineEditor(prompt: "/", text: "abc")
        #expect(f.handle(.escape) == .cancelled)
    }

    @Test func historyAndCompletion() {
        var e = LineEditor(prompt: ":", history: ["open a", "theme mono"])
        _ = e.handle(.up)
        #expect(e.string == "theme mono")
        _ = e.handle(.up)
        #expect(e.string == "open a")
        _ = e.handle(.down)
        _ = e.handle(.down)
        #expect(e.string == "")
        for c in "re" { _ = e.handle(.char(c)) }
        _ = e.handle(.tab) { text in ["reload", "reply"].filter { $0.hasPrefix(text) } }
        #expect(e.string == "re")
        _ = e.handle(.char("l"))
        _ = e.handle(.tab) { text in ["reload", "reply"].filter { $0.hasPrefix(text) } }
        #expect(e.string == "reload")
    }
}

@Suite struct LineEditorChoiceTests {
    @Test func tabOnAnEmptyPromptStepsThroughTheChoices() {
        var e = LineEditor(prompt: "Status: ")
        let choices = { (text: String) in ["open", "pending", "closed"].filter { $0.hasPrefix(text) } }
        _ = e.handle(.tab, complete: choices)
        #expect(e.string == "open")
        _ = e.handle(.tab, complete: choices)
        #expect(e.string == "pending")
        _ = e.handle(.tab, complete: choices)
        _ = e.handle(.tab, complete: choices)
        #expect(e.string == "open", "back to the first")
        _ = e.handle(.char("x"))
        _ = e.handle(.tab, complete: choices)
        #expect(e.string == "openx", "typing ends the stepping")
    }
}
