import Testing

@testable import Allura

/// URLs taken apart by their ASCII delimiters: origin, decoded segments, raw query, decoded
/// fragment; raw non-ASCII characters anywhere are kept as they are.
@Suite struct URLPartsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let origin: String?
        let segments: [String]
        let query: String?
        let fragment: String?
        var testDescription: String { text }
    }

    @Test(arguments: [
        Case(
            text: "HTTPS://Forge.example.org:8080/p/test/wiki/Some%20Page/?a=1&b=2#h%C3%A9",
            origin: "https://Forge.example.org:8080", segments: ["p", "test", "wiki", "Some Page"], query: "a=1&b=2",
            fragment: "hé"),
        Case(
            text: "  http://127.0.0.1:9/rest/p/x/discussion/f/thread/ab12/\n", origin: "http://127.0.0.1:9",
            segments: ["rest", "p", "x", "discussion", "f", "thread", "ab12"], query: nil, fragment: nil),
        Case(text: "https://h?q=1", origin: "https://h", segments: [], query: "q=1", fragment: nil),
        Case(text: "https://h#top", origin: "https://h", segments: [], query: nil, fragment: "top"),
        Case(
            text: "/p/test/blog/2024/05/café-é̀/", origin: nil,
            segments: ["p", "test", "blog", "2024", "05", "café-é̀"], query: nil, fragment: nil),
        Case(text: "p//test///x", origin: nil, segments: ["p", "test", "x"], query: nil, fragment: nil),
        Case(
            text: "/p/x/?u=http://other.example/", origin: nil, segments: ["p", "x"],
            query: "u=http://other.example/", fragment: nil),
        Case(text: "/a/b#c/d?e", origin: nil, segments: ["a", "b"], query: nil, fragment: "c/d?e"),
        // A slash that a combining mark follows is no separator, as in the paths the router makes.
        Case(text: "/a/\u{301}b/", origin: nil, segments: ["a/\u{301}b"], query: nil, fragment: nil),
        Case(text: "", origin: nil, segments: [], query: nil, fragment: nil),
        Case(text: "https://", origin: "https://", segments: [], query: nil, fragment: nil),
    ])
    func takesTheURLApart(_ expected: Case) {
        let parts = URLParts(expected.text)
        #expect(parts.origin == expected.origin)
        #expect(parts.segments == expected.segments)
        #expect(parts.query == expected.query)
        #expect(parts.fragment == expected.fragment)
    }
}
