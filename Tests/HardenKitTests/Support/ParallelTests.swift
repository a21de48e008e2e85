import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Work spread over the CPUs")
struct ParallelTests {
    @Test("every item once, in order, whatever the count and the number of slices", arguments: [0, 1, 63, 64, 65, 128, 1000, 1001])
    func order(count: Int) {
        let items = Array(0..<count)
        for slices in [nil, 1, 2, 3, 5, 16] {
            let mapped = Parallel.map(items, slices: slices) { slice in slice.map { $0 * 2 } }
            #expect(mapped == items.map { $0 * 2 }, "count \(count), slices \(String(describing: slices))")
        }
    }

    @Test("the body sees contiguous slices, at most one per slice asked and none under the minimum size")
    func slicing() {
        let items = Array(0..<1000)
        // Each result carries the first item of the slice it was computed in.
        let firsts = Parallel.map(items, slices: 3) { slice in slice.map { _ in slice.first! } }
        #expect(Set(firsts).count == 3)
        #expect(firsts == firsts.sorted(), "slices are contiguous and in order")
        let small = Parallel.map(Array(0..<100), slices: 8, minimumSlice: 64) { slice in slice.map { _ in slice.count } }
        #expect(Set(small) == [100], "100 items are one slice when a slice needs 64")
    }
}
