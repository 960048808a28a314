import Allura
import DemoForge
import ForgeModel
import Foundation
import HTTP
import TestSupport
import Testing

/// The blog, wiki writing and the link tool: the recorded fixtures through the mapping, and every
/// write's method, path and form against a demo forge of its own, with its state read back.
@Suite struct ContentWritingTests {
    static let project = ProjectPath(neighborhood: "p", name: DemoNames.mainProject)

    static func forge(_ demo: DemoForge) throws -> (AlluraForge, RecordingTransport) {
        let recorder = RecordingTransport(DemoTransport(forge: demo))
        return (
            try AlluraForge(baseURL: DemoForge.defaultBaseURL, token: DemoNames.demoToken, transport: recorder),
            recorder
        )
    }

    static func form(_ request: HTTPRequest) -> String {
        request.body.map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    // MARK: Fixtures

    @Test func blogFixturesMapToEntriesAndAPost() throws {
        let list: AlluraBlogListJSON = try fixture("blog.json")
        let page = AlluraMapping.blogEntries(list, requestedPage: 0, limit: 10)
        #expect(
            page.items.map(\.path) == ["2026/11/ünïcödé--smart-quotes-in-titles", "2026/11/announcing-test-project-10"])
        #expect(page.items[0].title == "Ünïcödé & “smart quotes” in titles")
        #expect(page.total == .exact(2) && page.page == 0 && page.limit == 10)

        let json: AlluraBlogPostJSON = try fixture("blog-post.json")
        let post = AlluraMapping.blogPost(json, path: "")
        #expect(post.path == "2026/11/announcing-test-project-10")
        #expect(post.author == "test-admin" && post.state == .published)
        #expect(post.labels == ["release", "announcement"])
        #expect(post.modified == utc(2026, 11, 21, 20, 21, 40, ms: 853))
        #expect(post.text.hasPrefix("We are **proud**"))
        #expect(post.thread?.id == "6b3905b161" && post.thread?.posts.map(\.slug) == ["3b8e", "3b8e/0589"])
    }

