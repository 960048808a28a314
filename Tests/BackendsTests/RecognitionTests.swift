import Backends
import ForgeModel
import Foundation
import Testing

@Suite struct RecognitionTests {
    private func kind(_ address: String) -> String? {
        URL(string: address).flatMap { BackendRegistry.recognised($0)?.name }
    }

    @Test(arguments: [
        "https://gitlab.example.org/api/v4/projects/acme%2Ftools/issues/4",
        "https://code.example.org/acme/tools/-/issues/42",
        "https://code.example.org/acme/tools/-/wikis/home",
        "https://gitlab.com/acme/tools",
        "https://www.gitlab.com/",
    ])
    func gitlabShapes(_ address: String) {
        #expect(kind(address) == "gitlab")
    }

    @Test(arguments: [
        "https://forge.example.org/rest/p/proj/bugs/42/",
        "https://forge.example.org/p/proj/wiki/Home/",
        "https://forge.example.org/u/alice/profile/",
        "https://sourceforge.net/",
        "https://sourceforge.net/projects/anvil/",
    ])
    func alluraShapes(_ address: String) {
        #expect(kind(address) == "allura")
    }

    @Test(arguments: [
        "https://tuleap.example.org/projects/acme/",
        "https://tuleap.example.org/plugins/tracker/?aid=12",
        "https://tuleap.example.org/api/artifacts/12",
        "https://tuleap.example.org/api/v1/trackers/81",
    ])
    func tuleapShapes(_ address: String) {
        #expect(kind(address) == "tuleap")
    }

    @Test(arguments: ["https://forge.example.org/", "https://forge.example.org/acme/tools", "http://127.0.0.1:8080"])
    func ambiguousShapesAreNotCertain(_ address: String) {
        #expect(kind(address) == nil)
    }

    @Test func tuleapIsPossibleAtAServerRootSoItsProbeIsTried() throws {
        let tuleap = try #require(BackendRegistry.kind(named: "tuleap"))
        #expect(tuleap.recognise(try #require(URL(string: "http://127.0.0.1:8080"))) == .possibly)
        #expect(
            tuleap.recognise(try #require(URL(string: "https://forge.example.org/goto?key=bug&val=3"))) == .possibly)
    }

    @Test func eachKindJudgesOnlyItsOwnShapes() throws {
        let url = try #require(URL(string: "https://forge.example.org/acme/tools"))
        let judged = Dictionary(uniqueKeysWithValues: BackendRegistry.kinds.map { ($0.name, $0.recognise(url)) })
        #expect(judged == ["allura": .possibly, "gitlab": .possibly, "tuleap": .not])
    }

    @Test func tuleapBuildsItsForgeWithTheConfiguredAuth() throws {
        let tuleap = try #require(BackendRegistry.kind(named: "tuleap"))
        let base = try #require(URL(string: "https://tuleap.example.org"))
        let forge = try tuleap.makeForge(ForgeRecipe(baseURL: base, token: nil, transport: NoTransport()))
        #expect("\(forge)".contains("TuleapForge") && "\(forge)".contains("access_key"))
        var basic = ForgeRecipe(baseURL: base, token: "pw", auth: "basic", transport: NoTransport())
        #expect(throws: ForgeError.self) { _ = try tuleap.makeForge(basic) }
        basic.username = "mara"
        #expect("\(try tuleap.makeForge(basic))".contains("basic"))
        #expect(throws: ForgeError.self) {
            _ = try tuleap.makeForge(ForgeRecipe(baseURL: base, token: "k", auth: "cookie", transport: NoTransport()))
        }
    }

    @Test func authModesComeFromTheBackends() {
        #expect(BackendRegistry.authModes["gitlab"] == ["token", "oauth"])
        #expect(BackendRegistry.authModes["allura"] == ["token"])
        #expect(BackendRegistry.authModes["tuleap"] == ["access_key", "oauth", "token", "basic"])
        #expect(BackendRegistry.fallback.name == "allura")
    }
}
