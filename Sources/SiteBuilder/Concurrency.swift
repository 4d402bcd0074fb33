import Dispatch
import Synchronization

/// Maps `items` on `width` concurrent tasks, keeping input order in the result.
func concurrentMap<Item: Sendable, Result: Sendable>(
    _ items: [Item], width: Int, _ transform: @escaping @Sendable (Int, Item) throws -> Result
) async throws -> [Result] {
    try await withThrowingTaskGroup(of: (Int, Result).self) { group in
        var results = [Result?](repeating: nil, count: items.count)
        var next = 0
        func addTask() {
            let position = next
            let item = items[position]
            group.addTask { (position, try transform(position, item)) }
            next += 1
        }
        while next < items.count && next < max(width, 1) { addTask() }
        while let (position, result) = try await group.next() {
            results[position] = result
            if next < items.count { addTask() }
        }
        return results.map { $0! }
    }
}

/// `transform` of every index in `0..<count`, run on all cores, in index order. Blocks the caller, whose thread takes
/// part in the work (so it cannot starve the cooperative pool when called from a task); for synchronous callers.
func concurrentPerformMap<Result: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> Result) -> [Result] {
    let results = Mutex<[Result?]>(Array(repeating: nil, count: count))
    DispatchQueue.concurrentPerform(iterations: count) { index in
        let result = transform(index)
        results.withLock { $0[index] = result }
    }
    return results.withLock { $0.map { $0! } }
}
