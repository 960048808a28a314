import Foundation
import Store

/// Recently opened places, newest first, each with the name it was shown under and, for
/// threads, how many posts were unread when it was left. They live in the state database; a
/// `history` text file from an earlier Anvil (`ADDRESS<TAB>NAME` lines) is taken in once.
public final class HistoryStore {
    private let state: LocalState
    private let limit: Int
    /// The path of the earlier `history` file, until it was looked for.
    private var earlierFile: String?
    private var loaded: [Place]?

    public init(state: LocalState, importingPath earlierFile: String? = nil, limit: Int = 30) {
        self.state = state
        self.limit = limit
        self.earlierFile = earlierFile
    }

    /// The same, the earlier file named by its URL.
    public convenience init(state: LocalState, importing earlierFile: URL?, limit: Int = 30) {
        self.init(state: state, importingPath: earlierFile?.path, limit: limit)
    }

    /// The places, newest first.
    public var places: [Place] {
        importEarlierFile()
        if let loaded { return loaded }
        let places = state.places(limit: limit)
        loaded = places
        return places
    }

    /// The addresses, newest first.
    public var entries: [String] { places.map(\.address) }

    /// The name `address` was last shown under (`demo › Anvil Demo › Tickets`), if known.
    public func name(of address: String) -> String? { places.first { $0.address == address }?.name }

    /// Moves `address` to the front, with the name it is shown under and the unread posts it has
    /// (nil keeps what is known). Failing to save is not worth interrupting anyone.
    public func record(_ address: String, name: String? = nil, unread: Int? = nil) {
        guard !address.contains("\n") else { return }
        importEarlierFile()
        let name = name.map { String($0.map { $0.isNewline ? " " : $0 }) }
        let known = places
        if let first = known.first, first.address == address, name == nil || first.name == name,
            unread == nil || first.unread == unread
        {
            return
        }
        let now = Date()
        state.recordPlace(address, name: name, unread: unread, at: now)
        // The list in memory follows, so that recording the same place again costs no write.
        let earlier = known.first { $0.address == address }
        let place = Place(
            address: address, name: name ?? earlier?.name, visited: now, unread: unread ?? earlier?.unread)
        loaded = [place] + known.filter { $0.address != address }.prefix(limit - 1)
    }

    /// Takes in the places of an earlier Anvil's `history` file, oldest first so that the order
    /// stays, then removes the file.
    private func importEarlierFile() {
        guard let file = earlierFile else { return }
        earlierFile = nil
        // Looked for first: there is almost never one, and reading through Foundation costs more.
        guard access(file, F_OK) == 0, let text = try? String(contentsOfFile: file, encoding: .utf8) else { return }
        let lines = text.split(separator: "\n").filter { !$0.isEmpty }
        let now = Date()
        for (age, line) in lines.enumerated().reversed() {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            let name = parts.count == 2 && !parts[1].isEmpty ? parts[1] : nil
            state.recordPlace(parts[0], name: name, at: now.addingTimeInterval(-Double(age)))
        }
        if lines.isEmpty || !state.places(limit: 1).isEmpty { unlink(file) }
        loaded = nil
    }
}

/// Writes state files only their owner can read.
enum PrivateFile {
    /// Replaces the file at `path` with `text` (mode 0600, through a temporary file and a rename),
    /// creating missing directories above it with mode 0700. False when that failed.
    @discardableResult
    static func write(_ text: String, to path: String) -> Bool {
        var directory = ""
        for (index, part) in path.split(separator: "/", omittingEmptySubsequences: false).dropLast().enumerated() {
            directory += (index == 0 ? "" : "/") + part
            if part.isEmpty || part == "." || part == ".." { continue }
            if mkdir(directory, 0o700) != 0, errno != EEXIST { return false }
        }
        let temporary = path + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            written += count
        }
        fchmod(descriptor, 0o600)
        close(descriptor)
        guard written == bytes.count, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }
}
