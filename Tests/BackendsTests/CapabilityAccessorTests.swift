import Backends
import ForgeModel
import Foundation
import Testing

/// A forge's capability accessors (`forge.wikiReading`, …) give the forge itself exactly when it
/// adopts the capability, as the casts they replace did.
@Suite struct CapabilityAccessorTests {
    /// One accessor's answer beside the cast it stands for.
    private struct Answer {
        var capability: String
        var accessor: AnyObject?
        var cast: Bool

        init(_ capability: String, _ accessor: AnyObject?, _ cast: Bool) {
            self.capability = capability
            self.accessor = accessor
            self.cast = cast
        }
    }

    private func answers(_ forge: any Forge) -> [Answer] {
        [
            Answer("ProjectReading", forge.projectReading as AnyObject?, forge is any ProjectReading),
            Answer("ProjectListing", forge.projectListing as AnyObject?, forge is any ProjectListing),
            Answer("WikiReading", forge.wikiReading as AnyObject?, forge is any WikiReading),
            Answer("WikiWriting", forge.wikiWriting as AnyObject?, forge is any WikiWriting),
            Answer("WikiLabelWriting", forge.wikiLabelWriting as AnyObject?, forge is any WikiLabelWriting),
            Answer("BlogReading", forge.blogReading as AnyObject?, forge is any BlogReading),
            Answer("BlogWriting", forge.blogWriting as AnyObject?, forge is any BlogWriting),
            Answer("LinkReading", forge.linkReading as AnyObject?, forge is any LinkReading),
            Answer("LinkWriting", forge.linkWriting as AnyObject?, forge is any LinkWriting),
            Answer("ProfileReading", forge.profileReading as AnyObject?, forge is any ProfileReading),
            Answer("DiscussionReading", forge.discussionReading as AnyObject?, forge is any DiscussionReading),
            Answer("CommentWriting", forge.commentWriting as AnyObject?, forge is any CommentWriting),
            Answer("GroupReading", forge.groupReading as AnyObject?, forge is any GroupReading),
            Answer(
                "TrackerMetadataReading", forge.trackerMetadataReading as AnyObject?,
                forge is any TrackerMetadataReading),
            Answer("TicketFieldInferring", forge.ticketFieldInferring as AnyObject?, forge is any TicketFieldInferring),
            Answer("TicketReading", forge.ticketReading as AnyObject?, forge is any TicketReading),
            Answer("TicketWriting", forge.ticketWriting as AnyObject?, forge is any TicketWriting),
            Answer(
                "TicketStatusProviding", forge.ticketStatusProviding as AnyObject?, forge is any TicketStatusProviding),
            Answer(
                "ProjectAdministration", forge.projectAdministration as AnyObject?, forge is any ProjectAdministration),
            Answer(
                "WebhookAdministration", forge.webhookAdministration as AnyObject?, forge is any WebhookAdministration),
        ]
    }

    @Test(arguments: ["allura", "gitlab", "tuleap"])
    func everyBackendAnswersAsItsCasts(kind name: String) throws {
        let kind = try #require(BackendRegistry.kind(named: name))
        let base = try #require(URL(string: "https://forge.example.org"))
        let forge = try kind.makeForge(ForgeRecipe(baseURL: base, token: nil, auth: nil, transport: NoTransport()))
        let answers = answers(forge)
        let object = forge as AnyObject
        for answer in answers {
            #expect((answer.accessor != nil) == answer.cast, "\(name) \(answer.capability)")
            if let accessor = answer.accessor {
                #expect(ObjectIdentifier(accessor) == ObjectIdentifier(object), "\(name) \(answer.capability)")
            }
        }
        // Every backend reads projects; none adopts everything.
        #expect(answers.contains { $0.capability == "ProjectReading" && $0.accessor != nil })
        #expect(answers.contains { $0.accessor == nil })
    }

    /// A forge that adopts only wiki reading: every other accessor is nil.
    private final class WikiOnlyForge: WikiReading {
        var displayName: String { "wiki only" }
        var baseURL: URL { URL(string: "https://wiki.example.org")! }
        var traits: ForgeTraits { ForgeTraits() }
        func webURL(for route: Route) -> String { "" }
        func route(for address: String) throws -> Route { throw ForgeError.invalidURL(address) }
        func wikiTitles(_ project: ProjectPath, mount: String) async throws -> [String] { [] }
        func wikiPage(_ project: ProjectPath, mount: String, title: String) async throws -> WikiPage {
            throw ForgeError.invalidURL(title)
        }
    }

    @Test func aForgeOfOneCapabilityAnswersOnlyForIt() {
        let forge = WikiOnlyForge()
        for answer in answers(forge) {
            #expect((answer.accessor != nil) == (answer.capability == "WikiReading"), "\(answer.capability)")
            #expect((answer.accessor != nil) == answer.cast, "\(answer.capability)")
        }
    }
}
