import Foundation
import Testing

@testable import AnvilApp

/// What the command line takes for an absolute address (a scheme, `://` and a host) and what it
/// leaves to be read as a path on the configured forge.
@Suite struct AbsoluteURLTests {
    @Test(arguments: [
        ("https://forge.example.org/p/test/", "https://forge.example.org/p/test/"),
        ("  http://127.0.0.1:8080/rest/p/x/\n", "http://127.0.0.1:8080/rest/p/x/"),
        ("HTTPS://Forge.Example.org", "HTTPS://Forge.Example.org"),
    ])
    func anAddressWithSchemeAndHostIsAbsolute(text: String, expected: String) {
        #expect(ForgeSession.absoluteURL(text)?.absoluteString == expected)
    }

    @Test(arguments: [
        "p/test/wiki/", "/p/test/", "p/x/?u=https://other.example/", "https:///no-host", "mailto:someone@example.org",
        "", "://",
    ])
    func anythingElseIsNot(text: String) {
        #expect(ForgeSession.absoluteURL(text) == nil)
    }
}
