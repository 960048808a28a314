import Foundation
import Synchronization

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
    var waits: Int { get async { pacer.waits } }
}

/// A token bucket: each request takes a token; tokens come back at `rate` a second, up to `burst`.
/// A lock rather than an actor: taking a token is a few arithmetic steps, where an actor's hop
/// there and back is two handovers between threads before every request.
private final class Pacer: Sendable {
    private struct Bucket {
        var tokens: Double
        var last = ContinuousClock.now
        /// How many takes had to wait.
        var waits = 0
    }

    private let rate: Double
    private let burst: Double
    private let bucket: Mutex<Bucket>

    init(rate: Double, burst: Double) {
        self.rate = rate
        self.burst = burst
        self.bucket = Mutex(Bucket(tokens: burst))
    }

    var waits: Int { bucket.withLock { $0.waits } }

    /// Takes a token, waiting for it when there is none (a cancelled wait gives it back).
    func take() async throws {
        let (rate, burst) = (self.rate, self.burst)
        let wait: Double? = bucket.withLock { bucket in
            let now = ContinuousClock.now
            let elapsed = now - bucket.last
            bucket.last = now
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(burst, bucket.tokens + seconds * rate) - 1
            guard bucket.tokens < 0 else { return nil }
            bucket.waits += 1
            return -bucket.tokens / rate
        }
        guard let wait else { return }
        do {
            try await Task.sleep(for: .milliseconds(Int((wait * 1000).rounded(.up))))
        } catch {
            bucket.withLock { $0.tokens += 1 }
            throw error
        }
    }
}
