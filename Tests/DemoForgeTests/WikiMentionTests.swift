import Testing

@testable import DemoForge

/// The wiki generator links a page to ticket 12 when its text mentions `[#12]`, found byte by byte.
struct WikiMentionTests {
    @Test func aMentionIsFoundAnywhereAndOnlyWhole() {
        #expect(DemoGenerator.mentions("[#12]", "[#12]"))
        #expect(DemoGenerator.mentions("see [#12] first", "[#12]"))
        #expect(DemoGenerator.mentions("é ☕ then [#12]", "[#12]"))
        #expect(!DemoGenerator.mentions("see [#1] and [#123 and #12]", "[#12]"))
        #expect(!DemoGenerator.mentions("[#1", "[#12]"))
        #expect(!DemoGenerator.mentions("", "[#12]"))
    }

    @Test func theSameAsASearchOfCharactersOnRandomTexts() {
        func searchOfCharacters(_ text: String, _ needle: String) -> Bool {
            let characters = Array(text)
            let wanted = Array(needle)
            guard wanted.count <= characters.count else { return false }
            return (0...(characters.count - wanted.count)).contains {
                Array(characters[$0..<$0 + wanted.count]) == wanted
            }
        }
        var rng = SplitMix64(seed: 12)
        let pieces = ["[", "#", "1", "2", "]", " ", "é", "[#12", "2]"]
        for _ in 0..<500 {
            let text = (0..<rng.int(0...12)).map { _ in rng.pick(pieces) }.joined()
            #expect(DemoGenerator.mentions(text, "[#12]") == searchOfCharacters(text, "[#12]"), "\(text)")
        }
    }
}
