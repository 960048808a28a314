import Glibc
import TerminalUI
import Testing

@testable import CursesBackend

@Suite struct CursesTerminalTests {
    // `swift test` normally runs with its output captured, not on a terminal.
    @Test(.enabled(if: isatty(0) == 0 || isatty(1) == 0, "needs stdin or stdout not to be a terminal"))
    func refusesToStartWithoutATerminal() throws {
        let wake = try WakeSignal()
        #expect(throws: CursesTerminalError.self) {
            _ = try CursesTerminal(wake: wake, theme: BuiltinTheme.theme, colorsEnabled: true)
        }
    }

    @Test func attributesMapToDistinctCursesBits() {
        let all: [Attributes] = [.bold, .dim, .italic, .underline, .reverse, .standout]
        let bits = all.map { CursesTerminal.attributes($0) }
        #expect(Set(bits).count == all.count)
        #expect(bits.allSatisfy { $0 != 0 })
        #expect(CursesTerminal.attributes([]) == 0)
        #expect(CursesTerminal.attributes([.bold, .reverse]) == bits[0] | bits[4])
    }
}
