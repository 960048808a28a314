/// Rows made of segments (a thread's post: its header and its body) in one flat array, which an
/// update rewrites only where segments changed. Kept segments are moved in place, never copied, so
/// an update makes only the new segments and moves the others once.
struct SegmentedRows {
    /// The segments' rows in order, then the trailer's.
    private(set) var rows: [Row] = []
    /// Each segment's id, in order.
    private(set) var ids: [Int] = []
    /// Each segment's first row.
    private(set) var starts: [Int] = []
    /// Rows after the last segment (a hint that more may follow).
    private(set) var trailerCount = 0
    /// The segments the last build or update made (the others were kept).
    private(set) var segmentsMade = 0

    /// The row after the last segment.
    var segmentsEnd: Int { rows.count - trailerCount }

    /// The rows of segment `index`.
    func range(ofSegment index: Int) -> Range<Int> {
        starts[index]..<(index + 1 < starts.count ? starts[index + 1] : segmentsEnd)
    }

    /// Makes every segment afresh: `make(i, &rows)` appends the rows of segment `i` of `newIDs`.
    mutating func build(ids newIDs: [Int], make: (Int, inout [Row]) -> Void) {
        var built: [Row] = []
        var newStarts: [Int] = []
        newStarts.reserveCapacity(newIDs.count)
        for index in newIDs.indices {
            newStarts.append(built.count)
            make(index, &built)
        }
        (rows, ids, starts, trailerCount, segmentsMade) = (built, newIDs, newStarts, 0, newIDs.count)
    }

    /// Keeps the segments whose id is not in `changed`, in their order, and makes the others (and
    /// those not there before) with `make`. False, with nothing changed, when a kept segment is
    /// missing from `newIDs` or out of order: the caller builds everything instead.
    mutating func update(ids newIDs: [Int], changed: Set<Int>, make: (Int, inout [Row]) -> Void) -> Bool {
        guard let keptFrom = keptSegments(newIDs, changed: changed) else { return false }
        rows.removeLast(trailerCount)
        trailerCount = 0
        let keptLength = compact(droppingChanged: changed)
        // The new segments, made now; kept ones keep their length.
        var made: [Int: [Row]] = [:]
        var newStarts: [Int] = []
        newStarts.reserveCapacity(newIDs.count)
        var total = 0
        for index in newIDs.indices {
            newStarts.append(total)
            if let old = keptFrom[index] {
                total += keptLength[old]
            } else {
                var segment: [Row] = []
                make(index, &segment)
                total += segment.count
                made[index] = segment
            }
        }
        spread(keptFrom: keptFrom, keptLength: keptLength, made: made, total: total)
        (ids, starts, segmentsMade) = (newIDs, newStarts, made.count)
        return true
    }

    /// Replaces the rows after the last segment.
    mutating func setTrailer(_ trailer: [Row]) {
        rows.removeLast(trailerCount)
        rows.append(contentsOf: trailer)
        trailerCount = trailer.count
    }

    /// For each new segment, the old segment it keeps; nil when the order does not hold.
    private func keptSegments(_ newIDs: [Int], changed: Set<Int>) -> [Int?]? {
        var keptFrom = [Int?](repeating: nil, count: newIDs.count)
        var old = 0
        for (index, id) in newIDs.enumerated() {
            while old < ids.count, changed.contains(ids[old]) { old += 1 }
            guard !changed.contains(id) else { continue }
            guard old < ids.count, ids[old] == id else { return nil }
            keptFrom[index] = old
            old += 1
        }
        while old < ids.count {
            guard changed.contains(ids[old]) else { return nil }
            old += 1
        }
        return keptFrom
    }

    /// Slides the kept segments forward over the dropped ones and cuts the rest off the end.
    /// Returns each old segment's length (0 for a dropped one).
    private mutating func compact(droppingChanged changed: Set<Int>) -> [Int] {
        var lengths = [Int](repeating: 0, count: ids.count)
        var write = 0
        let ranges = ids.indices.map { range(ofSegment: $0) }
        rows.withUnsafeMutableBufferPointer { buffer in
            for segment in ids.indices where !changed.contains(ids[segment]) {
                let range = ranges[segment]
                lengths[segment] = range.count
                if write == range.lowerBound {
                    write = range.upperBound
                    continue
                }
                for row in range {
                    buffer.swapAt(write, row)
                    write += 1
                }
            }
        }
        rows.removeLast(rows.count - write)
        return lengths
    }

    /// Grows the compacted rows to `total`, walking from the end once: kept segments move back as
    /// far as the new segments before them push them, and each new segment fills its gap.
    private mutating func spread(keptFrom: [Int?], keptLength: [Int], made: [Int: [Row]], total: Int) {
        var read = rows.count
        rows.append(contentsOf: repeatElement(Row.blank, count: total - read))
        var write = rows.count
        rows.withUnsafeMutableBufferPointer { buffer in
            for index in keptFrom.indices.reversed() {
                // No new segment is left before this point: the rest is in place.
                if read == write { break }
                if let old = keptFrom[index] {
                    for _ in 0..<keptLength[old] {
                        read -= 1
                        write -= 1
                        buffer.swapAt(read, write)
                    }
                } else if let segment = made[index] {
                    for row in segment.reversed() {
                        write -= 1
                        buffer[write] = row
                    }
                }
            }
        }
    }
}
