import AnvilApp
import Foundation
import Testing

/// `kind` and `auth` in a forge's table, checked against the kinds the backends declare.
@Suite("Config kind and auth")
struct ForgeKindConfigTests {
    let file = "/home/u/.config/anvil/config.toml"
    /// Stands in for the backends' registry: two kinds, one recognised from its host.
    let kinds = ForgeKinds(
        authModes: ["allura": ["token"], "gitlab": ["token", "oauth"], "tuleap": ["token"]],
        recognise: { $0.host == "gitlab.com" ? "gitlab" : nil })

    func parse(_ text: String) throws -> AnvilConfig {
        try AnvilConfig.parse(text, file: file, kinds: kinds)
    }

    func failure(_ text: String) throws -> ConfigError {
        try #require(configError { _ = try parse(text) })
    }

    @Test("kind and auth are read into the forge")
    func readsKindAndAuth() throws {
        let config = try parse(
            """
            [forges.work]
            url = "https://code.example.org"
            kind = "gitlab"
            auth = "oauth"

            [forges.sf]
            url = "https://sourceforge.net"
            """)
        #expect(config.forge(named: "work")?.kind == "gitlab")
        #expect(config.forge(named: "work")?.auth == "oauth")
        #expect(config.forge(named: "sf")?.kind == nil)
        #expect(config.forge(named: "sf")?.auth == nil)
    }

    @Test("auth without kind is checked against the kind the URL shows")
    func authOfRecognisedKind() throws {
        let config = try parse("[forges.gl]\nurl = \"https://gitlab.com\"\nauth = \"oauth\"\n")
        #expect(config.forge(named: "gl")?.auth == "oauth")
    }

    @Test("an unknown kind names the file, line and key")
    func unknownKind() throws {
        let error = try failure("[forges.x]\nurl = \"https://code.example.org\"\nkind = \"svn\"\n")
        #expect(
            error.message == "\(file):3: forges.x.kind: unknown kind 'svn' (expected one of: allura, gitlab, tuleap)")
    }

    @Test("Allura takes only bearer tokens")
    func alluraAuth() throws {
        let error = try failure("[forges.sf]\nurl = \"https://sf.example.org\"\nkind = \"allura\"\nauth = \"oauth\"\n")
        #expect(error.line == 4)
        #expect(error.key == "forges.sf.auth")
        #expect(error.message.contains("'oauth' is not an auth mode of allura forges (expected 'token')"))
    }

    @Test("an unknown GitLab auth mode lists the ones there are")
    func gitlabAuth() throws {
        let error = try failure("[forges.gl]\nurl = \"https://gitlab.com\"\nauth = \"basic\"\n")
        #expect(
            error.message
                == "\(file):3: forges.gl.auth: 'basic' is not an auth mode of gitlab forges (expected 'token' or 'oauth')"
        )
    }

    @Test("auth for a URL of no recognisable kind asks for kind")
    func authNeedsKind() throws {
        let error = try failure("[forges.x]\nurl = \"https://code.example.org\"\nauth = \"token\"\n")
        #expect(error.key == "forges.x.auth")
        #expect(error.message.contains("add kind = (allura, gitlab, tuleap)"))
    }

    @Test("kind must be a non-empty string")
    func kindType() throws {
        let error = try failure("[forges.x]\nurl = \"https://code.example.org\"\nkind = 3\n")
        #expect(error.message == "\(file):3: forges.x.kind: expected a string, found an integer")
    }
}
