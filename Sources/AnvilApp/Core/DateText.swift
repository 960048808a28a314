import Foundation

/// Dates as Anvil shows them: absolute in UTC, with a relative part for orientation.
enum DateText {
    /// Dates outside the years `UTCDate` covers (before the Gregorian reform, after 9999).
    private static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC") ?? c.timeZone
        return c
    }()

    /// `2026-11-21 20:21`.
    static func absolute(_ date: Date) -> String {
        if let utc = UTCDate(date) { return utc.minuteText }
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d", p.year ?? 0, p.month ?? 0, p.day ?? 0, p.hour ?? 0, p.minute ?? 0)
    }

    /// How long ago (or ahead) a date is, in the unit `relative` names it with: two dates of the
    /// same age read the same.
    struct Age: Hashable {
        enum Unit: String {
            case minute, hour, day, month, year
        }
        /// How many units; nil for less than a minute either way.
        var value: Int
        var unit: Unit?
        var isFuture: Bool
    }

    /// The age of `date` at `now`.
    static func age(_ date: Date, now: Date) -> Age {
        let seconds = Int(now.timeIntervalSince(date))
        let magnitude = abs(seconds)
        let (value, unit): (Int, Age.Unit?)
        switch magnitude {
        case ..<60: (value, unit) = (0, nil)
        case ..<3600: (value, unit) = (magnitude / 60, .minute)
        case ..<86_400: (value, unit) = (magnitude / 3600, .hour)
        case ..<(86_400 * 30): (value, unit) = (magnitude / 86_400, .day)
        case ..<(86_400 * 365): (value, unit) = (magnitude / (86_400 * 30), .month)
        default: (value, unit) = (magnitude / (86_400 * 365), .year)
        }
        return Age(value: value, unit: unit, isFuture: unit != nil && seconds < 0)
    }

    /// `3 hours ago`, `in 2 days`, `just now`.
    static func relative(_ date: Date, now: Date) -> String {
        let age = age(date, now: now)
        guard let unit = age.unit else { return "just now" }
        let phrase = "\(age.value) \(unit.rawValue)\(age.value == 1 ? "" : "s")"
        return age.isFuture ? "in \(phrase)" : "\(phrase) ago"
    }

    /// `3h`, `21d`, `2mo`: for narrow columns.
    static func compact(_ date: Date, now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        switch seconds {
        case ..<60: return "now"
        case ..<3600: return "\(seconds / 60)m"
        case ..<86_400: return "\(seconds / 3600)h"
        case ..<(86_400 * 60): return "\(seconds / 86_400)d"
        case ..<(86_400 * 365): return "\(seconds / (86_400 * 30))mo"
        default: return "\(seconds / (86_400 * 365))y"
        }
    }

    /// `2026-11-21 20:21 UTC (3 hours ago)`.
    static func both(_ date: Date, now: Date) -> String {
        "\(absolute(date)) UTC (\(relative(date, now: now)))"
    }
}
