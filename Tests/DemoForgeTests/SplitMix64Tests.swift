import Testing

@testable import DemoForge

/// The demo's ids come from `hex`: the same seed must give the same text in every version, or
/// every address in the demo would change.
@Suite struct SplitMix64Tests {
    /// Each 64-bit draw as 16 zero-padded lowercase digits, cut to `count`.
    static func reference(_ generator: inout SplitMix64, _ count: Int) -> String {
        var text = ""
        while text.count < count {
            let chunk = String(generator.next(), radix: 16)
            text += String(repeating: "0", count: 16 - chunk.count) + chunk
        }
        return String(text.prefix(count))
    }

    @Test(arguments: [0, 1, 4, 15, 16, 17, 24, 32, 40, 64])
    func hexIsTheDrawsInLowercaseDigits(count: Int) {
        for seed: UInt64 in [0, 1, 42, 0xdead_beef, .max] {
            var fast = SplitMix64(seed: seed)
            var slow = SplitMix64(seed: seed)
            for _ in 0..<50 {
                #expect(fast.hex(count) == Self.reference(&slow, count))
            }
        }
    }
}
