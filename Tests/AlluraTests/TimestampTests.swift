import Allura
import Foundation
import Testing

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2025-03-14 09:26:53.589000", utc(2025, 3, 14, 9, 26, 53, ms: 589)),
        ("2025-02-01 10:00:00", utc(2025, 2, 1, 10)),
        ("2025-02-01T10:00:00", utc(2025, 2, 1, 10)),
        ("2025-02-01T10:00:00Z", utc(2025, 2, 1, 10)),
        ("2014-12-12 17:59:47+00:00", utc(2014, 12, 12, 17, 59, 47)),
        ("2014-12-12 19:59:47+02:00", utc(2014, 12, 12, 17, 59, 47)),
        ("2024-02-29 23:59:59.999000", utc(2024, 2, 29, 23, 59, 59, ms: 999)),
        ("1970-01-01 00:00:00", Date(timeIntervalSince1970: 0)),
        ("2025-01-07", utc(2025, 1, 7)),
    ])
    func parsesAllAcceptedForms(text: String, expected: Date) throws {
        let parsed = try #require(AlluraTimestamp.parse(text))
        #expect(abs(parsed.timeIntervalSince(expected)) < 0.0005)
    }

    @Test(arguments: [
        "", "2025-13-01 00:00:00", "2025-02-30 00:00:00", "2023-02-29 00:00:00",
        "2025-03-14 25:00:00", "2025/03/14 09:26:53", "2025-03-14 09:26", "2025-03-14 09:26:53.",
        "2025-03-14 09:26:53 junk", "yesterday",
    ])
    func rejectsMalformedText(text: String) {
        #expect(AlluraTimestamp.parse(text) == nil)
    }

    @Test func decodesFromJSONAndKeepsTheRawText() throws {
        let json = Data(#"{"a": "2026-11-21 20:21:31.664000", "b": "not a date"}"#.utf8)
        let decoded = try JSONDecoder().decode([String: AlluraTimestamp].self, from: json)
        #expect(decoded["a"]?.date == utc(2026, 11, 21, 20, 21, 31, ms: 664))
        #expect(decoded["b"]?.date == nil)
        #expect(decoded["b"]?.raw == "not a date")
    }

    @Test func parsingIsFast() {
        let started = Date()
        var parsed = 0
        for i in 0..<50_000 {
            if AlluraTimestamp.parse("2025-03-14 09:26:\(10 + i % 50).589000") != nil { parsed += 1 }
        }
        #expect(parsed == 50_000)
        // A DateFormatter per call takes seconds for this many in a debug build.
        #expect(Date().timeIntervalSince(started) < 2)
    }
}
