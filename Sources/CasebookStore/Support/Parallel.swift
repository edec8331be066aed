import Dispatch

/// Work over thousands of cases spread over every core: what makes `find` and `list` of a large
/// store take about as long as reading its files once.
public enum Parallel {
    /// `transform` of each of `0..<count`, in order, computed in chunks on every core
    /// (on the calling thread alone when there are few).
    public static func map<T>(_ count: Int, _ transform: @escaping @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        nonisolated(unsafe) let shared = results
        let chunkCount = count >= 64 ? min(16, count / 4) : 1
        let work: @Sendable (Int) -> Void = { chunk in
            for position in (count * chunk / chunkCount)..<(count * (chunk + 1) / chunkCount) {
                shared[position] = transform(position)
            }
        }
        if chunkCount == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: chunkCount, execute: work)
        }
        // Move the results out, so that each is deinitialised exactly once, by the array.
        let array = results.indices.map { results.moveElement(from: $0)! }
        results.deallocate()
        return array
    }
}
