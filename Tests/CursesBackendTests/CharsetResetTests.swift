import Testing

@testable import CursesBackend

/// `sgr0` and `sgr` lose the way back from the alternate character set, as terminfo spells them
/// for tmux (SI after) and xterm (`ESC ( B` before).
@Suite struct CharsetResetTests {
    let tmux = CharsetReset(enter: "\u{0E}", exit: "\u{0F}")
    let xterm = CharsetReset(enter: "\u{1B}(0", exit: "\u{1B}(B")

    @Test func resetsLoseTheirCharsetChange() {
        #expect(tmux.trimmedReset("\u{1B}[m\u{0F}") == "\u{1B}[m")
        #expect(xterm.trimmedReset("\u{1B}(B\u{1B}[m") == "\u{1B}[m")
        #expect(tmux.trimmedReset("\u{1B}[m") == nil)
        #expect(tmux.trimmedReset("\u{0F}") == nil, "nothing would be left")
        #expect(CharsetReset(enter: "", exit: "").trimmedReset("\u{1B}[m") == nil)
    }

    @Test func setAttributesLosesItsCharsetChoice() {
        let tmuxSGR =
            "\u{1B}[0%?%p6%t;1%;%?%p2%t;4%;%?%p1%p3%|%t;7%;%?%p4%t;5%;%?%p5%t;2%;%?%p7%t;8%;m%?%p9%t\u{0E}%e\u{0F}%;"
        #expect(
            tmux.trimmedSetAttributes(tmuxSGR)
                == "\u{1B}[0%?%p6%t;1%;%?%p2%t;4%;%?%p1%p3%|%t;7%;%?%p4%t;5%;%?%p5%t;2%;%?%p7%t;8%;m")
        let xtermSGR = "%?%p9%t\u{1B}(0%e\u{1B}(B%;\u{1B}[0%?%p6%t;1%;%?%p5%t;2%;m"
        #expect(xterm.trimmedSetAttributes(xtermSGR) == "\u{1B}[0%?%p6%t;1%;%?%p5%t;2%;m")
        #expect(tmux.trimmedSetAttributes("\u{1B}[0%?%p6%t;1%;m") == nil)
        #expect(xterm.trimmedSetAttributes(tmuxSGR) == nil, "another terminal's charset change stays")
    }
}
