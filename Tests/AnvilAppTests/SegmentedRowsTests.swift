import Testing

@testable import AnvilApp

/// `SegmentedRows` keeps unchanged segments in place and makes only the changed and new ones;
/// the result is always what building every segment gives.
@Suite struct SegmentedRowsTests {
    /// A segment's rows: its id and version on each of `length` rows.
    private static func make(_ id: Int, version: Int, length: Int) -> [Row] {
        (0..<length).map { Row("\(id).\(version).\($0)") }
    }

    @Test func updatesGiveWhatABuildGivesAndMakeOnlyTheChangedSegments() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<200 {
            var lengths: [Int: Int] = [:]
            var versions: [Int: Int] = [:]
            var order = Array(0..<Int.random(in: 0...30, using: &generator))
            for id in order { (lengths[id], versions[id]) = (Int.random(in: 1...4, using: &generator), 0) }
            var next = order.count
            var rows = SegmentedRows()
            let build = { (ids: [Int]) -> [Row] in
                ids.flatMap { Self.make($0, version: versions[$0]!, length: lengths[$0]!) }
            }
            rows.build(ids: order) { index, out in out.append(contentsOf: build([order[index]])) }
            rows.setTrailer([Row("more")])
            for step in 0..<6 {
                // Some segments change (another length), some leave and come back elsewhere,
                // new ones arrive anywhere.
                var changed = Set<Int>()
                for id in order where Int.random(in: 0..<5, using: &generator) == 0 {
                    changed.insert(id)
                    versions[id]! += 1
                    lengths[id] = Int.random(in: 1...4, using: &generator)
                }
                if let moved = order.randomElement(using: &generator), Bool.random(using: &generator) {
                    order.removeAll { $0 == moved }
                    order.insert(moved, at: Int.random(in: 0...order.count, using: &generator))
                    changed.insert(moved)
                }
                for _ in 0..<Int.random(in: 0...5, using: &generator) {
                    (lengths[next], versions[next]) = (Int.random(in: 1...4, using: &generator), 0)
                    order.insert(next, at: Int.random(in: 0...order.count, using: &generator))
                    changed.insert(next)
                    next += 1
                }
                var made = 0
                let ids = order
                let kept = rows.update(ids: ids, changed: changed) { index, out in
                    made += 1
                    out.append(contentsOf: build([ids[index]]))
                }
                #expect(kept, "round \(round) step \(step)")
                rows.setTrailer(step % 2 == 0 ? [] : [Row("more")])
                let expected = build(ids) + (step % 2 == 0 ? [] : [Row("more")])
                #expect(rows.rows == expected, "round \(round) step \(step)")
                #expect(made == changed.count && rows.segmentsMade == made)
                #expect(rows.ids == ids)
                for index in ids.indices {
                    #expect(rows.range(ofSegment: index).count == lengths[ids[index]]!)
                    #expect(rows.rows[rows.starts[index]].line.text == "\(ids[index]).\(versions[ids[index]]!).0")
                }
            }
        }
    }

    @Test func anUnchangedSegmentOutOfOrderIsRefusedAndNothingChanges() {
        var rows = SegmentedRows()
        let ids = [1, 2, 3]
        rows.build(ids: ids) { index, out in out.append(Row("\(ids[index])")) }
        let before = rows.rows
        // 2 and 3 swapped without being reported as changed.
        #expect(!rows.update(ids: [1, 3, 2], changed: []) { _, _ in })
        // 3 gone without being reported.
        #expect(!rows.update(ids: [1, 2], changed: []) { _, _ in })
        #expect(rows.rows == before && rows.ids == ids)
        // Reported, both are fine.
        #expect(rows.update(ids: [1, 3, 2], changed: [2]) { _, out in out.append(Row("2")) })
        #expect(rows.rows.map(\.line.text) == ["1", "3", "2"])
    }
}
