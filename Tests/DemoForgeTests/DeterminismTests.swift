import DemoForge
import Foundation
import Testing

@Suite struct DeterminismTests {
    static let paths = [
        "/rest/p/anvil-demo/", "/rest/p/anvil-demo/bugs/?limit=50", "/rest/p/anvil-demo/bugs/150/",
        "/rest/p/anvil-demo/wiki/Home/", "/rest/p/anvil-demo/discussion/general/thread/b16a7d2000/?limit=100&page=3",
        "/rest/p/anvil-demo/blog/", "/rest/u/kenji/profile/", "/rest/p/anvil-demo/bugs/search?q=status:open",
    ]

    @Test func sameSeedGivesIdenticalBytes() {
        let other = DemoForge(seed: 1)
        for path in Self.paths {
            let a = Demo.get(Demo.shared, path)
            let b = Demo.get(other, path)
            #expect(a.status == 200, "\(path)")
            #expect(a.body == b.body, "\(path) differs between two forges of one seed")
        }
    }

    @Test func differentSeedGivesDifferentData() {
        let other = DemoForge(seed: 2)
        let differing = Self.paths.filter { Demo.get(Demo.shared, $0).body != Demo.get(other, $0).body }
        #expect(differing.count >= Self.paths.count - 1)
    }

    @Test func timestampsUseAlluraFormat() throws {
        let body = String(decoding: Demo.get(Demo.shared, "/rest/p/anvil-demo/bugs/150/").body, as: UTF8.self)
        let stamps = try Regex(#""(?:mod_date|created_date|timestamp)": "([^"]*)""#)
        let matches = body.matches(of: stamps)
        #expect(matches.count > 10)
        let format = try Regex(#"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{3}000)?$"#)
        for match in matches {
            let value = String(match.output[1].substring ?? "")
            #expect(value.wholeMatch(of: format) != nil, "bad timestamp \(value)")
        }
    }

    @Test func jsonEscapesLikeAllura() {
        let body = String(
            decoding: Demo.get(Demo.shared, "/rest/p/anvil-demo/wiki/Markdown%20Showcase/").body, as: UTF8.self)
        #expect(body.contains("\\u003C"))
        #expect(!body.contains("<"))
        #expect(body.unicodeScalars.allSatisfy { $0.isASCII })
    }
}
