import HTTP

/// A `Transport` that answers from a demo forge in process, after the forge's latency.
public struct DemoTransport: Transport {
    public let forge: any DemoResponder

    public init(forge: any DemoResponder) {
        self.forge = forge
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let latency = forge.responseLatency
        if latency > .zero { try await Task.sleep(for: latency) }
        return forge.respond(to: request)
    }
}
