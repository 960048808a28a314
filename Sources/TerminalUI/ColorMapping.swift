/// Maps theme colours down to the palette a terminal has.
public enum ColorMapping {
    /// The six levels of each channel in the xterm 6×6×6 colour cube (indices 16–231).
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The usual xterm values of the 16 basic colours.
    static let basic16: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
        (255, 255, 255),
    ]

    /// The RGB value of palette index `index` (0–255) as xterm draws it.
    public static func rgb(ofIndex index: Int) -> (r: Int, g: Int, b: Int) {
        let i = min(max(index, 0), 255)
        if i < 16 { return basic16[i] }
        if i < 232 {
            let n = i - 16
            return (cubeLevels[n / 36], cubeLevels[(n / 6) % 6], cubeLevels[n % 6])
        }
        let grey = 8 + 10 * (i - 232)
        return (grey, grey, grey)
    }

    /// The palette index (16–255) nearest to an RGB colour: the closer of the best cube colour
    /// and the best grey.
    public static func nearest256(r: Int, g: Int, b: Int) -> Int {
        func nearestLevel(_ v: Int) -> Int {
            var best = 0
            for (i, level) in cubeLevels.enumerated() where abs(level - v) < abs(cubeLevels[best] - v) { best = i }
            return best
        }
        let (ri, gi, bi) = (nearestLevel(r), nearestLevel(g), nearestLevel(b))
        let cube = 16 + 36 * ri + 6 * gi + bi
        let average = (r + g + b) / 3
        let greyStep = min(max((average - 3) / 10, 0), 23)
        let grey = 232 + greyStep
        return distance(rgb(ofIndex: grey), (r, g, b)) < distance(rgb(ofIndex: cube), (r, g, b)) ? grey : cube
    }

    /// The basic colour (0–15) nearest to an RGB colour.
    public static func nearest16(r: Int, g: Int, b: Int) -> Int {
        nearest(in: 0..<16, to: (r, g, b))
    }

    /// The basic colour (0–7) nearest to an RGB colour.
    public static func nearest8(r: Int, g: Int, b: Int) -> Int {
        nearest(in: 0..<8, to: (r, g, b))
    }

    static func nearest(in indices: Range<Int>, to target: (Int, Int, Int)) -> Int {
        var best = indices.lowerBound
        var bestDistance = Int.max
        for i in indices {
            let d = distance(basic16[i], target)
            if d < bestDistance { (best, bestDistance) = (i, d) }
        }
        return best
    }

    /// Squared distance, weighted roughly by how sensitive the eye is to each channel.
    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let (dr, dg, db) = (a.0 - b.0, a.1 - b.1, a.2 - b.2)
        return 3 * dr * dr + 4 * dg * dg + 2 * db * db
    }
}

/// Turns theme colours into colour numbers a given terminal can show.
public struct ColorResolver: Hashable, Sendable {
    /// What the terminal can show.
    public enum Palette: Hashable, Sendable {
        /// No colours at all: everything resolves to the default colour.
        case none
        case basic8
        case basic16
        case indexed256
        /// 24-bit colour numbers (`0xRRGGBB`), as ncurses reports for `*-direct` terminals;
        /// 0–7 stay the basic colours.
        case direct
    }

    public let palette: Palette

    public init(palette: Palette) {
        self.palette = palette
    }

    /// A resolver for a terminal reporting `colorCount` colours (curses' `COLORS`).
    public init(colorCount: Int) {
        switch colorCount {
        case ..<8: palette = .none
        case 8..<16: palette = .basic8
        case 16..<256: palette = .basic16
        case 256..<0x100_0000: palette = .indexed256
        default: palette = .direct
        }
    }

    /// The terminal colour number for `color`; -1 means the terminal's default colour.
    public func resolve(_ color: Color) -> Int {
        switch (color, palette) {
        case (.default, _), (_, .none):
            return -1
        case (.indexed(let i), _) where i < 0 || i > 255:
            return -1
        case (.indexed(let i), .indexed256):
            return i
        case (.indexed(let i), .basic16) where i < 16, (.indexed(let i), .basic8) where i < 8,
            (.indexed(let i), .direct) where i < 8:
            return i
        case (.indexed(let i), .basic8) where i < 16:
            return i - 8
        case (.indexed(let i), _):
            let c = ColorMapping.rgb(ofIndex: i)
            return resolveRGB(c.r, c.g, c.b)
        case (.rgb(let r, let g, let b), _):
            return resolveRGB(Int(r), Int(g), Int(b))
        }
    }

    private func resolveRGB(_ r: Int, _ g: Int, _ b: Int) -> Int {
        switch palette {
        case .none: return -1
        case .basic8: return ColorMapping.nearest8(r: r, g: g, b: b)
        case .basic16: return ColorMapping.nearest16(r: r, g: g, b: b)
        case .indexed256: return ColorMapping.nearest256(r: r, g: g, b: b)
        case .direct:
            // Values below 8 mean the basic colours in direct mode; nudge pure dark blues up.
            let value = (r << 16) | (g << 8) | b
            return value < 8 ? 8 : value
        }
    }
}

extension Theme {
    /// The same theme with every colour set to the terminal default and only the attributes
    /// kept, for `NO_COLOR` and colourless terminals. The cursor always keeps `reverse` and search
    /// matches keep `bold underline`, so neither disappears.
    public func withoutColors() -> Theme {
        var result = Theme(name: name, styles: [:])
        for (role, style) in styles {
            result.styles[role] = TextStyle(attributes: style.attributes)
        }
        var cursor = result.style(for: .cursor)
        cursor.attributes.insert(.reverse)
        result.styles[.cursor] = TextStyle(attributes: cursor.attributes)
        var match = result.style(for: .searchMatch)
        if match.attributes.isDisjoint(with: [.underline, .standout])
            || match.attributes == result.style(for: .cursor).attributes
        {
            match.attributes.formUnion([.bold, .underline])
        }
        result.styles[.searchMatch] = TextStyle(attributes: match.attributes)
        return result
    }
}
