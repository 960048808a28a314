import HTTP
import Testing

@Suite struct PathSegmentTests {
    /// The table of §1.3, exactly.
    @Test(arguments: [
        ("Getting Started", "Getting%20Started"),
        ("FAQ & Tips (v2)", "FAQ%20%26%20Tips%20%28v2%29"),
        ("Ünïcödé Tëst ☃", "%C3%9Cn%C3%AFc%C3%B6d%C3%A9%20T%C3%ABst%20%E2%98%83"),
        ("C++ Notes", "C%2B%2B%20Notes"),
        ("100% done?", "100%25%20done%3F"),
    ])
    func encodesTheSpecTable(title: String, segment: String) {
        #expect(PathSegment.encode(title) == segment)
    }

    @Test func keepsOnlyUnreservedCharacters() {
        #expect(PathSegment.encode("AZaz09-._~") == "AZaz09-._~")
        #expect(PathSegment.encode("a/b;c&d+e=f?g#h") == "a%2Fb%3Bc%26d%2Be%3Df%3Fg%23h")
        #expect(PathSegment.encode("setup.html") == "setup.html")
        #expect(PathSegment.encode("") == "")
    }

    @Test func decodesWhatItEncodes() {
        for title in ["Getting Started", "FAQ & Tips (v2)", "Ünïcödé Tëst ☃", "C++ Notes", "100% done?", "👩‍💻"] {
            #expect(PathSegment.decode(PathSegment.encode(title)) == title)
        }
    }

    @Test func decodingIsLenient() {
        #expect(PathSegment.decode("100%") == "100%")
        #expect(PathSegment.decode("a%zzb") == "a%zzb")
        #expect(PathSegment.decode("%C3%A7a") == "ça")
        #expect(PathSegment.decode("a+b") == "a+b")
    }
}
