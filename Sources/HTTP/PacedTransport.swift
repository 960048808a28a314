import Foundation

/// A `Transport` that sends at most `requestsPerSecond` requests a second on average to the
/// transport below (bursts of up to `burst` at once), so that no server answer, however it
/// is shaped, can make Anvil hammer a forge.
public final class PacedTransport: Transport {
    private let base: Transport
    private let pacer: Pacer

    /// The bucket holds 200 requests, so that `A` on a 10,000-post thread (100 pages) goes at
    /// the pace of the forge's answers rather than this one's, while a runaway loop still cannot
    /// send more than 50 requests a second once those 200 are spent; a forge with a tighter limit
    /// answers 429, which the backend waits out.
    public init(_ base: Transport, requestsPerSecond: Double = 50, burst: Int = 200) {
        self.base = base
        self.pacer = Pacer(rate: max(requestsPerSecond, 0.1), burst: Double(max(burst, 1)))
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await pacer.take()
        return try await base.send(request)
    }

    /// How many requests so far had to wait for a token.
    var waits: Int { get async { await pacer.waits } }
}

/// A token bucket: each request takes a token; tokens come back at `rate` a second, up to `burst`.
private actor Pacer {
    private let rate: Double
    private let burst: Double
    private var tokens: Double
    private var last = ContinuousClock.now
    /// How many takes had to wait.
    private(set) var waits = 0

    init(rate: Double, burst: Double) {
        self.rate = rate
        self.burst = burst
        self.tokens = burst
    }

    /// Takes a token, waiting for it when there is none (a cancelled wait gives it back).
    func take() async throws {
        let now = ContinuousClock.now
        let elapsed = now - last
        last = now
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        tokens = min(burst, tokens + seconds * rate)
        tokens -= 1
        guard tokens < 0 else { return }
        waits += 1
        let wait = -tokens / rate
        do {
            try await Task.sleep(for: .milliseconds(Int((wait * 1000).rounded(.up))))
        } catch {
            tokens += 1
            throw error
        }
    }
}
