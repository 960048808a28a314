import HTTP

/// A `Transport` that answers from a `DemoForge` in process, after the forge's latency option.
public struct DemoTransport: Transport {
    public let forge: DemoForge

    public init(forge: DemoForge) {
        self.forge = forge
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let latency = forge.options.latency
        if latency > .zero { try await Task.sleep(for: latency) }
        return forge.respond(to: request)
    }
}
