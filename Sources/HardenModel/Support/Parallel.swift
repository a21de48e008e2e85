import Dispatch
import Glibc

/// Work over many independent items spread across the machine's CPUs, results in the items' order.
/// `harden validate` judges every profile of a repository the same way, one after another, and
/// a team's repository of ten thousand profiles is the size the benchmarks hold it to.
package enum Parallel {
    /// The CPUs online.
    package static var processors: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    /// `body` applied to contiguous slices of `items`, one slice per CPU (or `most`) at most, concatenated in order.
    /// Each slice is a unit of work so that `body` can set up what it shares across items (a cache)
    /// once per slice. Below `minimumSlice` items a slice, the work stays on this thread.
    package static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], slices most: Int? = nil, minimumSlice: Int = 64, _ body: @Sendable (ArraySlice<Item>) -> [Result]
    ) -> [Result] {
        let slices = min(most ?? processors, items.count / max(1, minimumSlice))
        guard slices > 1 else { return body(items[...]) }
        return ranges(of: items.count, parts: slices) { body(items[$0]) }.flatMap { $0 }
    }

    /// `body` over `parts` contiguous ranges covering `0..<count`, run at once on the CPUs, results in order.
    package static func ranges<Result: Sendable>(of count: Int, parts: Int, _ body: @Sendable (Range<Int>) -> Result) -> [Result] {
        let parts = max(1, min(parts, count))
        guard parts > 1 else { return [body(0..<count)] }
        let results = Slots<Result>(count: parts)
        defer { results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            results.store(body(count * part / parts..<count * (part + 1) / parts), at: part)
        }
        return results.collected()
    }
}

/// One slot per part, each written by exactly one worker and read after all of them finish.
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
