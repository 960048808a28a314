import Foundation

/// A forge user's public profile.
public struct UserProfile: Hashable, Sendable {
    public var username: String
    public var name: String
    public var joined: Date?
    public var city: String?
    public var country: String?
    public var sex: String?
    public var webpages: [String]
    public var telephoneNumbers: [String]
    public var skills: [Skill]
    public var socialNetworks: [SocialNetwork]
    public var projects: [UserProject]

    public init(
        username: String, name: String, joined: Date? = nil, city: String? = nil, country: String? = nil,
        sex: String? = nil, webpages: [String] = [], telephoneNumbers: [String] = [], skills: [Skill] = [],
        socialNetworks: [SocialNetwork] = [], projects: [UserProject] = []
    ) {
        self.username = username
        self.name = name
        self.joined = joined
        self.city = city
        self.country = country
        self.sex = sex
        self.webpages = webpages
        self.telephoneNumbers = telephoneNumbers
        self.skills = skills
        self.socialNetworks = socialNetworks
        self.projects = projects
    }

    /// "City, Country" from whichever parts are known.
    public var location: String {
        [city, country].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
    }
}

public struct Skill: Hashable, Sendable {
    public var name: String
    /// `low`, `medium` or `high`.
    public var level: String
    public var comment: String
    public init(name: String, level: String, comment: String = "") {
        self.name = name
        self.level = level
        self.comment = comment
    }
}

/// A project a user belongs to, as listed on the profile.
public struct UserProject: Hashable, Sendable {
    public var name: String
    /// Forge-relative web path, e.g. `/p/nimbus/`.
    public var webPath: String
    public var summary: String
    public var lastUpdated: Date?
    public init(name: String, webPath: String, summary: String = "", lastUpdated: Date? = nil) {
        self.name = name
        self.webPath = webPath
        self.summary = summary
        self.lastUpdated = lastUpdated
    }
}
