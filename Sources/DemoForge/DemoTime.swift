/// Calendar arithmetic for the demo forge's fixed clock, without `Date()`: instants are
/// milliseconds since 1970-01-01 UTC.
public enum DemoTime {
    /// The demo forge's "now": 2026-11-01 00:00:00 UTC.
    public static let now: Int64 = millis(year: 2026, month: 11, day: 1)

    static let minute: Int64 = 60_000
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000

    /// Milliseconds since the epoch of a UTC calendar time.
    static func millis(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Int64 {
        let days = daysFromCivil(year: year, month: month, day: day)
        return ((Int64(days) * 24 + Int64(hour)) * 60 + Int64(minute)) * 60_000 + Int64(second) * 1000
    }

    /// Allura's timestamp format: `YYYY-MM-DD HH:MM:SS.ffffff` (last three digits `000`), or
    /// without the fraction when the milliseconds are zero.
    static func timestamp(_ ms: Int64) -> String {
        let (date, secondsOfDay, millis) = split(ms)
        let time = pad(secondsOfDay / 3600, 2) + ":" + pad(secondsOfDay / 60 % 60, 2) + ":" + pad(secondsOfDay % 60, 2)
        let base = date + " " + time
        return millis == 0 ? base : base + "." + pad(millis, 3) + "000"
    }

    /// GitLab's timestamp format: ISO 8601 in UTC with milliseconds, `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    static func iso8601(_ ms: Int64) -> String {
        let (date, secondsOfDay, millis) = split(ms)
        let time = pad(secondsOfDay / 3600, 2) + ":" + pad(secondsOfDay / 60 % 60, 2) + ":" + pad(secondsOfDay % 60, 2)
        return date + "T" + time + "." + pad(millis, 3) + "Z"
    }

    /// `YYYY-MM-DD`.
    static func date(_ ms: Int64) -> String {
        split(ms).date
    }

    /// `YYYY/MM`, the blog slug prefix.
    static func yearMonth(_ ms: Int64) -> String {
        let date = split(ms).date
        return String(date.prefix(4)) + "/" + String(date.dropFirst(5).prefix(2))
    }

    private static func split(_ ms: Int64) -> (date: String, secondsOfDay: Int, millis: Int) {
        let days = floorDiv(ms, day)
        let rest = ms - days * day
        let (y, m, d) = civilFromDays(Int(days))
        return (pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2), Int(rest / 1000), Int(rest % 1000))
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    // Howard Hinnant's days-from-civil algorithm and its inverse.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
