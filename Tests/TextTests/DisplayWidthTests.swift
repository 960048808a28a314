import Foundation
import TestSupport
import Testing

@testable import Text

@_silgen_name("wcwidth") func c_wcwidth(_: Int32) -> Int32
@_silgen_name("gnu_get_libc_version") func c_gnu_get_libc_version() -> UnsafePointer<CChar>

/// glibc's wcwidth in the C.UTF-8 locale (the locale does not change during the test run).
private let cUTF8: Bool = setlocale(LC_ALL, "C.UTF-8") != nil

private func glibcWidth(_ v: UInt32) -> Int32 {
    precondition(cUTF8, "the C.UTF-8 locale is missing")
    return c_wcwidth(Int32(bitPattern: v))
}

@Suite struct DisplayWidthTests {
    @Test func asciiAndControls() {
        #expect(DisplayWidth.of("hello") == 5)
        #expect(DisplayWidth.of("") == 0)
        #expect(DisplayWidth.of(Character("a")) == 1)
        #expect(DisplayWidth.of(Character("\u{1B}")) == 0)
        #expect(DisplayWidth.of("a\u{7F}b") == 2)
        #expect(DisplayWidth.of("a\r\nb") == 2)
    }

    @Test func wideCharacters() {
        #expect(DisplayWidth.of(Character("中")) == 2)
        #expect(DisplayWidth.of("日本語のテキストです。") == 22)
        #expect(DisplayWidth.of("２") == 2)  // fullwidth digit
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.of("ｱ") == 1)  // halfwidth katakana
        #expect(DisplayWidth.of("名前 | 値") == 9)
    }

    @Test func emoji() {
        #expect(DisplayWidth.of(Character("😀")) == 2)
        #expect(DisplayWidth.of("🎉") == 2)
        #expect(DisplayWidth.of(Character("👩‍💻")) == 2)  // ZWJ sequence: first scalar
        #expect(DisplayWidth.of(Character("👍🏽")) == 2)  // skin tone modifier joins the cluster
        #expect(DisplayWidth.of(Character("❤")) == 1)  // text presentation by default
        #expect(DisplayWidth.of(Character("❤️")) == 1)  // VS16 does not change wcwidth
        #expect(DisplayWidth.of(Character("🇯🇵")) == 1)  // regional indicators are narrow in glibc
        #expect(DisplayWidth.of("✓ ✗ → ∞ 😀") == 10)
    }

    @Test func combiningAndZeroWidth() {
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("Combining: é") == 12)
        #expect(DisplayWidth.of("a\u{200B}b") == 2)  // zero-width space
        #expect(DisplayWidth.of(Character("\u{301}")) == 0)  // a lone combining mark
        #expect(DisplayWidth.of("\u{200D}") == 0)
        #expect(DisplayWidth.of("\u{FE0F}") == 0)
        #expect(DisplayWidth.of("क\u{93F}") == 1)  // spacing mark joins the cluster: first scalar counts
        #expect(DisplayWidth.of("a\u{93F}") == 1)
        #expect(DisplayWidth.of("xyza\u{93F}") == 4)
        #expect(DisplayWidth.of("ab\u{301}c中") == 5)
    }

    @Test func scalarsMatchCharacters() {
        for s in ["a", "é", "中", "😀", "\u{301}", "\u{AD}", "\u{1160}"] {
            let c = Character(s)
            #expect(DisplayWidth.of(c) == DisplayWidth.of(c.unicodeScalars.first!))
        }
    }

    /// Strings are measured by scalars when that is safe; it must always equal the sum over
    /// grapheme clusters.
    @Test func fastPathsAgreeWithClusters() {
        let pieces = [
            "a", " ", "Z", "é", "e\u{301}", "\u{301}", "中", "日本", "한", "\u{1100}\u{1161}\u{11A8}", "\u{1100}",
            "\u{1161}", "😀", "👍", "\u{1F3FD}", "👩\u{200D}💻", "\u{200D}", "🇯🇵", "🇯", "❤\u{FE0F}", "\u{FE0F}",
            "क", "\u{93F}", "\u{600}", "1", "ｶ", "\u{FF9E}", "\u{200B}", "\u{AD}", "🏴\u{E0067}\u{E0062}\u{E007F}",
            "\u{E0067}", "\r\n", "\n", "\u{1B}", "✓", "→", "™", "\u{20E3}", "#\u{FE0F}\u{20E3}", "Ω", "ש\u{5B8}",
            "\u{302A}", "\u{3099}", "か\u{3099}", "ｧ", "\u{FE20}", "\u{2028}", "\u{0E33}", "ก", "\u{0E31}",
        ]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: seed >> 33)
        }
        for _ in 0..<5000 {
            let count = 1 + next() % 8
            let s = (0..<count).map { _ in pieces[next() % pieces.count] }.joined()
            let byClusters = s.reduce(0) { $0 + DisplayWidth.of($1) }
            #expect(DisplayWidth.of(s) == byClusters, "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func truncate() {
        #expect(DisplayWidth.truncate("hello world", to: 8) == "hello w…")
        #expect(DisplayWidth.truncate("hello", to: 5) == "hello")
        #expect(DisplayWidth.truncate("hello", to: 0) == "")
        #expect(DisplayWidth.truncate("hello", to: 1) == "…")
        #expect(DisplayWidth.truncate("hello", to: 3, ellipsis: "") == "hel")
        #expect(DisplayWidth.truncate("hello", to: 2, ellipsis: "...") == "he")
        // A wide character never straddles the limit.
        #expect(DisplayWidth.truncate("中文文本", to: 4) == "中…")
        #expect(DisplayWidth.truncate("中文文本", to: 5) == "中文…")
        #expect(DisplayWidth.truncate("中文文本", to: 3, ellipsis: "") == "中")
        #expect(DisplayWidth.truncate("e\u{301}e\u{301}e\u{301}", to: 2) == "e\u{301}…")
        for width in 0...12 {
            #expect(DisplayWidth.of(DisplayWidth.truncate("日本語 and text 😀", to: width)) <= width)
        }
    }

    @Test func pad() {
        #expect(DisplayWidth.pad("ab", to: 4) == "ab  ")
        #expect(DisplayWidth.pad("abcdef", to: 4) == "abc…")
        #expect(DisplayWidth.pad("中文文本", to: 5) == "中文…")
        #expect(DisplayWidth.pad("中文文本", to: 4) == "中… ")
        #expect(DisplayWidth.pad("x", to: 0) == "")
        for width in 0...10 {
            #expect(DisplayWidth.of(DisplayWidth.pad("中a文b😀", to: width)) == width)
        }
    }

    /// The table agrees with glibc's wcwidth (C.UTF-8, what ncursesw uses) for every code point
    /// glibc knows. Where glibc answers -1 we differ on purpose: controls are 0, code points
    /// unassigned in glibc's Unicode version are 1.
    @Test func agreesWithGlibcWcwidth() {
        var mismatches: [String] = []
        for v in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let expected = glibcWidth(v)
            let ours = DisplayWidth.of(scalar)
            if expected >= 0 {
                if Int(expected) != ours {
                    mismatches.append(String(format: "U+%04X glibc %d ours %d", v, expected, ours))
                }
            } else {
                let control = v < 0x20 || (0x7F...0x9F).contains(v)
                if ours != (control ? 0 : 1) { mismatches.append(String(format: "U+%04X glibc -1 ours %d", v, ours)) }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(20))")
    }

    /// Regenerates `Sources/Text/WidthTable.swift` from glibc when ANVIL_REGEN_WIDTH_TABLE=1.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ANVIL_REGEN_WIDTH_TABLE"] == "1"))
    func regenerateTable() throws {
        func ranges(_ width: Int32) -> [(UInt32, UInt32)] {
            var out: [(UInt32, UInt32)] = []
            var start: UInt32?
            for v in UInt32(0x300)...0x110000 {
                let w: Int32 = v <= 0x10FFFF && Unicode.Scalar(v) != nil ? glibcWidth(v) : -1
                if w == width {
                    if start == nil { start = v }
                } else if let s = start {
                    out.append((s, v - 1))
                    start = nil
                }
            }
            return out
        }
        func body(_ ranges: [(UInt32, UInt32)]) -> String {
            ranges.map { String(format: "        0x%04X, 0x%04X,", $0.0, $0.1) }.joined(separator: "\n")
        }
        let glibc = String(cString: c_gnu_get_libc_version())
        let text = """
            // Generated by `ANVIL_REGEN_WIDTH_TABLE=1 swift test --filter regenerateTable` from
            // glibc \(glibc) wcwidth in the C.UTF-8 locale. Do not edit by hand.

            extension DisplayWidth {
                /// Inclusive (first, last) scalar ranges of width 0, from U+0300 on.
                static let zeroWidthRanges: [UInt32] = [
            \(body(ranges(0)))
                ]

                /// Inclusive (first, last) scalar ranges of width 2.
                static let wideRanges: [UInt32] = [
            \(body(ranges(2)))
                ]
            }

            """
        let url = Fixtures.packageRoot.appendingPathComponent("Sources/Text/WidthTable.swift")
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
}
