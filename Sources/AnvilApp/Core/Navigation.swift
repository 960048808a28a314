import ForgeModel

/// Where activating a row leads.
public indirect enum Navigation: Hashable, Sendable {
    /// Open a view for a route.
    case route(Route)
    /// Open a web address in the browser.
    case browser(String)
    /// Nothing to open; say why on the status line.
    case note(String)
}
