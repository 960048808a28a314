import Testing

@testable import TerminalUI

@Suite struct ThemeColorMappingTests {
    @Test func paletteRoundTripsThroughNearest256() {
        for index in 16...255 {
            let c = ColorMapping.rgb(ofIndex: index)
            let back = ColorMapping.nearest256(r: c.r, g: c.g, b: c.b)
            #expect(ColorMapping.rgb(ofIndex: back) == c, "index \(index) came back as \(back)")
        }
    }

    @Test func nearest256PicksCubeOrGrey() {
        #expect(ColorMapping.nearest256(r: 255, g: 0, b: 0) == 196)
        #expect(ColorMapping.nearest256(r: 0, g: 0, b: 0) == 16)
        #expect(ColorMapping.nearest256(r: 0x80, g: 0x80, b: 0x80) == 244)
        #expect(ColorMapping.nearest256(r: 250, g: 128, b: 10) == 208)
    }

    @Test func nearestBasicColours() {
        #expect(ColorMapping.nearest16(r: 250, g: 10, b: 10) == 9)
        #expect(ColorMapping.nearest16(r: 190, g: 0, b: 0) == 1)
        #expect(ColorMapping.nearest16(r: 120, g: 120, b: 125) == 8)
        #expect(ColorMapping.nearest8(r: 250, g: 10, b: 10) == 1)
        #expect(ColorMapping.nearest8(r: 250, g: 250, b: 250) == 7)
        #expect(ColorMapping.nearest8(r: 20, g: 20, b: 230) == 4)
    }

    @Test func resolverForEachPalette() {
        let r256 = ColorResolver(colorCount: 256)
        #expect(r256.resolve(.default) == -1)
        #expect(r256.resolve(.indexed(200)) == 200)
        #expect(r256.resolve(.rgb(255, 0, 0)) == 196)

        let r16 = ColorResolver(colorCount: 16)
        #expect(r16.resolve(.indexed(12)) == 12)
        #expect(r16.resolve(.indexed(196)) == 9)
        #expect(r16.resolve(.rgb(0, 0, 0)) == 0)

        let r8 = ColorResolver(colorCount: 8)
        #expect(r8.resolve(.indexed(3)) == 3)
        #expect(r8.resolve(.indexed(11)) == 3)
        #expect(r8.resolve(.indexed(46)) == 2)
        #expect(r8.resolve(.rgb(0, 200, 200)) == 6)

        let none = ColorResolver(colorCount: 2)
        #expect(none.resolve(.indexed(1)) == -1)
        #expect(none.resolve(.rgb(1, 2, 3)) == -1)

        let direct = ColorResolver(colorCount: 0x100_0000)
        #expect(direct.palette == .direct)
        #expect(direct.resolve(.rgb(0x12, 0x34, 0x56)) == 0x123456)
        #expect(direct.resolve(.indexed(1)) == 1)
        #expect(direct.resolve(.indexed(196)) == 0xFF0000)
    }

    @Test func everyResolvedColourFitsThePalette() {
        let colours: [Color] = [.default] + (0...255).map(Color.indexed) + [.rgb(10, 200, 30), .rgb(255, 255, 255)]
        for count in [8, 16, 256] {
            let resolver = ColorResolver(colorCount: count)
            for colour in colours {
                let n = resolver.resolve(colour)
                #expect(n >= -1 && n < count, "\(colour) -> \(n) with \(count) colours")
            }
        }
    }
}
