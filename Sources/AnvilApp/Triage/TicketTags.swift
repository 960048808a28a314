import ForgeModel

/// The tickets a user tagged with `t` in a ticket list, kept by ticket number so that tags survive
/// re-sorting, paging and reloading (a position would point at another ticket after any of those).
public struct TicketTags: Hashable, Sendable {
    private var numbers: Set<Int>

    /// Tags for `numbers` (none by default).
    public init(_ numbers: some Sequence<Int> = [Int]()) {
        self.numbers = Set(numbers)
    }

    /// Tags ticket `number` when it is not tagged, untags it when it is; returns whether it is tagged now.
    @discardableResult
    public mutating func toggle(_ number: Int) -> Bool {
        if numbers.remove(number) != nil { return false }
        numbers.insert(number)
        return true
    }

    /// Tags ticket `number` (no change when it is tagged already).
    public mutating func tag(_ number: Int) {
        numbers.insert(number)
    }

    /// Untags ticket `number` (no change when it is not tagged).
    public mutating func untag(_ number: Int) {
        numbers.remove(number)
    }

    /// Whether ticket `number` is tagged.
    public func contains(_ number: Int) -> Bool {
        numbers.contains(number)
    }

    /// Every tagged number, ascending.
    public var all: [Int] { numbers.sorted() }

    /// How many tickets are tagged.
    public var count: Int { numbers.count }

    /// Whether no ticket is tagged.
    public var isEmpty: Bool { numbers.isEmpty }

    /// Untags everything (after a bulk action, or on request).
    public mutating func clear() {
        numbers.removeAll()
    }

    /// Untags every number that is not in `existing` (tickets deleted or moved away since they were
    /// tagged); returns the numbers removed, ascending.
    @discardableResult
    public mutating func removeMissing(keeping existing: some Sequence<Int>) -> [Int] {
        let keep = Set(existing)
        let gone = numbers.subtracting(keep)
        numbers.subtract(gone)
        return gone.sorted()
    }

    /// The tagged tickets among `tickets`, in the order given (the order the list shows them).
    public func tagged(in tickets: [Ticket]) -> [Ticket] {
        tickets.filter { numbers.contains($0.number) }
    }
}
