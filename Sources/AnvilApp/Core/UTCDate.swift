import Foundation

/// A moment as a UTC calendar date and time of day, by integer arithmetic on the seconds since
/// 1970 (the proleptic Gregorian calendar, which agrees with Foundation's from 15 October 1582).
/// Formatting a header this way costs no `Calendar`, time zone or locale look-up.
struct UTCDate: Equatable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int

    /// The first day both calendars agree on, and the last day of year 9999, as days since 1970.
    private static let firstDay = -141_427
    private static let lastDay = 2_932_896

    /// `nil` outside 15 October 1582 ... 31 December 9999.
    init?(_ date: Date) {
        let interval = date.timeIntervalSince1970.rounded(.down)
        guard interval.isFinite, abs(interval) < 1e12 else { return nil }
        let seconds = Int(interval)
        let (days, second) = Self.floorDivide(seconds, 86_400)
        guard days >= Self.firstDay, days <= Self.lastDay else { return nil }
        // Days to a civil date, counting in 400-year eras from 1 March of year 0.
        let shifted = days + 719_468
        let era = Self.floorDivide(shifted, 146_097).quotient
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        hour = second / 3600
        minute = second % 3600 / 60
    }

    /// `2026-11-21 20:21`.
    var minuteText: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        Self.append(year, digits: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        Self.append(month, digits: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        Self.append(day, digits: 2, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        Self.append(hour, digits: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        Self.append(minute, digits: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func append(_ value: Int, digits: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<digits { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    private static func floorDivide(_ value: Int, _ divisor: Int) -> (quotient: Int, remainder: Int) {
        let remainder = (value % divisor + divisor) % divisor
        return ((value - remainder) / divisor, remainder)
    }
}
