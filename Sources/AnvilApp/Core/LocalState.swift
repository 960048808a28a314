import Foundation

/// What the thread views remember locally: which posts were seen.
public protocol ReadMarkStore: AnyObject {
    func readSlugs(forge: String, thread: String) -> Set<String>
    func markRead(forge: String, thread: String, slugs: [String])
    /// How many posts of each thread were seen.
    func readCounts(forge: String, threads: [String]) -> [String: Int]
}

/// Text the user wrote that the forge has not accepted yet.
public protocol DraftStore: AnyObject {
    func draft(_ key: String) -> String?
    func saveDraft(_ key: String, text: String)
    func deleteDraft(_ key: String)
    func recordFailure(_ key: String, message: String)
}
