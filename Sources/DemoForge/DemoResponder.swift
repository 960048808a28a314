import Foundation
import HTTP

/// A demo forge a `DemoServer` can serve: it answers requests in process, may delay them, and
/// builds its JSON links from a base URL the server can change to its own address.
public protocol DemoResponder: AnyObject, Sendable {
    func respond(to request: HTTPRequest) -> HTTPResponse
    /// Added before every answer.
    var responseLatency: Duration { get }
    func useBaseURL(_ url: URL)
    /// The path below the served address that the printed URL points at (`/rest/`, `/api/v4/`).
    var apiPath: String { get }
}

extension DemoForge: DemoResponder {
    public var responseLatency: Duration { options.latency }
    public var apiPath: String { "/rest/" }
}

extension GitLabDemoForge: DemoResponder {
    public var responseLatency: Duration { latency }
    public var apiPath: String { "/api/v4/" }
}
