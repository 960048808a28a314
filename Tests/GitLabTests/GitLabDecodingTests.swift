import Foundation
import HTTP
import TestSupport
import Testing

@testable import GitLab

/// Every file in `fixtures/gitlab/examples` decodes into the wire type of its route, with the
/// values the file holds.
@Suite("GitLab decoding")
struct GitLabDecodingTests {
    func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(type, from: Fixtures.gitlab("examples/" + name))
    }

    @Test("every example file is decoded by a test")
    func everyExampleIsCovered() throws {
        let covered: Set<String> = [
            "GET_projects.json", "GET_projects_simple.json", "GET_projects_3.json", "GET_projects_4_issues.json",
            "GET_projects_4_issues_41.json", "POST_projects_4_issues.json", "PUT_projects_4_issues_85.json",
            "GET_projects_5_issues_11_notes.json", "GET_projects_5_issues_11_discussions.json",
            "GET_projects_5_milestones.json", "GET_projects_1_labels_with_counts.json",
            "GET_projects_id_members_all.json", "GET_projects_1_wikis_with_content.json",
            "GET_projects_1_wikis_home.json", "POST_projects_1_wikis.json",
            "POST_projects_1_wikis_complex_title.json", "PUT_projects_1_wikis_foo.json", "GET_user.json",
            "GET_users.json", "GET_projects_9_issues_8_notes_page2.headers.txt", "GET_projects_keyset.headers.txt",
            "GET_groups_keyset_cursor.headers.txt",
        ]
        #expect(Set(try Fixtures.gitlabFiles(in: "examples")) == covered)
    }

    @Test("a full project in a list: tools, counts, namespace, permissions with nulls")
    func projectList() throws {
        let projects = try decode([ProjectJSON].self, "GET_projects.json")
        let project = try #require(projects.first)
        #expect(project.id == 4)
        #expect(project.pathWithNamespace == "diaspora/diaspora-client")
        #expect(project.nameWithNamespace == "Diaspora / Diaspora Client")
        #expect(project.issuesEnabled == true && project.wikiEnabled == true)
        #expect(project.issuesAccessLevel == "enabled")
        #expect(project.openIssuesCount == 0)
        #expect(project.visibility == "public")
        #expect(project.topics == ["example", "disapora client"])
        #expect(project.namespace.kind == "group" && project.namespace.parentID == nil)
        #expect(project.permissions?.effectiveLevel == 0)
    }

    @Test("the simple shape has no tool flags and no fork count")
    func simpleProject() throws {
        let project = try #require(try decode([ProjectJSON].self, "GET_projects_simple.json").first)
        #expect(project.description == nil)
        #expect(project.issuesEnabled == nil && project.forksCount == nil)
        #expect(project.defaultBranch == "main")
        #expect(project.visibility != nil)
    }

    @Test("a single project's permissions take the larger of project and group access")
    func singleProject() throws {
        let project = try decode(ProjectJSON.self, "GET_projects_3.json")
        #expect(project.id == 3)
        #expect(project.visibility == "private")
        #expect(project.openIssuesCount == 1)
        #expect(project.permissions?.projectAccess?.accessLevel == 10)
        #expect(project.permissions?.effectiveLevel == 50)
    }

    @Test("an issue in a list: closed by, labels as names, milestone, assignees, references, tasks")
    func issueList() throws {
        let issue = try #require(try decode([IssueJSON].self, "GET_projects_4_issues.json").first)
        #expect(issue.iid == 1 && issue.id == 41 && issue.projectID == 4)
        #expect(issue.state == "closed")
        #expect(issue.labels.map(\.name) == ["foo", "bar"])
        #expect(issue.milestone?.title == "v3.0" && issue.milestone?.webURL == nil)
        #expect(issue.assignees.map(\.username) == ["lennie"])
        #expect(issue.closedBy?.username == "root")
        #expect(issue.author.avatarURL == nil)
        #expect(issue.references?.full == "my-group/my-project#1")
        #expect(issue.timeStats?.totalTimeSpent == 0)
        #expect(issue.taskCompletionStatus?.count == 0)
        #expect(issue.dueDate == "2016-07-22")
        #expect(issue.userNotesCount == 1 && issue.upvotes == 4)
        #expect(issue.confidential == false && issue.discussionLocked == false)
    }

    @Test("single, created and edited issues")
    func singleIssues() throws {
        let single = try decode(IssueJSON.self, "GET_projects_4_issues_41.json")
        #expect(single.iid == 1 && single.state == "closed" && single.closedAt == nil)
        let created = try decode(IssueJSON.self, "POST_projects_4_issues.json")
        #expect(created.iid == 14 && created.state == "opened")
        #expect(created.description == nil && created.assignees.isEmpty)
        let edited = try decode(IssueJSON.self, "PUT_projects_4_issues_85.json")
        #expect(edited.state == "closed" && edited.closedAt == "2016-01-08T12:55:16.213Z")
        #expect(edited.closedBy != nil)
    }

    @Test("labels given as objects decode to their names and colours")
    func labelDetails() throws {
        let json = ##"{"name":"bug","color":"#d9534f","id":1,"text_color":"#FFFFFF","description":null}"##
        let label = try JSONDecoder().decode(LabelName.self, from: Data(json.utf8))
        #expect(label.name == "bug" && label.color == "#d9534f")
        let plain = try JSONDecoder().decode(LabelName.self, from: Data(#""priority::high""#.utf8))
        #expect(plain.name == "priority::high" && plain.color == nil)
    }

    @Test("notes: system notes, internal flags, authors without web_url")
    func notes() throws {
        let notes = try decode([NoteJSON].self, "GET_projects_5_issues_11_notes.json")
        #expect(notes.count == 2)
        #expect(notes.allSatisfy { $0.system })
        #expect(notes[0].id == 302 && notes[0].body == "closed")
        #expect(notes[0].type == nil && notes[0].isInternal == false)
        #expect(notes[0].noteableType == "Issue" && notes[0].noteableIID == 377)
        #expect(notes[0].author.webURL == nil)
    }

    @Test("discussions: a two-note thread and an individual note")
    func discussions() throws {
        let discussions = try decode([DiscussionJSON].self, "GET_projects_5_issues_11_discussions.json")
        #expect(discussions.count == 2)
        #expect(discussions[0].id == "6a9c1750b37d513a43987b574953fceb50b03ce7")
        #expect(!discussions[0].individualNote)
        #expect(discussions[0].notes.map(\.id) == [1126, 1129])
        #expect(discussions[0].notes.allSatisfy { $0.type == "DiscussionNote" })
        #expect(discussions[1].individualNote && discussions[1].notes.count == 1)
        #expect(discussions[1].notes[0].type == nil)
    }

    @Test("milestones, labels with counts, members")
    func metadata() throws {
        let milestone = try #require(try decode([MilestoneJSON].self, "GET_projects_5_milestones.json").first)
        #expect(milestone.id == 12 && milestone.iid == 3 && milestone.title == "10.0")
        #expect(milestone.state == "active" && milestone.dueDate == "2013-11-29")
        let labels = try decode([LabelJSON].self, "GET_projects_1_labels_with_counts.json")
        #expect(labels.count == 5)
        #expect(labels[0].name == "bug" && labels[0].color == "#d9534f" && labels[0].openIssuesCount == 1)
        #expect(labels.contains { $0.isProjectLabel == false })
        let members = try decode([UserJSON].self, "GET_projects_id_members_all.json")
        #expect(members.map(\.username) == ["raymond_smith", "john_doe", "foo_bar"])
        #expect(members.allSatisfy { $0.accessLevel == 30 })
    }

    @Test("wiki pages: lists, one page, created and renamed pages")
    func wiki() throws {
        let pages = try decode([WikiPageJSON].self, "GET_projects_1_wikis_with_content.json")
        #expect(pages.count == 3 && pages[0].slug == "deploy" && pages[0].content != nil)
        let home = try decode(WikiPageJSON.self, "GET_projects_1_wikis_home.json")
        #expect(home.slug == "home" && home.content == "home page" && home.encoding == "UTF-8")
        #expect(try decode(WikiPageJSON.self, "POST_projects_1_wikis.json").slug == "Hello")
        let complex = try decode(WikiPageJSON.self, "POST_projects_1_wikis_complex_title.json")
        #expect(complex.slug == "Page-with-Complex-Content" && complex.title == "Page with Complex Content")
        #expect(try decode(WikiPageJSON.self, "PUT_projects_1_wikis_foo.json").slug == "Docs")
    }

    @Test("users: the caller and a list with a blocked user")
    func users() throws {
        let me = try decode(UserJSON.self, "GET_user.json")
        #expect(me.username == "john_smith" && me.state == "active")
        let users = try decode([UserJSON].self, "GET_users.json")
        #expect(users.count == 2 && users.contains { $0.state == "blocked" })
    }

    @Test("paging headers from the documentation, offset and keyset")
    func pagingHeaders() throws {
        let offset = GitLabPaging(try Self.response("examples/GET_projects_9_issues_8_notes_page2.headers.txt"))
        #expect(offset.page == 2 && offset.perPage == 3 && offset.nextPage == 3)
        #expect(offset.total == 8 && offset.totalPages == 3)
        #expect(offset.links["next"]?.absoluteString.hasSuffix("page=3&per_page=3") == true)
        #expect(offset.links["prev"]?.absoluteString.hasSuffix("page=1&per_page=3") == true)
        #expect(offset.hasNext)
        let keyset = GitLabPaging(try Self.response("examples/GET_projects_keyset.headers.txt"))
        #expect(keyset.total == nil && keyset.page == nil && keyset.hasNext)
        #expect(keyset.links["next"]?.absoluteString.hasSuffix("id_after=42") == true)
        let cursor = GitLabPaging(try Self.response("examples/GET_groups_keyset_cursor.headers.txt"))
        #expect(cursor.links["next"]?.query?.contains("cursor=eyJ") == true)
    }

    /// A response with the headers of a `.headers.txt` fixture (status line first).
    static func response(_ path: String) throws -> HTTPResponse {
        let text = String(decoding: try Fixtures.gitlab(path), as: UTF8.self)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let statusLine = lines.removeFirst()
        let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return HTTPResponse(status: status, headers: headers)
    }
}
