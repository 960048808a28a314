import Foundation

/// ISO 8601-like timestamps as forges send them, parsed without `DateFormatter` or `Calendar`:
/// `YYYY-MM-DD HH:MM:SS[.ffffff]` (Allura's naive UTC), `YYYY-MM-DDTHH:MM:SS.mmmZ` (GitLab), an
/// offset such as `+02:00`, or a bare date (midnight UTC).
public enum WireTimestamp {
    /// Parses the formats above with a hand-written scanner (no DateFormatter). A bare date
    /// `YYYY-MM-DD` is midnight UTC. Returns nil for anything else.
    public static func parse(_ text: String) -> Date? {
        var scanner = DigitScanner(text.utf8)
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
            let month = scanner.number(digits: 2), scanner.skip("-"),
            let day = scanner.number(digits: 2),
            (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var seconds = daysFromCivil(year: year, month: month, day: day) * 86_400
        if scanner.atEnd { return date(seconds: seconds, microseconds: 0) }
        guard scanner.skip(" ") || scanner.skip("T") || scanner.skip("t"),
            let hour = scanner.number(digits: 2), scanner.skip(":"),
            let minute = scanner.number(digits: 2), scanner.skip(":"),
            let second = scanner.number(digits: 2),
            hour < 24, minute < 60, second < 61
        else { return nil }
        seconds += hour * 3600 + minute * 60 + second
        var microseconds = 0
        if scanner.skip(".") {
            guard let fraction = scanner.microseconds() else { return nil }
            microseconds = fraction
        }
        if scanner.skip("Z") || scanner.skip("z") {
            // UTC
        } else if let sign = scanner.sign() {
            guard let offsetHours = scanner.number(digits: 2) else { return nil }
            _ = scanner.skip(":")
            let offsetMinutes = scanner.number(digits: 2) ?? 0
            seconds -= sign * (offsetHours * 3600 + offsetMinutes * 60)
        }
        guard scanner.atEnd else { return nil }
        return date(seconds: seconds, microseconds: microseconds)
    }

    /// Seconds since 1970 to a `Date`, built from the reference-date interval so that whole
    /// seconds stay exact and equal to what `Calendar` produces.
    private static func date(seconds: Int, microseconds: Int) -> Date {
        let sinceReference = seconds - Int(Date.timeIntervalBetween1970AndReferenceDate)
        return Date(timeIntervalSinceReferenceDate: Double(sinceReference) + Double(microseconds) / 1_000_000)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// Reads ASCII digits and separators from UTF-8 bytes.
private struct DigitScanner {
    let bytes: [UInt8]
    var position = 0

    init(_ utf8: String.UTF8View) { bytes = Array(utf8) }

    var atEnd: Bool { position == bytes.count }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard position < bytes.count, bytes[position] == UInt8(ascii: character) else { return false }
        position += 1
        return true
    }

    mutating func number(digits: Int) -> Int? {
        guard position + digits <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<digits {
            let b = bytes[position + offset]
            guard b >= 48, b <= 57 else { return nil }
            value = value * 10 + Int(b - 48)
        }
        position += digits
        return value
    }

    /// One or more digits after a decimal point, as microseconds (digits past the sixth are
    /// read and ignored).
    mutating func microseconds() -> Int? {
        var value = 0
        var digits = 0
        while position < bytes.count, bytes[position] >= 48, bytes[position] <= 57 {
            if digits < 6 { value = value * 10 + Int(bytes[position] - 48) }
            digits += 1
            position += 1
        }
        guard digits > 0 else { return nil }
        for _ in digits..<max(digits, 6) { value *= 10 }
        return value
    }

    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}
