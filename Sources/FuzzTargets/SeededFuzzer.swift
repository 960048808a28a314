import Foundation

/// A small deterministic mutation fuzzer for toolchains without libFuzzer, and for bounded runs
/// in the test suite: it mutates seed inputs with a seeded generator, feeds each mutant to a
/// target and collects the inputs that broke a property. Same seed, same inputs.
public struct SeededFuzzer {
    /// What a run did.
    public struct Report {
        public var executions = 0
        /// Inputs that broke a property, with what broke.
        public var failures: [(input: Data, problem: String)] = []
    }

    private var state: UInt64
    private let seeds: [Data]

    /// Tokens worth splicing in: escapes, bidi controls, Markdown and JSON syntax, hostile numbers.
    static let tokens: [[UInt8]] = [
        "\u{1B}[2J", "\u{1B}]0;x\u{07}", "\u{9B}", "\u{202E}", "\u{2066}", "\u{200F}", "\r\n", "\t", "\u{0}",
        "[", "](", ")", "<a href=\"", "<img src=", "`", "***", "> ", "- ", "1. ", "|", "\n\n", "#", "@", "[[", "]]",
        "\"count\": ", "\"page\": ", "\"limit\": ", "9223372036854775807", "-9223372036854775808", "1e308", "null",
        "{", "}", "[]", ",", "\"", "\\u0000", "/", "//", "%2F", "%", "?q=", "/rest/", "/p/", "_discuss/", "thread/",
        "0a0b/", "😀", "中", "\u{301}",
    ].map { Array($0.utf8) }

    public init(seed: UInt64, seeds: [Data]) {
        self.state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed
        self.seeds = seeds.isEmpty ? [Data()] : seeds
    }

    private mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    private mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }

    /// One mutant: a seed changed in one to eight places.
    public mutating func mutant() -> Data {
        var bytes = [UInt8](seeds[below(seeds.count)])
        for _ in 0...below(8) {
            let at = below(bytes.count + 1)
            switch below(7) {
            case 0 where !bytes.isEmpty: bytes[min(at, bytes.count - 1)] ^= UInt8(1 << below(8))
            case 1: bytes.insert(UInt8(truncatingIfNeeded: next()), at: at)
            case 2 where !bytes.isEmpty:
                let end = min(bytes.count, at + 1 + below(16))
                bytes.removeSubrange(min(at, bytes.count - 1)..<end)
            case 3, 4: bytes.insert(contentsOf: Self.tokens[below(Self.tokens.count)], at: at)
            case 5:
                let other = [UInt8](seeds[below(seeds.count)])
                let from = below(other.count + 1)
                bytes.insert(contentsOf: other[from..<min(other.count, from + below(256))], at: at)
            default:
                if bytes.count > 2 {
                    let length = min(below(64) + 1, bytes.count - min(at, bytes.count - 1))
                    let start = min(at, bytes.count - 1)
                    let piece = Array(bytes[start..<start + length])
                    for _ in 0..<below(8) { bytes.insert(contentsOf: piece, at: start) }
                }
            }
        }
        return Data(bytes.prefix(200_000))
    }

    /// Runs `target` on the seeds and on mutants until `iterations` inputs or `seconds` of this
    /// thread's CPU time passed (CPU, not wall time: a busy machine does not cut a run short).
    public mutating func run(
        _ target: (Data) throws -> Void, iterations: Int, seconds: Double = .infinity
    ) -> Report {
        var report = Report()
        let deadline = Self.threadSeconds() + seconds
        let inputs = seeds + []
        var index = 0
        while report.executions < iterations, Self.threadSeconds() < deadline {
            let input = index < inputs.count ? inputs[index] : mutant()
            index += 1
            report.executions += 1
            do {
                try target(input)
            } catch {
                report.failures.append((input, String(describing: error)))
            }
        }
        return report
    }

    private static func threadSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
