import ForgeModel
import Foundation

/// Finds the bearer token for a forge and refuses to send one where it could be read in transit.
///
/// Sources, first match wins: `ANVIL_TOKEN` (only for the forge opened at start: a token is bound
/// to one origin); the forge's `token_command`; its `token_file`. A source that is configured but fails is an error, never a silent fall-through to the next
/// one or to anonymous access. Error messages name the forge and the source, never the token
/// or anything a command printed.
public enum CredentialResolver {
    /// How long `token_command` may run.
    public static let defaultCommandTimeout: Duration = .seconds(10)

    /// The token for `forge`, or nil when none is configured (anonymous access).
    ///
    /// - Parameters:
    ///   - environment: the process environment: `ANVIL_TOKEN`, `HOME` for `~`, and the
    ///     environment `token_command` runs in.
    ///   - isStartForge: whether `forge` is the one opened at start (the URL given, else the
    ///     default forge); `ANVIL_TOKEN` belongs to it and to no other.
    ///   - commandTimeout: how long `token_command` may run before it is killed.
    public static func token(
        for forge: ForgeConfig, environment: [String: String], isStartForge: Bool,
        commandTimeout: Duration = defaultCommandTimeout
    ) throws(ConfigError) -> String? {
        if isStartForge, let fromEnvironment = environment["ANVIL_TOKEN"], !fromEnvironment.isBlank {
            return try TokenText.validated(fromEnvironment, source: "ANVIL_TOKEN")
        }
        if let command = forge.tokenCommand {
            let output = try TokenCommand(command: command, forgeName: forge.name, timeout: commandTimeout)
                .run(environment: childEnvironment(environment))
            return try TokenText.validated(output, source: "forge '\(forge.name)': token_command")
        }
        if let file = forge.tokenFile {
            let path = AnvilPaths.expandingTilde(file, environment: environment)
            let contents = try TokenFile(path: path, forgeName: forge.name).read()
            return try TokenText.validated(contents, source: "forge '\(forge.name)': token_file \(path)")
        }
        return nil
    }

    /// Whether `ANVIL_TOKEN` is set for a forge other than `forge`: a session there goes without it.
    public static func withholdsEnvironmentToken(
        from forge: ForgeConfig, environment: [String: String], isStartForge: Bool
    ) -> Bool {
        guard !isStartForge, let value = environment["ANVIL_TOKEN"] else { return false }
        return !value.isBlank && forge.tokenCommand == nil && forge.tokenFile == nil
    }

    /// The environment for programs Anvil starts (editor, browser, pipes, `token_command`):
    /// `environment` without `ANVIL_TOKEN`, which belongs to one forge and to Anvil alone.
    public static func childEnvironment(_ environment: [String: String]) -> [String: String] {
        environment.filter { $0.key != "ANVIL_TOKEN" }
    }

    /// Refuses to send a token to `url` unless it is https, or plain http to a loopback host
    /// (127.0.0.0/8, ::1, localhost). Without a token, anything goes.
    public static func checkTransport(url: URL, hasToken: Bool) throws(ConfigError) {
        guard hasToken else { return }
        let scheme = url.scheme?.lowercased()
        let host = url.host ?? ""
        if scheme == "https" { return }
        if scheme == "http" {
            if LoopbackHost.contains(host) { return }
            throw ConfigError(problem: "Refusing to send the token over plain http to \(host): use https")
        }
        throw ConfigError(problem: "Refusing to send the token to a \(scheme ?? "scheme-less") URL: use https")
    }
}

/// Checks and trims token text from any source.
enum TokenText {
    /// `text` without surrounding whitespace; an error when that leaves nothing, several lines,
    /// or characters that cannot go into an HTTP header. `source` starts the error message.
    static func validated(_ text: String, source: String) throws(ConfigError) -> String {
        let token = text.trimmedOfWhitespace
        if token.isEmpty { throw ConfigError(problem: "\(source) gave an empty token") }
        if token.contains(where: \.isNewline) {
            throw ConfigError(
                problem: "\(source) gave more than one line; it must give only the token "
                    + "(for a command, for example: pass show NAME | head -n 1)")
        }
        let printable = token.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F }
        if !printable {
            throw ConfigError(problem: "\(source) gave a token containing spaces, control or non-ASCII characters")
        }
        return token
    }
}

/// Whether a host name or address is this machine: `localhost`, 127.0.0.0/8 or ::1.
enum LoopbackHost {
    static func contains(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name.hasSuffix(".") { name.removeLast() }
        if name == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { $0.first == 127 }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, name, &v6) == 1 {
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            let isIPv6Loopback = bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1
            let isMappedIPv4Loopback =
                bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF && bytes[12] == 127
            return isIPv6Loopback || isMappedIPv4Loopback
        }
        return false
    }
}
