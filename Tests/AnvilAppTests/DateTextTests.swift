import Foundation
import Testing

@testable import AnvilApp

/// `DateText.absolute` by integer arithmetic renders exactly what the `Calendar` version rendered.
@Suite struct DateTextTests {
    /// The former implementation, kept here as the reference.
    private static func calendarText(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d", p.year ?? 0, p.month ?? 0, p.day ?? 0, p.hour ?? 0, p.minute ?? 0)
    }

    @Test func knownDates() {
        let cases: [(TimeInterval, String)] = [
            (0, "1970-01-01 00:00"),
            (-0.5, "1969-12-31 23:59"),
            (951_782_400, "2000-02-29 00:00"),
            (1_709_251_199.999, "2024-02-29 23:59"),
            (1_795_810_860, "2026-11-27 20:21"),
            (-2_203_891_200, "1900-03-01 00:00"),
            (253_402_300_799, "9999-12-31 23:59"),
        ]
        for (seconds, text) in cases {
            #expect(DateText.absolute(Date(timeIntervalSince1970: seconds)) == text, "\(seconds)")
        }
    }

    @Test func sameTextAsCalendarAcrossTheCalendar() {
        // The edges of the range, random moments from 1582 to 9999, and the demo's years day by day.
        var random = SystemRandomNumberGenerator()
        var seconds: [TimeInterval] = [
            -12_219_292_800, -12_219_292_800.5, 253_402_300_799.9,
            Date.distantPast.timeIntervalSince1970, Date.distantFuture.timeIntervalSince1970,
        ]
        for _ in 0..<20_000 {
            seconds.append(TimeInterval(Int64.random(in: -12_219_292_800...253_402_300_799, using: &random)))
            seconds.append(Double.random(in: -2e9...4e9, using: &random))
        }
        for second in stride(from: 1_700_000_000, to: 1_800_000_000, by: 86_341) {
            seconds.append(TimeInterval(second))
        }
        for value in seconds {
            let date = Date(timeIntervalSince1970: value)
            #expect(DateText.absolute(date) == Self.calendarText(date), "\(value)")
        }
    }

    @Test func utcDateCoversTheGregorianYearsOnly() {
        #expect(UTCDate(Date(timeIntervalSince1970: -12_219_292_800)) != nil)
        #expect(UTCDate(Date(timeIntervalSince1970: -12_219_292_801)) == nil)
        #expect(UTCDate(Date(timeIntervalSince1970: 253_402_300_800)) == nil)
        #expect(UTCDate(Date(timeIntervalSince1970: .infinity)) == nil)
    }
}

/// `DateText.relative`, now worked out through `DateText.age`, renders what it rendered before.
@Suite struct RelativeDateTests {
    /// The former implementation, kept here as the reference.
    private static func formerText(_ date: Date, now: Date) -> String {
        let seconds = Int(now.timeIntervalSince(date))
        let magnitude = abs(seconds)
        let (value, unit): (Int, String)
        switch magnitude {
        case ..<60: return "just now"
        case ..<3600: (value, unit) = (magnitude / 60, "minute")
        case ..<86_400: (value, unit) = (magnitude / 3600, "hour")
        case ..<(86_400 * 30): (value, unit) = (magnitude / 86_400, "day")
        case ..<(86_400 * 365): (value, unit) = (magnitude / (86_400 * 30), "month")
        default: (value, unit) = (magnitude / (86_400 * 365), "year")
        }
        let phrase = "\(value) \(unit)\(value == 1 ? "" : "s")"
        return seconds >= 0 ? "\(phrase) ago" : "in \(phrase)"
    }

    @Test func sameTextAsBeforeAtEveryBoundary() {
        let now = Date(timeIntervalSince1970: 1_795_810_860)
        var offsets: [TimeInterval] = [0, 0.5, -0.5, 59.9, -59.9]
        for edge in [60, 3600, 86_400, 86_400 * 30, 86_400 * 365, 86_400 * 365 * 2] {
            for delta in [-1, 0, 1] { offsets += [Double(edge + delta), -Double(edge + delta)] }
        }
        var random = SystemRandomNumberGenerator()
        for _ in 0..<5000 { offsets.append(Double.random(in: -4e9...4e9, using: &random)) }
        for offset in offsets {
            let date = now.addingTimeInterval(-offset)
            #expect(DateText.relative(date, now: now) == Self.formerText(date, now: now), "\(offset)")
        }
        #expect(DateText.relative(now.addingTimeInterval(-7200), now: now) == "2 hours ago")
        #expect(DateText.relative(now.addingTimeInterval(86_400), now: now) == "in 1 day")
        #expect(DateText.relative(now.addingTimeInterval(-30), now: now) == "just now")
    }

    @Test func datesOfTheSameAgeReadTheSame() {
        let now = Date(timeIntervalSince1970: 1_795_810_860)
        for offset in stride(from: -90_000.0, through: 90_000, by: 997) {
            let a = now.addingTimeInterval(offset)
            let b = now.addingTimeInterval(offset + 13)
            if DateText.age(a, now: now) == DateText.age(b, now: now) {
                #expect(DateText.relative(a, now: now) == DateText.relative(b, now: now))
            }
        }
    }
}
