/// What tests read back after a write: blog posts, wiki pages and link targets as stored.
extension DemoData {
    /// A stored blog post.
    public struct BlogPostSnapshot: Sendable, Hashable {
        public var title: String
        /// `YYYY/MM/slug`.
        public var slug: String
        public var author: String
        public var text: String
        /// `draft` or `published`.
        public var state: String
        /// As stored: `[""]` for a post saved without labels.
        public var labels: [String]
    }

    /// A stored wiki page.
    public struct WikiPageSnapshot: Sendable, Hashable {
        public var title: String
        public var text: String
        public var labels: [String]
    }

    /// A blog's posts, newest first, drafts included.
    public func blogPosts(project: String = DemoNames.mainProject, blog: String = "blog") -> [BlogPostSnapshot] {
        (blogs["p/\(project)/\(blog)"]?.posts ?? []).map {
            BlogPostSnapshot(
                title: $0.title, slug: $0.slug, author: $0.author, text: $0.text, state: $0.state, labels: $0.labels)
        }
    }

    /// A wiki page by its exact title.
    public func wikiPage(
        project: String = DemoNames.mainProject, wiki: String = "wiki", title: String
    )
        -> WikiPageSnapshot?
    {
        wikis["p/\(project)/\(wiki)"]?.pages.first { $0.title == title }.map {
            WikiPageSnapshot(title: $0.title, text: $0.text, labels: $0.labels)
        }
    }

    /// A link tool's target; nil when unset or there is no such tool.
    public func linkTarget(project: String = DemoNames.mainProject, mount: String = "link") -> String? {
        links["p/\(project)/\(mount)"] ?? nil
    }
}
