import Testing

@testable import Text

@Suite struct SanitizerTests {
    /// Nothing that could drive a terminal: no C0 (except a kept newline), DEL, C1 or bidi control.
    static func isInert(_ text: String, newlines: Bool = false) -> Bool {
        text.unicodeScalars.allSatisfy { s in
            let v = s.value
            if v == 0x0A { return newlines }
            return !(v < 0x20 || (0x7F...0x9F).contains(v) || Sanitizer.isBidiControl(v) || v == 0x2028 || v == 0x2029)
        }
    }

    @Test func plainTextIsUntouched() {
        for text in ["hello", "Ünïcödé ☃ 日本語 👩‍💻", "e\u{301}", ""] {
            #expect(Sanitizer.clean(text) == text)
            #expect(Sanitizer.isClean(text))
        }
    }

    @Test func clearScreenIsVisible() {
        #expect(Sanitizer.clean("a\u{1B}[2Jb") == "a␛[2Jb")
        #expect(Sanitizer.clean("\u{1B}[H\u{1B}[2J") == "␛[H␛[2J")
    }

    @Test func windowTitleIsVisible() {
        #expect(Sanitizer.clean("\u{1B}]0;pwned\u{07}") == "␛]0;pwned␇")
        #expect(Sanitizer.clean("\u{1B}]2;pwned\u{1B}\\") == "␛]2;pwned␛\\")
    }

    @Test func coloursAreVisible() {
        #expect(Sanitizer.clean("\u{1B}[31mred\u{1B}[0m") == "␛[31mred␛[0m")
    }

    @Test func eightBitCSIIsDropped() {
        #expect(Sanitizer.clean("a\u{9B}2Jb") == "a2Jb")
        #expect(Sanitizer.clean("\u{9D}0;title\u{9C}") == "0;title")
        for v in UInt32(0x80)...0x9F {
            #expect(Sanitizer.clean("x\(Character(Unicode.Scalar(v)!))y") == "xy")
        }
    }

    @Test func bidiControlsAreDropped() {
        // "Trojan Source": an RLO reversing what follows, isolates and marks.
        #expect(Sanitizer.clean("abc\u{202E}fed\u{202C}") == "abcfed")
        #expect(Sanitizer.clean("\u{2066}x\u{2069}\u{2067}y\u{2068}z") == "xyz")
        #expect(Sanitizer.clean("a\u{200E}b\u{200F}c\u{061C}d\u{202A}e\u{202B}f\u{202D}") == "abcdef")
        // Arabic text itself stays.
        #expect(Sanitizer.clean("النص العربي") == "النص العربي")
    }

    @Test func everyC0ControlBecomesAControlPicture() {
        for v in UInt32(0)...0x1F where ![0x09, 0x0A, 0x0D].contains(v) {
            let out = Sanitizer.clean("<\(Character(Unicode.Scalar(v)!))>")
            #expect(out == "<\(Character(Unicode.Scalar(0x2400 + v)!))>")
        }
        #expect(Sanitizer.clean("\u{00}") == "␀")
        #expect(Sanitizer.clean("\u{07}") == "␇")
        #expect(Sanitizer.clean("\u{08}") == "␈")
        #expect(Sanitizer.clean("\u{7F}") == "␡")
    }

    @Test func whitespace() {
        #expect(Sanitizer.clean("a\tb") == "a b")
        #expect(Sanitizer.clean("a\r\nb\rc\nd", keepNewlines: true) == "a\nb\nc\nd")
        #expect(Sanitizer.clean("a\r\nb\rc\nd") == "a b c d")
        #expect(Sanitizer.clean("a\r\r\nb", keepNewlines: true) == "a\n\nb")
        #expect(Sanitizer.clean("a\u{2028}b", keepNewlines: true) == "a\nb")
        #expect(Sanitizer.clean("a\nb", keepNewlines: true) == "a\nb")
        #expect(Sanitizer.isClean("a\nb", keepNewlines: true))
        #expect(!Sanitizer.isClean("a\nb"))
    }

    @Test func outputIsAlwaysInert() {
        var all = ""
        for v in UInt32(0)...0x2100 { if let s = Unicode.Scalar(v) { all.unicodeScalars.append(s) } }
        all += "\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}\u{2028}\u{2029}"
        #expect(Self.isInert(Sanitizer.clean(all)))
        #expect(Self.isInert(Sanitizer.clean(all, keepNewlines: true), newlines: true))
        #expect(Sanitizer.isClean(Sanitizer.clean(all)))
    }

    /// `isClean` reads bytes; it must answer for every scalar, between any neighbours, exactly as
    /// the scalar rule it stands for (clean unless C0, DEL, C1, a separator or a bidi control).
    @Test func isCleanAnswersForEveryScalarAsTheScalarRule() {
        func expected(_ text: String, newlines: Bool) -> Bool {
            text.unicodeScalars.allSatisfy { s in
                let v = s.value
                if v == 0x0A { return newlines }
                return
                    !(v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029
                    || Sanitizer.isBidiControl(v))
            }
        }
        var mismatches: [UInt32] = []
        for v in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            for text in ["\(Character(scalar))", "a\(Character(scalar))", "é\(Character(scalar))z"] {
                for newlines in [false, true]
                where Sanitizer.isClean(text, keepNewlines: newlines) != expected(text, newlines: newlines) {
                    mismatches.append(v)
                }
            }
        }
        #expect(mismatches.isEmpty, "first: \(mismatches.prefix(5).map { String($0, radix: 16) })")
        // Scalars that end a string or sit next to a multi-byte neighbour.
        for text in ["\u{2029}", "x\u{85}", "\u{61C}\u{1F600}", "日本\u{200F}", "\u{A0}\u{9F}", "\u{2069}"] {
            #expect(!Sanitizer.isClean(text, keepNewlines: true), "\(text.unicodeScalars.map(\.value))")
        }
    }
}
