import Foundation

/// The title line of a screen: the breadcrumb, and at the right end where the view is.
public enum TitleLine {
    /// The breadcrumb of a title line: without the position (`12/230`, `40%`, `Top`, `Bot`, `All`)
    /// and the spaces before it.
    public static func breadcrumb(_ line: String) -> String {
        let pattern = #"\s+(\d+/(≤|<=)?\d+\+?|\d+%|Top|Bot|All)\s*$"#
        guard let range = line.range(of: pattern, options: .regularExpression) else {
            return line.trimmingCharacters(in: .whitespaces)
        }
        return String(line[..<range.lowerBound])
    }

    /// The position at the right end of a title line, if any.
    public static func position(_ line: String) -> String? {
        let pattern = #"(\d+/\d+|\d+%|Top|Bot|All)\s*$"#
        guard let range = line.range(of: pattern, options: .regularExpression) else { return nil }
        return line[range].trimmingCharacters(in: .whitespaces)
    }
}
