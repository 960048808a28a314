import CCurses
import TerminalUI

/// What one `get_wch` call produced.
public enum CursesInput: Hashable, Sendable {
    /// `get_wch` returned `OK`: a character (possibly a control character).
    case character(UInt32)
    /// `get_wch` returned `KEY_CODE_YES`: a curses key code such as `KEY_UP`.
    case keyCode(Int32)
}

/// The result of decoding curses input.
public enum DecodedInput: Hashable, Sendable {
    case key(Key)
    /// ncurses reports that the terminal was resized.
    case resize
}

/// Turns curses input into `Key`s. Pure: no curses calls.
public enum KeyDecoder {
    /// The `Key` (or resize) for `input`; nil for input Anvil has no name for.
    public static func decode(_ input: CursesInput) -> DecodedInput? {
        switch input {
        case .character(let code): return decodeCharacter(code).map(DecodedInput.key)
        case .keyCode(let code): return decodeKeyCode(code)
        }
    }

    static func decodeCharacter(_ code: UInt32) -> Key? {
        switch code {
        case 10, 13: return .enter
        case 9: return .tab
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(code) + 0x60)))
        case 0..<32, 0x80..<0xA0: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .char(Character(scalar))
        }
    }

    static func decodeKeyCode(_ code: Int32) -> DecodedInput? {
        let functionKeys = ccurses_key_f(1)...ccurses_key_f(63)
        if functionKeys.contains(code) { return .key(.function(Int(code - ccurses_key_f(0)))) }
        let key: Key
        switch code {
        case KEY_RESIZE: return .resize
        case KEY_ENTER: key = .enter
        case KEY_BTAB: key = .backTab
        case KEY_BACKSPACE: key = .backspace
        case KEY_UP, KEY_SR: key = .up
        case KEY_DOWN, KEY_SF: key = .down
        case KEY_LEFT, KEY_SLEFT: key = .left
        case KEY_RIGHT, KEY_SRIGHT: key = .right
        case KEY_HOME, KEY_SHOME, KEY_FIND, KEY_A1: key = .home
        case KEY_END, KEY_SEND, KEY_SELECT, KEY_C1, KEY_LL: key = .end
        case KEY_PPAGE, KEY_SPREVIOUS, KEY_A3: key = .pageUp
        case KEY_NPAGE, KEY_SNEXT, KEY_C3: key = .pageDown
        case KEY_DC, KEY_SDC: key = .delete
        case KEY_IC, KEY_SIC: key = .insert
        default: return nil
        }
        return .key(key)
    }
}
