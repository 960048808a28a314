import Foundation

/// Answers for a `FaultServer` posing as an Allura forge with one project, `p/test`, whose tools
/// are those of the recorded `project.json` fixture (`bugs`, `discussion`, `wiki`, ...).
public enum FakeAllura {
    /// The project's REST path.
    public static let projectPath = "/rest/p/test/"

    /// The recorded project, its `url` pointing at `base` so links stay on the fake forge.
    public static func project(base: URL) -> FaultServer.Fault {
        let text = (try? Fixtures.allura("project.json")).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return .json(text.replacingOccurrences(of: "https://forge.example.org", with: base.absoluteString))
    }

    /// A forum topic with `posts` posts (slugs `p0`, `p1`, ...) and whatever `count`, `page` and
    /// `limit` the test wants the server to claim.
    public static func topic(posts: Int, count: Int?, page: Int?, limit: Int?) -> FaultServer.Fault {
        let items = (0..<posts).map { index in
            """
            {"slug": "p\(index)", "text": "post \(index)", "subject": "Topic", "author": "alice",
             "timestamp": "2026-09-06 09:00:\(String(format: "%02d", index % 60))", "attachments": []}
            """
        }
        var fields = [
            #""topic": {"_id": "t1", "discussion_id": "d1", "subject": "Topic", "posts": [\#(items.joined(separator: ","))]}"#
        ]
        if let count { fields.append(#""count": \#(count)"#) }
        if let page { fields.append(#""page": \#(page)"#) }
        if let limit { fields.append(#""limit": \#(limit)"#) }
        return .json("{" + fields.joined(separator: ", ") + "}")
    }

    /// An Allura-style HTML error page for `status` whose reason is `reason`.
    public static func errorPage(_ status: Int, reason: String) -> FaultServer.Fault {
        .html(
            "<html><head><title>Error</title></head><body><h1><span>Error \(status)</span></h1><p>\(reason)</p></body></html>",
            status: status)
    }
}
