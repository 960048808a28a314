import Testing
import Text

@testable import AnvilApp

/// A row whose line is made when first read.
@Suite struct DeferredRowTests {
    /// Counts how often it makes its line.
    final class Counting: DeferredLine, @unchecked Sendable {
        let text: String
        private(set) var made = 0

        init(_ text: String) { self.text = text }

        override func make() -> StyledLine {
            made += 1
            return StyledLine(text, .author)
        }
    }

    @Test func makesItsLineOnTheFirstReadOnly() {
        let source = Counting("zoe  5 months ago")
        let row = Row(source, selectable: true)
        #expect(source.made == 0)
        #expect(row.selectable)
        #expect(row.line.text == "zoe  5 months ago")
        #expect(row.line == StyledLine("zoe  5 months ago", .author))
        let copy = row
        #expect(copy.line.text == "zoe  5 months ago")
        #expect(source.made == 1)
    }

    @Test func equalsAndHashesAsTheRowOfTheSameLine() {
        let deferred = Row(Counting("noor"), target: .note("n"), selectable: true)
        let plain = Row(StyledLine("noor", .author), target: .note("n"), selectable: true)
        #expect(deferred == plain)
        #expect(deferred.hashValue == plain.hashValue)
        #expect(deferred != Row(StyledLine("noor", .normal), target: .note("n"), selectable: true))
        #expect(deferred != Row(StyledLine("noor", .author), target: .note("m"), selectable: true))
    }

    @Test func aLineSetReplacesTheDeferredOne() {
        let source = Counting("old")
        var row = Row(source)
        row.line = StyledLine("new")
        #expect(row.line.text == "new")
        #expect(source.made == 0)
    }
}
