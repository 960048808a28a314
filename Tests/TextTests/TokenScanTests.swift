import ForgeModel
import Testing

@testable import Text

/// Plain text is searched for references, mentions and emoji only where one could start, so
/// that the common sentence costs a pass over its bytes.
@Suite struct TokenScanTests {
    static let allura: StaticString = "[@:"
    static let gitlab: StaticString = "#!~%@:"

    @Test func onlyASigilWhereATokenCanStartCounts() {
        #expect(!InlineRenderer.mayHoldToken("Counterpoint: more options mean more bugs.", sigils: Self.allura))
        #expect(
            !InlineRenderer.mayHoldToken("mail me @ home, at noon: fine", sigils: Self.allura), "digits after ':' only")
        #expect(InlineRenderer.mayHoldToken("ship it :+1:", sigils: Self.allura))
        #expect(InlineRenderer.mayHoldToken("thanks @alice", sigils: Self.allura))
        #expect(InlineRenderer.mayHoldToken("see [Home]", sigils: Self.allura))
        #expect(!InlineRenderer.mayHoldToken("see #12 and !3", sigils: Self.allura), "not Allura's")
        #expect(InlineRenderer.mayHoldToken("see #12", sigils: Self.gitlab))
        #expect(InlineRenderer.mayHoldToken("a ~label", sigils: Self.gitlab))
        #expect(!InlineRenderer.mayHoldToken("plain words", sigils: Self.gitlab))
        #expect(!InlineRenderer.mayHoldToken("", sigils: Self.gitlab))
        #expect(InlineRenderer.mayHoldToken("::smile:", sigils: Self.allura), "a second ':' starts afresh")
    }

    @Test("where no token is seen, the character-by-character scan finds none either")
    func nothingIsMissedWhereNoTokenWasSeen() {
        var generator = SystemRandomNumberGenerator()
        // Letters of real names (`:ab:`, `:+1:`, `@bab`) and every sigil.
        let alphabet = Array("ab zQ1:@[]#!~%+-_.,é")
        var skipped = 0
        var tokens = 0
        for _ in 0..<20_000 {
            let length = Int.random(in: 1...16, using: &generator)
            let chars = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            let text = String(chars)
            func found(_ gitLab: Bool) -> Bool {
                chars.indices.contains { i in
                    (chars[i] == "@" && InlineRenderer.mentionEnd(chars, at: i) != nil)
                        || (chars[i] == ":" && InlineRenderer.emoji(chars, at: i) != nil)
                        || (!gitLab && chars[i] == "[" && InlineRenderer.referenceEnd(chars, from: i) != nil)
                        || (gitLab && InlineRenderer.gitLabReference(chars, at: i) != nil)
                }
            }
            for (gitLab, sigils) in [(false, Self.allura), (true, Self.gitlab)] {
                let hasToken = found(gitLab)
                if hasToken { tokens += 1 }
                guard !InlineRenderer.mayHoldToken(text, sigils: sigils) else { continue }
                skipped += 1
                #expect(!hasToken, "\(gitLab ? "GitLab" : "Allura") \(text.debugDescription) has a token")
            }
        }
        #expect(
            skipped > 5_000 && tokens > 1_000,
            "both kinds of text were tried: \(skipped) skipped, \(tokens) with tokens")
    }
}
