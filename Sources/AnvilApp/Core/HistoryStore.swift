import Foundation

/// Recently opened places, newest first, each with the name it was shown under, kept in a plain
/// text file under the state directory (`ADDRESS<TAB>NAME` lines; mode 0600, in directories
/// created 0700, like the drafts).
public final class HistoryStore {
    private let file: URL
    private let limit: Int
    /// The addresses, newest first.
    public private(set) var entries: [String]
    private var names: [String: String] = [:]

    public init(file: URL, limit: Int = 30) {
        self.file = file
        self.limit = limit
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        var entries: [String] = []
        for line in text.split(separator: "\n") where !line.isEmpty {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            entries.append(parts[0])
            if parts.count == 2, !parts[1].isEmpty { names[parts[0]] = parts[1] }
        }
        self.entries = entries
    }

    /// The name `address` was last shown under (`demo › Anvil Demo › Tickets`), if known.
    public func name(of address: String) -> String? { names[address] }

    /// Moves `address` to the front, with the name it is shown under, and saves. Failing to save
    /// is not worth interrupting anyone.
    public func record(_ address: String, name: String? = nil) {
        guard !address.contains("\n"), !address.contains("\t") else { return }
        let name = name.map { String($0.map { $0 == "\t" || $0.isNewline ? " " : $0 }) }
        if entries.first == address, name == nil || names[address] == name { return }
        entries.removeAll { $0 == address }
        entries.insert(address, at: 0)
        if let name { names[address] = name }
        if entries.count > limit {
            for dropped in entries[limit...] { names[dropped] = nil }
            entries.removeLast(entries.count - limit)
        }
        let lines = entries.map { address in names[address].map { address + "\t" + $0 } ?? address }
        PrivateFile.write(lines.joined(separator: "\n") + "\n", to: file.path)
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
