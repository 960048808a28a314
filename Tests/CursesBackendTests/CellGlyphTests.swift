import CCurses
import Testing

@testable import CursesBackend

@Suite struct CellGlyphTests {
    /// A width function shaped like glibc's in C.UTF-8.
    static func utf8Width(_ c: wchar_t) -> Int {
        switch c {
        case 0x300...0x36F, 0x200D, 0xFE0F: 0
        case 0x4E00...0x9FFF, 0x1F300...0x1F6FF, 0x1F900...0x1F9FF: 2
        case 0..<0x20: -1
        default: 1
        }
    }

    /// Glibc in the C locale: only ASCII is printable.
    static func asciiWidth(_ c: wchar_t) -> Int { (0x20..<0x7F).contains(c) ? 1 : -1 }

    func glyph(_ text: String, _ width: Int, _ measure: (wchar_t) -> Int = utf8Width) -> [wchar_t] {
        CellGlyph.characters(of: text, canvasWidth: width, width: measure)
    }

    func scalars(_ text: String) -> [wchar_t] { text.unicodeScalars.map { wchar_t(bitPattern: $0.value) } }

    @Test func plainAndWideCharacters() {
        #expect(glyph("a", 1) == scalars("a"))
        #expect(glyph("中", 2) == scalars("中"))
        #expect(glyph("", 1) == [0x20])
    }

    @Test("the ASCII fast path takes exactly the cells the general path writes as their own byte")
    func printableASCIIIsWhatCharactersWrites() {
        for byte in UInt8(0)...UInt8(0x7F) {
            let text = String(UnicodeScalar(byte))
            let fast = CellGlyph.printableASCII(text)
            #expect((fast != nil) == (0x20..<0x7F).contains(byte), "byte \(byte)")
            if let fast {
                #expect(glyph(text, 1) == [wchar_t(fast)])
                #expect(glyph(text, 1, Self.asciiWidth) == [wchar_t(fast)])
            }
        }
        for text in ["", "ab", "e\u{301}", "é", "中", " \u{300}"] {
            #expect(CellGlyph.printableASCII(text) == nil, "\(text)")
        }
    }

    @Test func keepsCombiningMarks() {
        #expect(glyph("e\u{301}", 1) == scalars("e\u{301}"))
        #expect(glyph("a\u{300}\u{301}\u{302}\u{303}\u{304}", 1).count == 1 + CellGlyph.maximumMarks)
    }

    @Test func zwjSequenceKeepsOnlyFirstEmoji() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"
        #expect(glyph(family, 2) == [0x1F468])
        #expect(glyph("\u{2764}\u{FE0F}", 1) == [0x2764])
    }

    @Test func widthDisagreementBecomesReplacement() {
        #expect(glyph("中", 1) == [0xFFFD])  // canvas gave it one column
        #expect(glyph("\u{301}", 1) == [0xFFFD])  // a lone mark
        #expect(glyph("é", 1, Self.asciiWidth) == [0x3F])  // C locale
        #expect(glyph("x", 1, Self.asciiWidth) == scalars("x"))
    }
}
