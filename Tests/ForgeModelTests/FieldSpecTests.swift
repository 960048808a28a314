import ForgeModel
import Testing

/// What a tracker field accepts, checked before anything is sent.
@Suite struct FieldSpecTests {
    static func value(_ spec: FieldSpec, _ text: String) -> FieldValue? {
        try? spec.value(parsing: text).get()
    }

    static func rejection(_ spec: FieldSpec, _ text: String) -> String? {
        if case .failure(let rejection) = spec.value(parsing: text) { return rejection.message }
        return nil
    }

    @Test func eachKindParsesWhatItHolds() {
        let number = FieldSpec(key: "estimate", name: "Estimate", kind: .number)
        #expect(Self.value(number, " 2.5 ") == .number(2.5))
        #expect(Self.rejection(number, "lots") == "Estimate takes a number, not lots")
        #expect(Self.rejection(number, "inf") != nil && Self.rejection(number, "nan") != nil)

        let flag = FieldSpec(key: "Confidential", name: "Confidential", kind: .flag)
        #expect(Self.value(flag, "Yes") == .bool(true) && Self.value(flag, "off") == .bool(false))
        #expect(Self.rejection(flag, "maybe") == "Confidential takes yes or no, not maybe")

        let date = FieldSpec(key: "Due date", name: "Due date", kind: .date)
        #expect(Self.value(date, "2028-02-29") == .text("2028-02-29"))
        for bad in ["2027-02-29", "2026-13-01", "2026-1-01", "tomorrow", "2026-04-31"] {
            #expect(Self.rejection(date, bad) != nil, "\(bad)")
        }

        let choice = FieldSpec(key: "severity", name: "Severity", kind: .choice, choices: ["Minor", "Major"])
        #expect(Self.value(choice, "major") == .text("Major"), "a choice comes back in the tracker's spelling")
        #expect(Self.rejection(choice, "huge") == "Severity is one of Minor, Major; not huge")

        let text = FieldSpec(key: "notes", name: "Notes")
        #expect(Self.value(text, "anything at all") == .text("anything at all"))
    }

    @Test func blankClearsAndReadOnlyRefuses() {
        #expect(Self.value(FieldSpec(key: "n", name: "N", kind: .number), "  ") == .empty)
        let computed = FieldSpec(key: "Time spent", name: "Time spent", isWritable: false)
        #expect(Self.rejection(computed, "1h") == "Time spent cannot be changed from Anvil")
    }

    @Test func namedByKeyOrName() {
        let spec = FieldSpec(key: "found_in", name: "Found in")
        #expect(spec.isNamed("FOUND_IN") && spec.isNamed(" found in ") && !spec.isNamed("found"))
    }

    @Test func hintsSayWhatAFieldTakes() {
        #expect(FieldSpec(key: "s", name: "S", kind: .choice, choices: ["a", "b"]).hint == "one of a, b")
        let many = FieldSpec(key: "p", name: "P", choices: (1...8).map(String.init))
        #expect(many.hint == "in use: 1, 2, 3, 4, 5, 6, …")
        #expect(FieldSpec(key: "p", name: "P").hint == "text")
    }
}
