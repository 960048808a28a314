import Allura
import ForgeModel
import Foundation
import Testing

/// An address with a control character (C0, DEL or C1) is never one someone means: refused with a
/// message; one with other characters outside ASCII is read.
@Suite struct RouterControlTests {
    static let base = URL(string: "https://forge.example.org")!

    @Test(arguments: ["\n", "\u{1B}[2J", "\u{7F}", "\u{85}", "\u{9F}", "\u{0}"])
    func controlCharactersAreRefused(inserted: String) {
        #expect(throws: ForgeError.invalidURL("an address with control characters")) {
            _ = try AlluraRouter.parse("https://forge.example.org/p/te\(inserted)st/", defaultBase: Self.base)
        }
    }

    @Test(arguments: ["\u{A0}", "é", "\u{200B}", "日本"])
    func otherCharactersAreRead(inserted: String) throws {
        let (_, route) = try AlluraRouter.parse("https://forge.example.org/p/te\(inserted)st/", defaultBase: Self.base)
        #expect(route.project?.name == "te\(inserted)st")
    }
}
