import Testing

@testable import Text

struct RoleTests {
    @Test func rolesAreEqualExactlyWhenTheirNamesAre() {
        for a in Role.allCases {
            for b in Role.allCases {
                #expect((a == b) == (a.rawValue == b.rawValue), "\(a) and \(b)")
                #expect((a != b) == (a.rawValue != b.rawValue), "\(a) and \(b)")
            }
        }
        // Equal roles hash alike: a dictionary by role finds each one.
        let byRole = Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, $0.rawValue) })
        for role in Role.allCases { #expect(byRole[Role(rawValue: role.rawValue)!] == role.rawValue) }
    }
}
