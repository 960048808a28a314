import ForgeModel
import Foundation
import Text

/// Data a view asked for, as it arrives from a forge.
public enum Payload: Sendable {
    case project(Project)
    case projects(Page<Project>)
    case group(ProjectGroup)
    case subgroups(Page<ProjectGroup>)
    case groupProjects(Page<Project>)
    case wikiTitles([String])
    case wikiPage(WikiPage)
    /// A wiki page was saved; the title it has now.
    case wikiSaved(String)
    /// The page as the forge has it when it changed since it was shown (or, for a new page,
    /// exists already): nothing was written.
    case wikiConflict(WikiPage)
    case blogEntries(Page<BlogEntry>)
    case blogPost(BlogPost)
    /// A blog post was created or changed; the post as the forge has it now.
    case blogSaved(BlogPost)
    /// The post changed on the forge since it was shown: nothing was written.
    case blogConflict(BlogPost)
    /// The link tool's new target, as the forge normalised it.
    case linkSaved(String?)
    /// Whether the token's user administers the project, as the forge answered.
    case administers(Bool)
    case installableTools([InstallableTool])
    /// An export was started; the file the forge writes.
    case exportStarted(String)
    /// The export of that file finished.
    case exportFinished(String)
    /// What an admin action did, in the forge's words or ours.
    case adminAnswer(String)
    case webhooks(WebhookList)
    case profile(UserProfile)
    case linkTarget(String?)
    case forums(Page<Forum>)
    case topics(forum: Forum, page: Page<Topic>)
    /// The first post of a topic (nil when it has none the caller can see): its author and date.
    case topicStarter(topic: String, post: Post?)
    /// Every post of a topic, to mark it read without opening it.
    case topicRead(topic: String, slugs: [String])
    case threadPage(ThreadPage)
    /// The first posts of a page, sent while the rest of it is rendered (see `LoadPart`).
    case threadPagePart(ThreadPage)
    case posted(PostingOutcome)
    /// The comment being sent was on the forge already: an earlier send whose answer was lost
    /// had arrived, so it was not sent again.
    case alreadyPosted(Post)
    case ticketPage(TicketPage)
    case trackerInfo(TrackerInfo)
    case ticket(Ticket)
    case triage(TriageOutcome)
    case created(Ticket)
    case undone(TriageOutcome)
    /// A long Markdown text, rendered off the UI thread.
    case rendered(DocumentRenderer.Key, RenderedDocument)
    /// A probe found which kind of forge serves `base`: `address` can be opened now.
    case forgeKind(address: String, base: URL, kind: String)
}
