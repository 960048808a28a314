import Foundation
import Testing

@testable import ForgeModel

/// The trimming helpers trim what Foundation's `trimmingCharacters(in:)` trims for the same set,
/// without going through NSString.
struct TrimmingTests {
    @Test func trimsWhatFoundationTrims() {
        let pieces = [
            " ", "\t", "\n", "\r\n", "\u{85}", "\u{A0}", "\u{2028}", "\u{3000}", "\u{200B}", "\u{301}", "a", "é",
            "e\u{301}", "/", "🧵", "x y", "\u{FEFF}",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...7, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            #expect(
                Array(text.trimmedOfWhitespace.unicodeScalars)
                    == Array(text.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars),
                "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func everyScalarIsTrimmedAsFoundationTrimsIt() {
        for value in UInt32(0)...0x3_0000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar) + "x" + String(scalar)
            #expect(
                text.trimmedOfWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines),
                "U+\(String(value, radix: 16))")
        }
    }

    @Test func everyScalarIsTrimmedOfSpacesAndNewlinesAsFoundationTrimsIt() {
        for value in UInt32(0)...0x3_0000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar) + "x" + String(scalar)
            #expect(text.trimmedOfSpaces == text.trimmingCharacters(in: .whitespaces), "U+\(String(value, radix: 16))")
            #expect(text.trimmedOfNewlines == text.trimmingCharacters(in: .newlines), "U+\(String(value, radix: 16))")
        }
    }

    @Test func trimsTheScalarsOfASetAsFoundationDoes() {
        let pieces = [" ", ",", "\"", "#", "-", "+", "/", ":", "\n", "a", "é", "e\u{301}", "🧵", "\u{A0}"]
        var generator = SystemRandomNumberGenerator()
        for set in [" ,\"", "# ", "+-", "/", " :\n", " -:", "e"] {
            for _ in 0..<500 {
                let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                    pieces.randomElement(using: &generator)!
                }.joined()
                let expected = text.trimmingCharacters(in: CharacterSet(charactersIn: set))
                #expect(Array(text.trimming(scalarsIn: set).unicodeScalars) == Array(expected.unicodeScalars))
                #expect(Array(text[...].trimming(scalarsIn: set).unicodeScalars) == Array(expected.unicodeScalars))
            }
        }
    }

    @Test func trimsASliceAsItsString() {
        let text = "  \t one two \n"
        let slice = text.dropFirst()
        #expect(slice.trimmedOfWhitespace == "one two")
        #expect(slice.trimmedOfSpaces == "one two \n")
        #expect(slice.trimmedOfNewlines == " \t one two ")
        #expect(text.trimmedOfSpaces == "one two \n")
        #expect(text.trimmedOfNewlines == "  \t one two ")
    }

    @Test func keepsTheTextWhenThereIsNothingToTrim() {
        #expect("https://forge.example/p/x/".trimmedOfWhitespace == "https://forge.example/p/x/")
        #expect("  \n".trimmedOfWhitespace == "")
        #expect(" p/x/wiki/Home \n".trimmedOfWhitespace == "p/x/wiki/Home")
    }
}
