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
}
