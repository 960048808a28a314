/// Each capability's accessor on `Forge`: nil by default, the forge itself when it adopts the
/// capability. The witness is chosen when the compiler checks a backend's conformance, so asking
/// costs nothing at run time; a cast (`forge.wikiReading`) made the runtime search every
/// conformance record of the binary, 7,500 of them, the first time for each capability.
extension Forge {
    public var projectReading: (any ProjectReading)? { nil }
    public var projectListing: (any ProjectListing)? { nil }
    public var wikiReading: (any WikiReading)? { nil }
    public var wikiWriting: (any WikiWriting)? { nil }
    public var wikiLabelWriting: (any WikiLabelWriting)? { nil }
    public var blogReading: (any BlogReading)? { nil }
    public var blogWriting: (any BlogWriting)? { nil }
    public var linkReading: (any LinkReading)? { nil }
    public var linkWriting: (any LinkWriting)? { nil }
    public var profileReading: (any ProfileReading)? { nil }
    public var discussionReading: (any DiscussionReading)? { nil }
    public var commentWriting: (any CommentWriting)? { nil }
    public var groupReading: (any GroupReading)? { nil }
    public var trackerMetadataReading: (any TrackerMetadataReading)? { nil }
    public var ticketFieldInferring: (any TicketFieldInferring)? { nil }
    public var ticketReading: (any TicketReading)? { nil }
    public var ticketWriting: (any TicketWriting)? { nil }
    public var ticketStatusProviding: (any TicketStatusProviding)? { nil }
    public var projectAdministration: (any ProjectAdministration)? { nil }
    public var webhookAdministration: (any WebhookAdministration)? { nil }
}

extension ProjectReading {
    public var projectReading: (any ProjectReading)? { self }
}

extension ProjectListing {
    public var projectListing: (any ProjectListing)? { self }
}

extension WikiReading {
    public var wikiReading: (any WikiReading)? { self }
}

extension WikiWriting {
    public var wikiWriting: (any WikiWriting)? { self }
}

extension WikiLabelWriting {
    public var wikiLabelWriting: (any WikiLabelWriting)? { self }
}

extension BlogReading {
    public var blogReading: (any BlogReading)? { self }
}

extension BlogWriting {
    public var blogWriting: (any BlogWriting)? { self }
}

extension LinkReading {
    public var linkReading: (any LinkReading)? { self }
}

extension LinkWriting {
    public var linkWriting: (any LinkWriting)? { self }
}

extension ProfileReading {
    public var profileReading: (any ProfileReading)? { self }
}

extension DiscussionReading {
    public var discussionReading: (any DiscussionReading)? { self }
}

extension CommentWriting {
    public var commentWriting: (any CommentWriting)? { self }
}

extension GroupReading {
    public var groupReading: (any GroupReading)? { self }
}

extension TrackerMetadataReading {
    public var trackerMetadataReading: (any TrackerMetadataReading)? { self }
}

extension TicketFieldInferring {
    public var ticketFieldInferring: (any TicketFieldInferring)? { self }
}

extension TicketReading {
    public var ticketReading: (any TicketReading)? { self }
}

extension TicketWriting {
    public var ticketWriting: (any TicketWriting)? { self }
}

extension TicketStatusProviding {
    public var ticketStatusProviding: (any TicketStatusProviding)? { self }
}

extension ProjectAdministration {
    public var projectAdministration: (any ProjectAdministration)? { self }
}

extension WebhookAdministration {
    public var webhookAdministration: (any WebhookAdministration)? { self }
}
