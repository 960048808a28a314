import Testing

@testable import TerminalUI

struct KeymapTests {
    @Test func defaultsFollowTheActionTable() {
        let k = Keymap()
        for action in Action.allCases {
            for name in action.defaultKeys {
                #expect(k.action(for: KeyName.parse(name)!) == action, "\(name) → \(action)")
            }
        }
        #expect(k.action(for: .char("j")) == .moveDown)
        #expect(k.action(for: .char(" ")) == .pageDown)
        #expect(k.action(for: .enter) == .open)
    }

    @Test func rebindingReplacesTheActionsKeys() throws {
        var k = Keymap()
        try k.rebind(.moveDown, to: ["C-n", "Down"])
        #expect(k.action(for: .ctrl("n")) == .moveDown)
        #expect(k.action(for: .char("j")) == nil)
        #expect(k.keys(for: .moveDown) == ["Down", "C-n"])
        #expect(throws: KeymapError.unknownKey("Hyper-x")) { try k.rebind(.quit, to: ["Hyper-x"]) }
    }

    @Test func keyNamesRoundTrip() {
        for name in ["j", "Down", "PgDn", "Enter", "Space", "C-r", "F5", "Tab", "Esc"] {
            let key = KeyName.parse(name)
            #expect(key != nil)
            #expect(key.map(KeyName.name(of:)) == name)
        }
        #expect(KeyName.parse("C-1") == nil)
        #expect(KeyName.parse("") == nil)
    }
}
