import ForgeModel
import Foundation
import HTTP

/// Decides which kind of forge serves an address: the config's `kind`, else the address's shape,
/// else what an earlier probe found, else one probe (remembered), else the fallback.
public struct KindFinder: Sendable {
    public let memory: KindMemory?
    public let transport: any Transport

    /// - Parameters:
    ///   - memory: where probed kinds are kept; nil to keep nothing.
    ///   - transport: carries the probes.
    public init(memory: KindMemory?, transport: any Transport) {
        self.memory = memory
        self.transport = transport
    }

    /// The kind of the forge at `base` that `address` belongs to.
    /// - Throws: `ForgeError.unsupported` for a configured kind Anvil does not know.
    public func kind(of address: URL, base: URL, configured: String?) throws -> any BackendKind {
        if let kind = try knownKind(of: address, base: base, configured: configured) { return kind }
        guard let kind = BackendRegistry.probe(address, base: base, transport: transport) else {
            return BackendRegistry.fallback
        }
        memory?.remember(kind.name, for: base)
        return kind
    }

    /// The kind when the config, the address's shape or an earlier probe tells; nil when only a
    /// probe can.
    /// - Throws: `ForgeError.unsupported` for a configured kind Anvil does not know.
    public func knownKind(of address: URL, base: URL, configured: String?) throws -> (any BackendKind)? {
        if let configured {
            guard let kind = BackendRegistry.kind(named: configured) else {
                throw ForgeError.unsupported("Unknown kind of forge: \(configured)")
            }
            return kind
        }
        if let kind = BackendRegistry.recognised(address) ?? BackendRegistry.recognised(base) { return kind }
        if let name = memory?.kind(of: base), let kind = BackendRegistry.kind(named: name) { return kind }
        return nil
    }

    /// One probe, without blocking the caller's thread (the UI's `:open`); what it finds is
    /// remembered, and the fallback stands in when nothing answers. Cancelling the task stops it.
    public func probedKind(of address: URL, base: URL) async -> any BackendKind {
        guard let kind = await BackendRegistry.probeAsync(address, base: base, transport: transport) else {
            return BackendRegistry.fallback
        }
        if !Task.isCancelled { memory?.remember(kind.name, for: base) }
        return kind
    }
}
