import Allura
import ForgeModel
import Foundation
import Testing

@Suite struct MappingTests {
    let base = URL(string: "https://forge.example.org")!

    @Test func projectTakesItsPathFromTheURL() throws {
        var json: AlluraProjectJSON = try fixture("project.json")
        let requested = ProjectPath(neighborhood: "p", name: "requested")
        var project = AlluraMapping.project(json, base: base, requested: requested)
        #expect(project.path == ProjectPath(neighborhood: "p", name: "test"))
        #expect(project.name == "Test Project")
        #expect(project.developers.map(\.name).last == "Alice Åkerlund")
        #expect(project.tools.count == 7)
        #expect(
            project.tools[2]
                == Tool(
                    kind: .tickets, mountPoint: "bugs", label: "Tickets",
                    webURL: "https://forge.example.org/p/test/bugs/",
                    apiURL: "https://forge.example.org/rest/p/test/bugs/"))
        #expect(project.tools.map(\.kind).contains(.activity))
        #expect(project.categories == [])
        #expect(project.socialNetworks == [SocialNetwork(network: "X", accountURL: "https://x.com/testproject")])

        // shortname is not the path: subprojects, user projects, custom neighborhoods.
        json.shortname = "test/plugins"
        json.url = "https://forge.example.org/p/test/plugins/"
        project = AlluraMapping.project(json, base: base, requested: requested)
        #expect(project.path == ProjectPath(neighborhood: "p", name: "test/plugins"))
        json.shortname = "widget-1"
        json.url = "https://other-host.example.org/acme/widget/"
        project = AlluraMapping.project(json, base: base, requested: requested)
        #expect(project.path == ProjectPath(neighborhood: "acme", name: "widget"))
        json.shortname = "u/alice"
        json.url = "https://forge.example.org/u/alice/"
        project = AlluraMapping.project(json, base: base, requested: requested)
        #expect(project.path == ProjectPath(neighborhood: "u", name: "alice"))
        json.url = nil
        project = AlluraMapping.project(json, base: base, requested: requested)
        #expect(project.path == requested)
    }

    @Test func projectPathSkipsTheBasePrefix() {
        let prefixed = URL(string: "https://host.example/allura")!
        #expect(
            AlluraMapping.projectPath(fromURL: "https://host.example/allura/p/x/", base: prefixed)
                == ProjectPath(neighborhood: "p", name: "x"))
        #expect(
            AlluraMapping.projectPath(fromURL: "https://host.example/rest/p/x/", base: base)
                == ProjectPath(neighborhood: "p", name: "x"))
        #expect(AlluraMapping.projectPath(fromURL: "https://host.example/p/", base: base) == nil)
    }

    @Test func categoriesKeepNonEmptyGroups() throws {
        let json = Data(
            #"""
            {"shortname": "x", "categories": {"os": [], "license": [{"id": 15, "shortname": "mit",
             "fullname": "MIT License", "fullpath": "License :: OSI-Approved :: MIT License"}]}}
            """#.utf8)
        let project = AlluraMapping.project(
            try JSONDecoder().decode(AlluraProjectJSON.self, from: json), base: base,
            requested: ProjectPath(neighborhood: "p", name: "x"))
        #expect(project.categories == [ForgeModel.Category(group: "license", names: ["MIT License"])])
        #expect(project.name == "x")
        #expect(project.status == "active")
    }

    @Test func toolKindsComeFromTheTypeName() throws {
        let json = Data(
            #"[{"name": "git", "mount_point": "code", "label": "Code"}, {"name": "chat", "mount_point": "c"}]"#.utf8)
        let tools = try JSONDecoder().decode([AlluraToolJSON].self, from: json).map(AlluraMapping.tool)
        #expect(tools.map(\.kind) == [.repository("git"), .other("chat")])
        #expect(tools.map(\.label) == ["Code", "c"])
    }

    @Test func wikiPageNormalisesLineEndingsAndEmbedsItsThread() throws {
        var json: AlluraWikiPageJSON = try fixture("wiki-page.json")
        json.text = "line one\r\nline two\r\n"
        let page = AlluraMapping.wikiPage(json)
        #expect(page.text == "line one\nline two\n")
        #expect(page.title == "Getting Started")
        #expect(page.labels == ["docs", "howto"])
        #expect(page.modified == utc(2026, 11, 21, 20, 21, 31, ms: 664))
        #expect(page.relatedArtifacts == ["/p/test/features/3/"])
        let thread = try #require(page.thread)
        #expect(thread.page == nil)
        #expect(thread.limit == 10)
        #expect(thread.id == "e98bcbd83f")
        #expect(thread.posts.map(\.slug) == ["de0e", "de0e/3e3f"])
        #expect(thread.posts[1].parentSlug == "de0e")
        #expect(thread.posts[1].author == "test-admin")
        #expect(thread.posts[0].timestamp == utc(2026, 11, 21, 20, 21, 32, ms: 71))
    }

    @Test func postsKeepMetaFlagsAndAttachments() throws {
        let json = Data(
            #"""
            {"slug": "a1b2/c3d4", "text": "Plugins,\r\nplease.", "subject": "Roadmap", "author": "kofi",
             "author_icon_url": null, "timestamp": "2025-03-01 11:46:00", "last_edited": "2025-03-02 08:00:00",
             "attachments": [{"bytes": 1042, "url": "https://h/p/x/discussion/general/thread/b8/a1b2/c3d4/attachment/log%20file.txt"}],
             "is_meta": true}
            """#.utf8)
        let post = AlluraMapping.post(try JSONDecoder().decode(AlluraThreadPostJSON.self, from: json))
        #expect(post.text == "Plugins,\nplease.")
        #expect(post.isMeta)
        #expect(post.depth == 1)
        #expect(post.lastEdited == utc(2025, 3, 2, 8))
        #expect(
            post.attachments == [
                Attachment(
                    url: "https://h/p/x/discussion/general/thread/b8/a1b2/c3d4/attachment/log%20file.txt", bytes: 1042)
            ])
        #expect(post.attachments.first?.name == "log file.txt")
    }

    @Test func discussThreadKeepsItsPage() throws {
        let json = try fixture("tool-discussion-thread-limit5.json", as: AlluraDiscussThreadJSON.self)
        let thread = AlluraMapping.thread(json.thread)
        #expect(thread.page == 0 && thread.limit == 5)
        #expect(thread.discussionID == "6b01fd06d05b9f7d69644a28")
        #expect(thread.posts.map(\.depth) == [0, 0, 1, 2, 3])
    }

    @Test func userProfile() throws {
        let profile = AlluraMapping.userProfile(try fixture("user-profile.json"))
        #expect(profile.username == "alice")
        #expect(profile.location == "Göteborg, Sweden")
        #expect(profile.joined == utc(2026, 11, 21, 20, 20, 21, ms: 978))
        #expect(profile.webpages == ["https://alice.example.org/", "https://github.com/alice-example"])
        #expect(
            profile.projects == [
                UserProject(
                    name: "Test Project", webPath: "/p/test/",
                    summary: "A sample project seeded for REST client testing",
                    lastUpdated: utc(2026, 11, 21, 20, 21, 41, ms: 584))
            ])
        #expect(profile.socialNetworks.count == 2)

        let skilled = Data(
            #"""
            {"username": "mara", "localization": {"city": null, "country": "Sweden"},
             "skills": [{"skill": {"id": 311, "shortname": "python", "fullname": "Python", "fullpath": "P :: Python"},
                         "level": "high", "comment": "daily"}]}
            """#.utf8)
        let mara = AlluraMapping.userProfile(try JSONDecoder().decode(AlluraUserProfileJSON.self, from: skilled))
        #expect(mara.skills == [Skill(name: "Python", level: "high", comment: "daily")])
        #expect(mara.location == "Sweden")
        #expect(mara.name == "mara")
    }
}
