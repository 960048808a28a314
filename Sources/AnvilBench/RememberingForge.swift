import DemoForge
import Foundation
import HTTP
import Synchronization

/// The bench forge answering each GET from memory after the first time: a real forge's work is done
/// on another machine, so here it should not take the two cores from the client being measured.
/// Only for `serve`, whose clients read and never write.
final class RememberingForge: DemoResponder {
    private let forge: DemoForge
    private let answers = Mutex<[String: HTTPResponse]>([:])

    init(_ forge: DemoForge) { self.forge = forge }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        let conditional = request.header("If-None-Match") != nil || request.header("If-Modified-Since") != nil
        guard request.method == "GET", !conditional else { return forge.respond(to: request) }
        let key = request.url.absoluteString
        if let known = answers.withLock({ $0[key] }) { return known }
        let answer = forge.respond(to: request)
        answers.withLock { $0[key] = answer }
        return answer
    }

    var responseLatency: Duration { forge.responseLatency }
    func useBaseURL(_ url: URL) { forge.useBaseURL(url) }
    var apiPath: String { forge.apiPath }
}
