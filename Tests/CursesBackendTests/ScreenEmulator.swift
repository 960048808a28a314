import TerminalUI
import Text

@testable import CursesBackend

/// A small terminal that understands the sequences `ScreenWriter` sends, as xterm does: cursor
/// moves, erases, the scroll region, line feed and reverse index scrolling in it, SGR, and UTF-8
/// text with wide characters. Tests replay a writer's bytes on it and compare the screen with
/// the canvas. Anything it does not know, or a write past the last column, is recorded as a fault.
struct ScreenEmulator {
    struct Shown: Hashable, CustomStringConvertible {
        var text: String
        var pen: Pen
        /// The OSC 8 hyperlink's address, as sent.
        var link: String? = nil

        var description: String { "\(text.debugDescription) \(pen) \(link ?? "")" }
    }

    let width: Int
    let height: Int
    var newlineReturns = false
    private(set) var cells: [[Shown]]
    private(set) var row = 0
    private(set) var column = 0
    private(set) var pen = Pen.plain
    private(set) var link: String?
    private(set) var top = 0
    private(set) var bottom: Int
    private(set) var faults: [String] = []
    /// Times the screen or a region scrolled.
    private(set) var scrolls = 0

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        self.bottom = height - 1
        self.cells = Array(repeating: Array(repeating: Shown(text: " ", pen: .plain), count: width), count: height)
    }

    var regionIsWholeScreen: Bool { top == 0 && bottom == height - 1 }

    /// The text of the screen, one line per row, trailing blanks kept.
    var text: String { cells.map { $0.map(\.text).joined() }.joined(separator: "\n") }

    mutating func feed(_ bytes: [UInt8]) {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x1B:
                index = escape(bytes, at: index)
                continue
            case 0x0D: column = 0
            case 0x0A: lineFeed()
            case 0x08: column = max(0, min(column, width - 1) - 1)
            case 0x00..<0x20, 0x7F: faults.append("control byte \(byte)")
            default:
                let (scalar, length) = Self.decode(bytes, at: index)
                put(scalar)
                index += length
                continue
            }
            index += 1
        }
    }

    private static func decode(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int) {
        let first = bytes[index]
        let length = first < 0x80 ? 1 : first < 0xE0 ? 2 : first < 0xF0 ? 3 : 4
        let slice = Array(bytes[index..<min(bytes.count, index + length)])
        let scalar = String(decoding: slice, as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
        return (scalar, length)
    }

    private mutating func put(_ scalar: Unicode.Scalar) {
        let cellWidth = DisplayWidth.of(Character(scalar))
        if cellWidth == 0 {
            let previous = max(0, column - 1)
            var target = previous
            if cells[row][target].text.isEmpty, target > 0 { target -= 1 }
            cells[row][target].text.unicodeScalars.append(scalar)
            return
        }
        if column + cellWidth > width {
            faults.append("text past the last column at row \(row)")
            return
        }
        // Writing over half of a wide character blanks its other half, as terminals do.
        if cells[row][column].text.isEmpty, column > 0 { cells[row][column - 1].text = " " }
        let after = column + cellWidth
        if after < width, cells[row][after].text.isEmpty { cells[row][after].text = " " }
        cells[row][column] = Shown(text: String(scalar), pen: pen, link: link)
        if cellWidth == 2 { cells[row][column + 1] = Shown(text: "", pen: pen, link: link) }
        column += cellWidth
    }

    private mutating func lineFeed() {
        if column >= width { column = width - 1 }
        if newlineReturns { column = 0 }
        if row == bottom {
            scroll(up: 1)
        } else if row < height - 1 {
            row += 1
        }
    }

    private mutating func scroll(up lines: Int) {
        scrolls += 1
        let blank = Shown(text: " ", pen: Pen(attributes: [], foreground: -1, background: pen.background))
        for _ in 0..<abs(lines) {
            if lines > 0 {
                cells.remove(at: top)
                cells.insert(Array(repeating: blank, count: width), at: bottom)
            } else {
                cells.remove(at: bottom)
                cells.insert(Array(repeating: blank, count: width), at: top)
            }
        }
    }

    private mutating func escape(_ bytes: [UInt8], at start: Int) -> Int {
        guard start + 1 < bytes.count else {
            faults.append("lone ESC")
            return start + 1
        }
        switch bytes[start + 1] {
        case UInt8(ascii: "]"):
            // OSC … ESC \; only OSC 8 (hyperlinks) is known.
            var index = start + 2
            var body: [UInt8] = []
            while index + 1 < bytes.count, !(bytes[index] == 0x1B && bytes[index + 1] == UInt8(ascii: "\\")) {
                body.append(bytes[index])
                index += 1
            }
            let text = String(decoding: body, as: UTF8.self)
            if text.hasPrefix("8;;") {
                let address = String(text.dropFirst(3))
                link = address.isEmpty ? nil : address
            } else {
                faults.append("unknown OSC \(text)")
            }
            return index + 2
        case UInt8(ascii: "M"):
            if row == top { scroll(up: -1) } else if row > 0 { row -= 1 }
            return start + 2
        case UInt8(ascii: "["):
            var index = start + 2
            var parameters = ""
            while index < bytes.count, (0x30...0x3F).contains(bytes[index]) {
                parameters.unicodeScalars.append(Unicode.Scalar(bytes[index]))
                index += 1
            }
            guard index < bytes.count else {
                faults.append("unfinished CSI")
                return index
            }
            csi(Character(Unicode.Scalar(bytes[index])), parameters)
            return index + 1
        default:
            faults.append("unknown escape \(bytes[start + 1])")
            return start + 2
        }
    }

    private mutating func csi(_ final: Character, _ parameters: String) {
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        func number(_ index: Int, _ fallback: Int) -> Int {
            index < numbers.count ? (numbers[index] ?? fallback) : fallback
        }
        switch final {
        case "H":
            row = min(height - 1, number(0, 1) - 1)
            column = min(width - 1, number(1, 1) - 1)
        case "d": row = min(height - 1, number(0, 1) - 1)
        case "G": column = min(width - 1, number(0, 1) - 1)
        case "C": column = min(width - 1, min(column, width - 1) + number(0, 1))
        case "D": column = max(0, min(column, width - 1) - number(0, 1))
        case "K":
            let blank = Shown(text: " ", pen: Pen(attributes: [], foreground: -1, background: pen.background))
            for x in min(column, width - 1)..<width { cells[row][x] = blank }
        case "J" where parameters == "2":
            let blank = Shown(text: " ", pen: Pen(attributes: [], foreground: -1, background: pen.background))
            cells = Array(repeating: Array(repeating: blank, count: width), count: height)
        case "r":
            top = number(0, 1) - 1
            bottom = min(height, number(1, height)) - 1
            if top >= bottom {
                faults.append("bad region \(parameters)")
                top = 0
                bottom = height - 1
            }
            row = 0
            column = 0
        case "m": sgr(parameters)
        default: faults.append("unknown CSI \(parameters)\(final)")
        }
    }

    private mutating func sgr(_ parameters: String) {
        var codes = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        if codes.isEmpty { codes = [0] }
        var index = 0
        func color() -> Int {
            guard index + 1 < codes.count else { return -1 }
            if codes[index + 1] == 5, index + 2 < codes.count {
                index += 2
                return codes[index]
            }
            if codes[index + 1] == 2, index + 4 < codes.count {
                let value = codes[index + 2] << 16 | codes[index + 3] << 8 | codes[index + 4]
                index += 4
                return value
            }
            faults.append("bad colour in SGR \(parameters)")
            return -1
        }
        while index < codes.count {
            switch codes[index] {
            case 0: pen = .plain
            case 1: pen.attributes.insert(.bold)
            case 2: pen.attributes.insert(.dim)
            case 3: pen.attributes.insert(.italic)
            case 4: pen.attributes.insert(.underline)
            case 7: pen.attributes.insert(.reverse)
            case 30...37: pen.foreground = codes[index] - 30
            case 90...97: pen.foreground = codes[index] - 90 + 8
            case 38: pen.foreground = color()
            case 39: pen.foreground = -1
            case 40...47: pen.background = codes[index] - 40
            case 100...107: pen.background = codes[index] - 100 + 8
            case 48: pen.background = color()
            case 49: pen.background = -1
            default: faults.append("unknown SGR \(codes[index])")
            }
            index += 1
        }
    }
}
