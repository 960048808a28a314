import GRDB

/// Why the state store could not do what was asked.
///
/// Every case carries the database path (or `:memory:`) and a reason, and ``description`` is one line
/// the app can put on its status line as it is.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The folder that holds the database could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// The database file could not be created (with mode 0600) or opened for writing.
    case cannotCreateFile(path: String, reason: String)
    /// SQLite could not open the file (it may be corrupt, not a database, or unreadable).
    case cannotOpen(path: String, reason: String)
    /// The schema could not be created or brought up to date.
    case migrationFailed(path: String, reason: String)
    /// A read or a write failed; `operation` names it (for example `"mark read"`).
    case operationFailed(operation: String, path: String, reason: String)

    /// The path the error is about.
    public var path: String {
        switch self {
        case .cannotCreateDirectory(let path, _), .cannotCreateFile(let path, _), .cannotOpen(let path, _),
            .migrationFailed(let path, _), .operationFailed(_, let path, _):
            return path
        }
    }

    /// One line: `state store PATH: WHAT failed: REASON`.
    public var description: String {
        let line: String
        switch self {
        case .cannotCreateDirectory(let path, let reason):
            line = "state store \(path): cannot create the directory: \(reason)"
        case .cannotCreateFile(let path, let reason):
            line = "state store \(path): cannot create or write the file: \(reason)"
        case .cannotOpen(let path, let reason):
            line = "state store \(path): cannot open: \(reason)"
        case .migrationFailed(let path, let reason):
            line = "state store \(path): cannot set up the schema: \(reason)"
        case .operationFailed(let operation, let path, let reason):
            line = "state store \(path): \(operation) failed: \(reason)"
        }
        return StoreError.oneLine(line)
    }

    /// A short reason for any error thrown by GRDB, SQLite or Foundation: SQLite's own message when
    /// there is one (without the SQL, which may span lines), otherwise the error's description.
    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return oneLine(error.message ?? "SQLite error \(error.resultCode.rawValue)")
        }
        if let error = error as? StoreError {
            return error.description
        }
        return oneLine(String(describing: error))
    }

    /// Folds line breaks and tabs into spaces so that a message always fits one status line.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