    @Test func aPagePastTheEndIsTheClampedPageTheServerEchoes() throws {
        let json = try JSONDecoder().decode(
            AlluraBlogListJSON.self, from: Data(#"{"posts": [], "count": 12, "limit": 10, "page": 1}"#.utf8))
        let page = AlluraMapping.blogEntries(json, requestedPage: 7, limit: 10)
        #expect(page.page == 1 && page.total == .exact(12))
    }

    @Test func linkFixtureIsTheTarget() async throws {
        let recorder = RecordingTransport(
            StubTransport([
                "GET https://forge.example.org/rest/p/test/link/": HTTPResponse(
                    status: 200, headers: ["Content-Type": "application/json"], body: try Fixtures.allura("link.json"))
            ]))
        let forge = try AlluraForge(
            baseURL: URL(string: "https://forge.example.org")!, token: nil, transport: recorder)
        #expect(
            try await forge.linkTarget(ProjectPath(neighborhood: "p", name: "test"), mount: "link")
                == "https://example.org/test-project")
    }

    // MARK: Blog

    @Test func aNonASCIIPostIsRequestedSegmentBySegmentInUTF8() async throws {
        let (forge, recorder) = try Self.forge(DemoForge())
        let entries = try await forge.blogEntries(Self.project, mount: "blog", page: 0, limit: 25)
        #expect(
            recorder.requests.last?.url.absoluteString.hasSuffix("/rest/p/anvil-demo/blog/?page=0&limit=25") == true)
        let entry = try #require(entries.items.first { $0.title.hasPrefix("Ünïcödé") })
        let post = try await forge.blogPost(Self.project, mount: "blog", path: entry.path)
        #expect(post.title == entry.title && post.path == entry.path)
        let url = try #require(recorder.requests.last?.url.absoluteString)
        #expect(
            url.hasSuffix("/blog/\(entry.path.prefix(8))%C3%BCn%C3%AFc%C3%B6d%C3%A9--smart-quotes-in-titles/"), "\(url)"
        )
    }

    @Test func createSendsTheFormAndFollowsTheLatin1Location() async throws {
        let demo = DemoForge()
        let (forge, recorder) = try Self.forge(demo)
        let draft = BlogPostDraft(
            title: "Ça marche: déjà vu", text: "Body *here*\n", labels: ["news", "x y"], state: .published)
        let post = try await forge.createBlogPost(Self.project, mount: "blog", draft: draft)
        let posts = recorder.requests.filter { $0.method == "POST" }
        #expect(posts.count == 1)
        #expect(posts[0].url.absoluteString == "https://demo.anvil.test/rest/p/anvil-demo/blog")
        #expect(
            Self.form(posts[0])
                == "title=%C3%87a%20marche%3A%20d%C3%A9j%C3%A0%20vu&text=Body%20%2Ahere%2A%0A&state=published&labels=news%2Cx%20y"
        )
        #expect(post.title == draft.title && post.state == .published && post.labels == ["news", "x y"])
        #expect(post.path.hasSuffix("/ça-marche-déjà-vu"))
        let stored = try #require(demo.data.blogPosts().first)
        #expect(stored.title == draft.title && stored.state == "published" && stored.text == "Body *here*\n")
        #expect(stored.labels == ["news", "x y"] && stored.author == DemoNames.tokenUser)
        #expect(stored.slug == post.path)
    }

    @Test func aCreateWhoseLocationCannotBeFollowedIsFoundByItsTitle() async throws {
        let demo = DemoForge()
        let (forge, recorder) = try Self.forge(demo)
        let draft = BlogPostDraft(title: "日本語のお知らせ", text: "本文\n", labels: [], state: .draft)
        let post = try await forge.createBlogPost(Self.project, mount: "blog", draft: draft)
        #expect(post.title == draft.title && post.state == .draft)
        #expect(recorder.requests.filter { $0.method == "POST" }.count == 1, "never sent twice")
        #expect(demo.data.blogPosts().filter { $0.title == draft.title }.count == 1)
    }

    @Test func updateSendsEveryFieldAndRefusesWhenThePostChanged() async throws {
        let demo = DemoForge()
        let (forge, recorder) = try Self.forge(demo)
        let stored = try #require(demo.data.blogPosts().first { $0.state == "published" })
        let shown = try await forge.blogPost(Self.project, mount: "blog", path: stored.slug)
        let draft = BlogPostDraft(title: "Renamed", text: "New text\n", labels: [], state: .draft)
        let saved = try await forge.updateBlogPost(
            Self.project, mount: "blog", path: shown.path, draft: draft, expectedModified: shown.modified)
        let post = try #require(recorder.requests.last { $0.method == "POST" })
        #expect(post.url.path(percentEncoded: false) == "/rest/p/anvil-demo/blog/\(stored.slug)")
        #expect(Self.form(post) == "title=Renamed&text=New%20text%0A&state=draft&labels=")
        #expect(saved.title == "Renamed" && saved.state == .draft && saved.labels == [] && saved.path == shown.path)
        let after = try #require(demo.data.blogPosts().first { $0.slug == stored.slug })
        #expect(after.title == "Renamed" && after.state == "draft" && after.text == "New text\n")

        // The post shown first is stale now: nothing is written.
        let before = recorder.requests.count
        await #expect(throws: EditConflict<BlogPost>.self) {
            _ = try await forge.updateBlogPost(
                Self.project, mount: "blog", path: shown.path, draft: draft, expectedModified: shown.modified)
        }
        #expect(recorder.requests.dropFirst(before).allSatisfy { $0.method == "GET" })
    }

    @Test func anonymousCallersSeeNoDraftsAndCannotWrite() async throws {
        let demo = DemoForge()
        let forge = try AlluraForge(
            baseURL: DemoForge.defaultBaseURL, token: nil, transport: DemoTransport(forge: demo))
        let all = demo.data.blogPosts()
        let draft = try #require(all.first { $0.state == "draft" })
        let entries = try await forge.blogEntries(Self.project, mount: "blog", page: 0, limit: 100)
        #expect(entries.total == .exact(all.count - all.filter { $0.state == "draft" }.count))
        #expect(!entries.items.contains { $0.path == draft.slug })
        await #expect(throws: ForgeError.self) {
            _ = try await forge.blogPost(Self.project, mount: "blog", path: draft.slug)
        }
        await #expect(throws: ForgeError.self) {
            _ = try await forge.createBlogPost(
                Self.project, mount: "blog", draft: BlogPostDraft(title: "x", text: "", labels: [], state: .draft))
        }
    }

    @Test func aSignedInReaderWhoMayNotWriteSeesNoDraftsAndIsRefused() async throws {
        let probe = DemoForge()
        let main = try await Self.forge(probe).0.project(Self.project)
        let reader = try #require(
            probe.data.usernames.first { name in !main.developers.contains { $0.username == name } })
        let demo = DemoForge(options: .init(tokenUser: reader))
        let (forge, _) = try Self.forge(demo)
        let all = demo.data.blogPosts()
        let draft = try #require(all.first { $0.state == "draft" })
        let entries = try await forge.blogEntries(Self.project, mount: "blog", page: 0, limit: 100)
        #expect(!entries.items.contains { $0.path == draft.slug })
        do {
            _ = try await forge.blogPost(Self.project, mount: "blog", path: draft.slug)
            Issue.record("a draft was shown to a reader")
        } catch ForgeError.forbidden {
        }
        await #expect(throws: ForgeError.self) {
            _ = try await forge.createBlogPost(
                Self.project, mount: "blog", draft: BlogPostDraft(title: "x", text: "", labels: [], state: .draft))
        }
        #expect(demo.data.blogPosts().count == all.count)
        // Only admins set a link's target.
        await #expect(throws: ForgeError.self) {
            _ = try await forge.setLinkTarget(Self.project, mount: "link", url: "x.org")
        }
    }

    // MARK: Wiki

    @Test func aNewPageWithAnOddTitleIsPostedToItsEncodedTitle() async throws {
        let demo = DemoForge()
        let (forge, recorder) = try Self.forge(demo)
        let title = "FAQ & Tips (v2) Ünï"
        let saved = try await forge.saveWikiPage(
            Self.project, mount: "wiki", title: title, text: "Hello\n", labels: ["docs", "faq"], isNew: true,
            expectedModified: nil)
        #expect(saved == title)
        let post = try #require(recorder.requests.first { $0.method == "POST" })
        #expect(
            post.url.absoluteString
                == "https://demo.anvil.test/rest/p/anvil-demo/wiki/FAQ%20%26%20Tips%20%28v2%29%20%C3%9Cn%C3%AF")
        #expect(Self.form(post) == "text=Hello%0A&labels=docs%2Cfaq")
        let stored = try #require(demo.data.wikiPage(title: title))
        #expect(stored.text == "Hello\n" && stored.labels == ["docs", "faq"])
        // Creating it again finds it and writes nothing.
        let before = recorder.requests.count
        await #expect(throws: EditConflict<WikiPage>.self) {
            _ = try await forge.saveWikiPage(
                Self.project, mount: "wiki", title: title, text: "Other\n", labels: nil, isNew: true,
                expectedModified: nil)
        }
        #expect(recorder.requests.dropFirst(before).allSatisfy { $0.method == "GET" })
        #expect(demo.data.wikiPage(title: title)?.text == "Hello\n")
    }

    @Test func anEditComparesTheLastChangeAndLeavesLabelsAloneWhenNotGiven() async throws {
        let demo = DemoForge()
        let (forge, recorder) = try Self.forge(demo)
        let title = DemoNames.homePage
        let shown = try await forge.wikiPage(Self.project, mount: "wiki", title: title)
        _ = try await forge.saveWikiPage(
            Self.project, mount: "wiki", title: title, text: "Edited\n", labels: nil, isNew: false,
            expectedModified: shown.modified)
        let post = try #require(recorder.requests.last { $0.method == "POST" })
        #expect(Self.form(post) == "text=Edited%0A")
        #expect(demo.data.wikiPage(title: title)?.text == "Edited\n")
        #expect(demo.data.wikiPage(title: title)?.labels == shown.labels)
        await #expect(throws: EditConflict<WikiPage>.self) {
            _ = try await forge.saveWikiPage(
                Self.project, mount: "wiki", title: title, text: "Lost\n", labels: nil, isNew: false,
                expectedModified: shown.modified)
        }
        #expect(demo.data.wikiPage(title: title)?.text == "Edited\n")
    }

    @Test func aTitleWithASlashIsRefusedBeforeAnythingIsSent() async throws {
        let (forge, recorder) = try Self.forge(DemoForge())
        await #expect(throws: ForgeError.self) {
            _ = try await forge.saveWikiPage(
                Self.project, mount: "wiki", title: "a/b", text: "x", labels: nil, isNew: true, expectedModified: nil)
        }
        #expect(recorder.requests.isEmpty)
    }

    // MARK: Link

    @Test func settingTheLinkPostsItsURLAndGetsItNormalised() async throws {
        let demo = DemoForge()
        let (forge, recorder) = try Self.forge(demo)
        let target = try await forge.setLinkTarget(Self.project, mount: "link", url: "example.net/docs")
        let post = try #require(recorder.requests.last { $0.method == "POST" })
        #expect(post.url.absoluteString == "https://demo.anvil.test/rest/p/anvil-demo/link")
        #expect(Self.form(post) == "url=example.net%2Fdocs")
        #expect(target == "http://example.net/docs")
        #expect(demo.data.linkTarget() == "http://example.net/docs")
        await #expect(throws: ForgeError.self) {
            _ = try await forge.setLinkTarget(Self.project, mount: "link", url: "javascript:alert(1)")
        }
        #expect(demo.data.linkTarget() == "http://example.net/docs")
    }
}
