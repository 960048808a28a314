import CCurses
import TerminalUI
import Testing

@testable import CursesBackend

@Suite struct KeyDecoderTests {
    func key(_ input: CursesInput) -> Key? {
        if case .key(let key) = KeyDecoder.decode(input) { return key }
        return nil
    }

    @Test func controlCharacters() {
        #expect(key(.character(10)) == .enter)
        #expect(key(.character(13)) == .enter)
        #expect(key(.character(9)) == .tab)
        #expect(key(.character(27)) == .escape)
        #expect(key(.character(127)) == .backspace)
        #expect(key(.character(8)) == .backspace)
        #expect(key(.character(1)) == .ctrl("a"))
        #expect(key(.character(18)) == .ctrl("r"))
        #expect(key(.character(26)) == .ctrl("z"))
        #expect(KeyDecoder.decode(.character(0)) == nil)
        #expect(KeyDecoder.decode(.character(28)) == nil)
        #expect(KeyDecoder.decode(.character(0x9B)) == nil)  // C1 CSI
    }

    @Test func printableCharacters() {
        #expect(key(.character(0x6A)) == .char("j"))
        #expect(key(.character(0x20)) == .char(" "))
        #expect(key(.character(0x4E2D)) == .char("中"))
        #expect(key(.character(0x1F642)) == .char("🙂"))
        #expect(KeyDecoder.decode(.character(0xD800)) == nil)  // lone surrogate
    }

    @Test func cursesKeyCodes() {
        let expected: [(Int32, Key)] = [
            (KEY_ENTER, .enter), (KEY_BTAB, .backTab), (KEY_BACKSPACE, .backspace),
            (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
            (KEY_HOME, .home), (KEY_END, .end), (KEY_FIND, .home), (KEY_SELECT, .end),
            (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_DC, .delete), (KEY_IC, .insert),
        ]
        for (code, k) in expected { #expect(key(.keyCode(code)) == k, "code \(code)") }
    }

    @Test func functionKeys() {
        #expect(key(.keyCode(ccurses_key_f(1))) == .function(1))
        #expect(key(.keyCode(ccurses_key_f(12))) == .function(12))
        #expect(KeyDecoder.decode(.keyCode(ccurses_key_f(0))) == nil)
    }

    @Test func resizeAndUnknownCodes() {
        #expect(KeyDecoder.decode(.keyCode(KEY_RESIZE)) == .resize)
        #expect(KeyDecoder.decode(.keyCode(KEY_MOUSE)) == nil)
    }
}
