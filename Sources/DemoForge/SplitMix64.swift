/// A small deterministic pseudo-random generator (SplitMix64): the same seed gives the same
/// sequence on every platform and run.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range` (which must not be empty).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % span)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < p
    }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T {
        items[int(0...(items.count - 1))]
    }

    /// `count` distinct elements, in the order drawn.
    mutating func sample<T>(_ items: [T], count: Int) -> [T] {
        var pool = items
        var result: [T] = []
        while result.count < count, !pool.isEmpty {
            result.append(pool.remove(at: int(0...(pool.count - 1))))
        }
        return result
    }

    /// `count` lowercase hexadecimal characters: each draw gives 16, from its high digit down.
    /// Written straight into the string's storage (an id of up to 15 digits needs no allocation),
    /// two digits a byte of the draw.
    mutating func hex(_ count: Int) -> String {
        guard count > 0 else { return "" }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var filled = 0
            while filled < count {
                let value = next()
                var shift: UInt64 = 56
                while filled < count {
                    let pair = Self.hexPairs[Int(truncatingIfNeeded: (value >> shift) & 0xff)]
                    buffer[filled] = UInt8(truncatingIfNeeded: pair >> 8)
                    filled += 1
                    guard filled < count else { break }
                    buffer[filled] = UInt8(truncatingIfNeeded: pair)
                    filled += 1
                    if shift == 0 { break }
                    shift -= 8
                }
            }
            return count
        }
    }

    /// The two lowercase hexadecimal digits of each byte, the high digit in the high byte.
    private static let hexPairs: [UInt16] = (0..<256).map { byte in
        let digits = Array("0123456789abcdef".utf8)
        return UInt16(digits[byte >> 4]) << 8 | UInt16(digits[byte & 0xf])
    }
}
