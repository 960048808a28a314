import Foundation

/// The kinds probes found, by origin (`https://host:port`), kept in the state directory so each
/// origin is probed once. One `origin kind` pair a line; the file is 0600 in a 0700 directory.
public struct KindMemory: Sendable {
    public let file: String

    /// The memory kept in `directory` (`$XDG_STATE_HOME/anvil`).
    public init(directory: String) {
        file = directory + "/forge-kinds"
    }

    /// The kind remembered for `url`'s origin.
    public func kind(of url: URL) -> String? {
        guard let origin = Self.origin(of: url) else { return nil }
        return entries()[origin]
    }

    /// Remembers `kind` for `url`'s origin; a failure to write only means probing again next time.
    public func remember(_ kind: String, for url: URL) {
        guard let origin = Self.origin(of: url) else { return }
        var all = entries()
        guard all[origin] != kind else { return }
        all[origin] = kind
        let text = all.keys.sorted().map { "\($0) \(all[$0] ?? "")\n" }.joined()
        write(text)
    }

    /// `scheme://host:port`, lower-cased, with the default port filled in.
    static func origin(of url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), !host.isEmpty else {
            return nil
        }
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        return "\(scheme)://\(host):\(port)"
    }

    private func entries() -> [String: String] {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return [:] }
        var entries: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2 { entries[String(parts[0])] = String(parts[1]) }
        }
        return entries
    }

    /// Replaces the file through a private temporary one.
    private func write(_ text: String) {
        let directory = (file as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = file + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        fchmod(descriptor, 0o600)
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count, rename(temporary, file) == 0 else {
            unlink(temporary)
            return
        }
    }
}
