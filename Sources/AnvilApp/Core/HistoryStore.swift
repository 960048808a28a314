import Foundation

/// Recently opened places, newest first, kept in a plain text file under the state directory.
public final class HistoryStore {
    private let file: URL
    private let limit: Int
    public private(set) var entries: [String]

    public init(file: URL, limit: Int = 30) {
        self.file = file
        self.limit = limit
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        self.entries = text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    /// Moves `address` to the front and saves. Failing to save is not worth interrupting anyone.
    public func record(_ address: String) {
        guard !address.contains("\n") else { return }
        entries.removeAll { $0 == address }
        entries.insert(address, at: 0)
        if entries.count > limit { entries.removeLast(entries.count - limit) }
        try? FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? (entries.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    }
}
