import Dispatch
import Glibc

/// Work over many independent items spread across the machine's CPUs, results in the items' order.
/// `harden validate` judges every profile of a repository the same way, one after another, and
/// a team's repository of ten thousand profiles is the size the benchmarks hold it to.
enum Parallel {
    /// The CPUs online.
    static var processors: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    /// `body` applied to contiguous slices of `items`, one slice per CPU (or `most`) at most, concatenated in order.
    /// Each slice is a unit of work so that `body` can set up what it shares across items (a cache)
    /// once per slice. Below `minimumSlice` items a slice, the work stays on this thread.
    static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], slices most: Int? = nil, minimumSlice: Int = 64, _ body: @Sendable (ArraySlice<Item>) -> [Result]
    ) -> [Result] {
        let slices = min(most ?? processors, items.count / max(1, minimumSlice))
        guard slices > 1 else { return body(items[...]) }
        let results = Slots<[Result]>(count: slices)
        defer { results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let start = items.count * slice / slices, end = items.count * (slice + 1) / slices
            results.store(body(items[start..<end]), at: slice)
        }
        return results.collected().flatMap { $0 }
    }
}

/// One slot per slice, each written by exactly one worker and read after all of them finish.
/// A Swift array in a class would be one shared variable, which the runtime's exclusivity
/// checking rightly refuses to let two threads modify at once; separate slots of raw memory are not.
private struct Slots<Value>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    func store(_ value: Value, at index: Int) { buffer[index] = value }

    func collected() -> [Value] { buffer.map { $0! } }

    func deallocate() {
        _ = buffer.deinitialize()
        buffer.deallocate()
    }
}
