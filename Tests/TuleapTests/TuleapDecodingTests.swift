import Foundation
import HTTP
import TestSupport
import Testing

@testable import Tuleap

/// Every file in `fixtures/tuleap` decodes into the wire type of its route, with the values the
/// file holds.
@Suite("Tuleap decoding")
struct TuleapDecodingTests {
    func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(type, from: Fixtures.tuleap(name))
    }

    @Test("every fixture file is decoded by a test")
    func everyFileIsCovered() throws {
        let covered: Set<String> = [
            "artifacts-211.json", "artifacts-212.json", "artifacts-id-put-request.doc.json",
            "artifacts-id-values-by_field.explorer.json", "artifacts-id-values-collection.explorer.json",
            "artifacts-post-request-full.explorer.json", "artifacts-post-request-links.doc.json",
            "artifacts-post-request-values_by_field.explorer.json", "artifacts-post-request.doc.json",
            "changesets-comment-commonmark.doc.json", "changesets-comment-html.doc.json",
            "pagination-headers.doc.json", "phpwiki-6097-versions-version_id-0.test.json", "phpwiki-6097.test.json",
            "projects-118.jenkins.json", "projects-id-phpwiki-pagename-WithContent.test.json",
            "projects-id-phpwiki-pagename-no-match.test.json", "projects-id-phpwiki.test.json", "projects.doc.json",
            "projects.jenkins.json", "tokens-post-request.doc.json", "tokens-post-response.doc.json",
            "tracker_reports-id-artifacts-values-all.json", "trackers-82.json",
            "trackers-id-artifacts-expert_query.test.json", "trackers-id-artifacts-query-full.explorer.json",
            "trackers-id-artifacts-query.doc.json",
        ]
        #expect(Set(try Fixtures.tuleapFiles()) == covered)
    }

    @Test("artifact 211: every value type, looked up by field id")
    func artifact211() throws {
        let artifact = try decode(ArtifactJSON.self, "artifacts-211.json")
        #expect(artifact.id == 211 && artifact.xref == "all_fields_tracker #211")
        #expect(artifact.tracker.id == 82 && artifact.project?.id == 102)
        #expect(artifact.title == "Hello World!" && artifact.status == "" && !artifact.isOpen)
        #expect(artifact.assignees.map(\.name) == ["admin", "fred"])
        #expect(artifact.values?.count == 36)
        #expect(artifact.value(1532)?.value == .string("Hello World!"))
        #expect(artifact.value(1558)?.value == .number(12))
        #expect(artifact.value(1561)?.bindValueIDs == [.string("1")])
        #expect(artifact.value(1561)?.bindValueObjects?.first?.id == .string("o272"))
        #expect(artifact.value(1557)?.bindValueIDs?.first == .string("102_3"))
        #expect(artifact.value(1553)?.fileDescriptions?.first?.size == 792251)
        #expect(artifact.value(1564)?.links?.first?.trackerLabel == "User Stories")
        #expect(artifact.value(1535)?.isTimeDisplayed == false)
        #expect(artifact.value(4009)?.commonmark?.hasPrefix("# **Hello") == true)
        #expect(artifact.value(1581)?.manualValue == 0 && artifact.value(1581)?.isAutocomputed == false)
        #expect(artifact.value(1574)?.value?["username"] == .string("fred"))
    }

    @Test("artifact 212: an open status with its colour, user lists set to None")
    func artifact212() throws {
        let artifact = try decode(ArtifactJSON.self, "artifacts-212.json")
        #expect(artifact.status == "a" && artifact.isOpen && artifact.assignees.isEmpty)
        let user = try #require(artifact.value(1537))
        #expect(user.bindValueIDs == [.int(100)])
        #expect(user.values?.allSatisfy(\.isNone) == true)
        #expect(artifact.value(1536)?.values?.first?.name == "a")
        #expect(artifact.value(4009)?.commonmark == "")
    }

    @Test("the report's ten artifacts: fields added later are absent from the oldest")
    func reportArtifacts() throws {
        let artifacts = try decode([ArtifactJSON].self, "tracker_reports-id-artifacts-values-all.json")
        #expect(artifacts.count == 10)
        #expect(artifacts.map(\.id) == [211, 212, 213, 215, 216, 217, 218, 219, 220, 221])
        let old = try #require(artifacts.first { $0.id == 219 })
        #expect(old.values?.count == 30 && old.value(4004) == nil)
        #expect(artifacts.filter(\.isOpen).map(\.status).allSatisfy { !$0.isEmpty })
    }

    @Test("tracker 82: fields of every type, structure, semantics, a workflow not in use")
    func tracker82() throws {
        let tracker = try decode(TrackerJSON.self, "trackers-82.json")
        #expect(tracker.id == 82 && tracker.itemName == "all_fields_tracker" && tracker.colorName == "inca-silver")
        #expect(tracker.semantics?.title?.fieldID == 1532)
        #expect(tracker.semantics?.status?.valueIDs == [473, 474])
        #expect(tracker.semantics?.contributor?.fieldID == 1551)
        #expect(tracker.workflow?.isUsed == false && tracker.workflow?.transitions.first?.fromID == nil)
        #expect(tracker.field(1536)?.values?.compactMap(\.label) == ["a", "b", "c"])
        #expect(tracker.field(1575)?.values?.first?.username == "alice")
        #expect(tracker.field(1538)?.bindingType == "ugroups")
        #expect(tracker.field(1570)?.canUpdate == false)
        let types = Set((tracker.fields ?? []).map(\.type))
        #expect(types.isSuperset(of: ["string", "text", "tbl", "Encrypted", "perm"]))
        let statuses = TuleapMapping.statuses(tracker)
        #expect(statuses.open == ["a", "b"] && statuses.closed == ["c"])
    }

    @Test("projects: the documented minimal shape and an older server's full one")
    func projects() throws {
        let doc = try decode([ProjectJSON].self, "projects.doc.json")
        #expect(doc.first?.shortname == "project42" && doc.first?.name == "Project 42")
        #expect(doc.first?.resources?.first?.type == "trackers")
        let list = try decode([ProjectJSON].self, "projects.jenkins.json")
        let single = try decode(ProjectJSON.self, "projects-118.jenkins.json")
        #expect(list == [single])
        #expect(single.id == 118 && single.description == nil && single.labelWithoutIcon == nil)
        #expect(single.resources?.contains { $0.type == "phpwiki" } == true)
    }

    @Test("PhpWiki: the page list wrapper, a filtered and an empty list, a page, its latest version")
    func phpWiki() throws {
        let all = try decode(PhpWikiListJSON.self, "projects-id-phpwiki.test.json")
        #expect(all.pages.map(\.name) == ["WithContent", "With Space"] && all.pages.map(\.id) == [6097, 6100])
        #expect(try decode(PhpWikiListJSON.self, "projects-id-phpwiki-pagename-WithContent.test.json").pages.count == 1)
        #expect(try decode(PhpWikiListJSON.self, "projects-id-phpwiki-pagename-no-match.test.json").pages.isEmpty)
        let page = try decode(PhpWikiPageJSON.self, "phpwiki-6097.test.json")
        #expect(page.lastVersion == 4 && page.versions.map(\.versionID) == [1, 2, 3, 4])
        let versions = try decode([PhpWikiVersionJSON].self, "phpwiki-6097-versions-version_id-0.test.json")
        #expect(versions.count == 1 && versions[0].versionID == 4)
        #expect(versions[0].wikiContent.hasPrefix("Content v4"))
        #expect(versions[0].formattedContent?.hasPrefix("<div class=\"wikitext\">") == true)
    }

    @Test("tokens: the request, and the documented answer with a string user id")
    func tokens() throws {
        #expect(try decode(TokenRequestJSON.self, "tokens-post-request.doc.json").username == "john_doe")
        let answer = try decode(TokenJSON.self, "tokens-post-response.doc.json")
        #expect(answer.userID == .string("115") && answer.userID.int == 115 && answer.token == "abcd")
        let current = try JSONDecoder().decode(
            TokenJSON.self, from: Data(#"{"user_id":115,"token":"t","uri":"tokens/t"}"#.utf8))
        #expect(current.userID.description == "115")
    }

    @Test("write bodies: PUT with a comment, POST by ids, by names, with links")
    func writeBodies() throws {
        let put = try decode(ArtifactWriteJSON.self, "artifacts-id-put-request.doc.json")
        #expect(put.values == [ValueWriteJSON(fieldID: 694, bindValueIDs: [.int(597)])])
        #expect(put.comment == CommentWriteJSON(body: "some comments", format: "text"))
        let post = try decode(ArtifactWriteJSON.self, "artifacts-post-request.doc.json")
        #expect(post.tracker?.id == 16 && post.values?.first?.value == .string("Test Release"))
        let full = try decode(ArtifactWriteJSON.self, "artifacts-post-request-full.explorer.json")
        #expect(full.values?[1].bindValueIDs == [.int(254), .int(598), .int(148)])
        #expect(full.values?[2].allLinks?.map(\.direction) == ["reverse", "forward"])
        let links = try decode(ArtifactWriteJSON.self, "artifacts-post-request-links.doc.json")
        #expect(links.values?[1].links?.map(\.type) == ["_is_child", "custom"])
        let byName = try decode(ArtifactWriteJSON.self, "artifacts-post-request-values_by_field.explorer.json")
        #expect(byName.valuesByField?["remaining_effort"]?.value == .number(75))
    }

    @Test("artifact values: the collection form and the by-field form")
    func valueForms() throws {
        let collection = try decode([String: [ValueJSON]].self, "artifacts-id-values-collection.explorer.json")
        #expect(collection["values"]?.map(\.fieldID) == [1369, 1368])
        let byField = try decode([String: [String: ValueJSON]].self, "artifacts-id-values-by_field.explorer.json")
        #expect(byField["values_by_field"]?["remaining_effort"]?.value == .number(1447))
        #expect(
            TuleapFieldText.display(try #require(byField["values_by_field"]?["title"])) == "Lorem ipsum dolor sit amet")
    }

    @Test("comments: HTML shown as text, Markdown by its source")
    func comments() throws {
        let html = try decode(CommentJSON.self, "changesets-comment-html.doc.json")
        #expect(html.format == "html" && html.commonmark == nil)
        #expect(TuleapFieldText.comment(html) == "HTML with a reference to art #123")
        let markdown = try decode(CommentJSON.self, "changesets-comment-commonmark.doc.json")
        #expect(markdown.format == "html")
        #expect(TuleapFieldText.comment(markdown) == "**Markdown** with a reference to art #123")
    }

    @Test("paging headers arrive as strings; the size is read as an upper bound")
    func pagingHeaders() throws {
        let headers = try decode([String: String].self, "pagination-headers.doc.json")
        let paging = TuleapPaging(HTTPResponse(status: 200, headers: headers))
        #expect(paging.size == 104 && paging.limitMax == 50 && paging.limit == 10 && paging.offset == 0)
        #expect(paging.hasMore(after: 90, limit: 10) && !paging.hasMore(after: 100, limit: 10))
    }

    @Test("JSON criteria: a bare value, operators with a string id and with dates")
    func criteria() throws {
        let doc = try decode([String: JSONValue].self, "trackers-id-artifacts-query.doc.json")
        #expect(doc["status_id"]?["operator"] == .string("contains") && doc["status_id"]?["value"] == .string("504"))
        let full = try decode([String: JSONValue].self, "trackers-id-artifacts-query-full.explorer.json")
        #expect(full["title"] == .string("bug"))
        #expect(full["2458"]?["value"] == .array([.string("2014-02-25"), .string("2014-03-25T00:00:00-05:00")]))
    }

    /// The TQL cases of Tuleap's own tests.
    struct TQLCases: Decodable {
        let expectedTitlesInOrder: [String: [String]]
        let errors400MessageContains: [String: String]
        enum CodingKeys: String, CodingKey {
            case expectedTitlesInOrder = "expected_titles_in_order"
            case errors400MessageContains = "errors_400_message_contains"
        }
    }

    @Test("TQL cases: 62 queries with their results, 5 refused with the server's words")
    func tqlCases() throws {
        let cases = try decode(TQLCases.self, "trackers-id-artifacts-expert_query.test.json")
        #expect(cases.expectedTitlesInOrder.count == 62)
        #expect(cases.expectedTitlesInOrder["summary = \"bug1\""] == ["bug1"])
        #expect(cases.errors400MessageContains.count == 5)
        #expect(cases.errors400MessageContains["summary=\"bug1"] == "Error during parsing expert query")
    }
}
