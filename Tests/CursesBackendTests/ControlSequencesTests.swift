import TerminalUI
import Testing

@testable import CursesBackend

@Suite struct ControlSequencesTests {
    @Test func clipboardCopiesAreBase64InOSC52() throws {
        #expect(ControlSequences.base64(Array("".utf8)) == "")
        #expect(ControlSequences.base64(Array("f".utf8)) == "Zg==")
        #expect(ControlSequences.base64(Array("fo".utf8)) == "Zm8=")
        #expect(ControlSequences.base64(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(ControlSequences.base64(Array("é\n".utf8)) == "w6kK")
        #expect(ControlSequences.clipboard("https://a.test/") == "\u{1B}]52;c;aHR0cHM6Ly9hLnRlc3Qv\u{1B}\\")
        let huge = String(repeating: "x", count: ControlSequences.maximumClipboardBytes + 1)
        #expect(ControlSequences.clipboard(huge) == nil, "too long for a terminal: refused, not cut")
        #expect(
            ControlSequences.tmuxPassthrough("\u{1B}]52;c;Zg==\u{1B}\\")
                == "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;Zg==\u{1B}\u{1B}\\\u{1B}\\")
    }

    @Test func hyperlinkAddressesHoldOnlyPrintableASCII() {
        #expect(ControlSequences.hyperlinkStart("https://a.test/p/x/") == "\u{1B}]8;;https://a.test/p/x/\u{1B}\\")
        #expect(ControlSequences.hyperlinkStart("https://a.test/é b") == "\u{1B}]8;;https://a.test/%C3%A9%20b\u{1B}\\")
        let hostile = ControlSequences.hyperlinkStart("https://a.test/\u{1B}]0;owned\u{07}")
        #expect(hostile == "\u{1B}]8;;https://a.test/%1B]0;owned%07\u{1B}\\")
        #expect(ControlSequences.hyperlinkStart("") == nil)
        #expect(ControlSequences.hyperlinkEnd == "\u{1B}]8;;\u{1B}\\")
    }
}
