/// A problem with the configuration or with obtaining a credential, worded for the user.
///
/// `message` is one line, ready to print: `FILE:LINE: KEY: PROBLEM` for problems in the config
/// file, plain sentences for credential problems. It never contains a token.
public struct ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The config file at fault, when there is one.
    public let file: String?
    /// The 1-based line in `file`, when known.
    public let line: Int?
    /// The 1-based column in `file`, when known (TOML syntax errors only).
    public let column: Int?
    /// The dotted key at fault, as written in the config (`forges.sf.url`).
    public let key: String?
    /// What is wrong, without the location.
    public let problem: String

    /// An error at `file:line:column` about `key`; leave out what is not known.
    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, key: String? = nil, problem: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.problem = problem
    }

    /// The whole message: location, key and problem.
    public var message: String {
        var location = ""
        if let file {
            location = file
            if let line {
                location += ":\(line)"
                if let column { location += ":\(column)" }
            }
            location += ": "
        }
        let keyPart = key.map { "\($0): " } ?? ""
        return location + keyPart + problem
    }

    public var description: String { message }
}
