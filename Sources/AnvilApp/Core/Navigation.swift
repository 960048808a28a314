import ForgeModel

/// Where activating a row leads.
public indirect enum Navigation: Hashable, Sendable {
    /// Open a view for a route.
    case route(Route)
    /// Open a web address in the browser.
    case browser(String)
    /// Open a web address or path as `:open` would: on another forge when it names one.
    case address(String)
    /// Nothing to open; say why on the status line.
    case note(String)
}
