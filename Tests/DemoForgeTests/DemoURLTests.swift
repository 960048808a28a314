import Foundation
import Testing

@testable import DemoForge

/// The demo forge reads a request's path and query off the address's text: they must be what
/// `URLComponents` gives.
@Suite struct DemoURLTests {
    static let addresses = [
        "http://127.0.0.1:8080/rest/p/anvil-demo/", "http://127.0.0.1:8080/rest/p/anvil-demo",
        "http://127.0.0.1:8080", "http://127.0.0.1:8080/", "http://127.0.0.1:8080?x=1",
        "http://127.0.0.1:8080/rest/p/x/bugs/search/?q=status%3Aopen&limit=25&page=2",
        "http://h/p/x/wiki/Field%20Manual/?a=1#top", "http://h/p/x/wiki/%E6%97%A5%E6%9C%AC/",
        "https://user:pw@forge.example.org:8443/api/v4/projects/a%2Fb/issues?per_page=100",
        "http://h/p/x/wiki/a%2Fb/", "http://h/#frag", "http://h/a?#f", "http://h/a?b?c=d",
        "http://[::1]:9000/rest/", "http://h//double//slash/",
    ]

    @Test("path and query are URLComponents' percent-encoded path and query", arguments: addresses)
    func partsAreURLComponents(address: String) throws {
        let url = try #require(URL(string: address))
        let components = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false))
        let parts = DemoURL.encodedParts(of: url)
        #expect(String(parts.path) == components.percentEncodedPath)
        #expect(parts.query.map(String.init) == components.percentEncodedQuery)
    }

    @Test("segments are decoded once")
    func segmentsDecode() throws {
        let url = try #require(URL(string: "http://h/p/x/wiki/Field%20Manual/%E6%97%A5/100%2541/"))
        let (segments, trailingSlash) = DemoURL.segments(of: url)
        #expect(segments == ["p", "x", "wiki", "Field Manual", "日", "100%41"])
        #expect(trailingSlash)
        #expect(DemoURL.rawPath(of: try #require(URL(string: "http://h?x=1"))) == "/")
    }
}

/// Query strings and form bodies decode as Foundation decodes them: `+` is a space, escapes are
/// decoded once, a piece with an invalid escape stays as it came.
@Suite struct FormFieldsTests {
    @Test func decodesLikeFoundation() {
        let encoded = "q=status%3Aopen+AND+labels%3A%F0%9F%90%9B&limit=25&empty=&flag&bad=100%zz+x&plain=a&a+b=c%2Bd"
        let fields = FormFields(encoded: encoded)
        for part in encoded.split(separator: "&") {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let expected = pieces.map { piece -> String in
                let spaced = piece.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            #expect(fields.has(expected[0]))
            #expect(fields[expected[0]] == (expected.count > 1 ? expected[1] : ""))
        }
        #expect(fields["q"] == "status:open AND labels:🐛")
        #expect(fields["bad"] == "100%zz x")
        #expect(fields["a b"] == "c+d")
    }
}
