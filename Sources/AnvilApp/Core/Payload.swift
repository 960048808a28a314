import ForgeModel

/// Data a view asked for, as it arrives from a forge.
public enum Payload: Sendable {
    case project(Project)
    case wikiTitles([String])
    case wikiPage(WikiPage)
    case profile(UserProfile)
    case linkTarget(String?)
}
