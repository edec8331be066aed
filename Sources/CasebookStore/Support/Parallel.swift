import Dispatch
import Foundation
import Synchronization

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

extension Parallel {
    /// `transform` of each of `0..<count`, in order, as `map` makes it, in chunks of `chunkSize`
    /// taken by every core in turn; each transform may also add to its chunk's `Output` (a fresh
    /// `makeOutput()` each chunk), and `deliver` is given the chunks' outputs in chunk order, one at
    /// a time, each as soon as it and every chunk before it are done. So a file made of every
    /// item's bytes in order (the index, on first use) is written while the items are still being
    /// made, and never held whole.
    ///
    /// `deliver` runs on whichever thread finished the chunk that let it go on, never on two at once.
    public static func map<T, Output: Sendable>(_ count: Int, chunkSize: Int, output makeOutput: @escaping @Sendable () -> Output,
                                                deliver: (Output) -> Void,
                                                _ transform: @escaping @Sendable (Int, inout Output) -> T) -> [T] {
        guard count > 0 else { return [] }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        nonisolated(unsafe) let shared = results
        // Called one at a time (the flag below), always before this function returns.
        nonisolated(unsafe) let deliver = deliver
        let chunkCount = (count + chunkSize - 1) / chunkSize
        let order = Mutex(ChunkOrder<Output>())
        let workers = min(chunkCount, ProcessInfo.processInfo.activeProcessorCount)
        DispatchQueue.concurrentPerform(iterations: max(workers, 1)) { _ in
            while let chunk = order.withLock({ $0.take(of: chunkCount) }) {
                var output = makeOutput()
                for position in (chunk * chunkSize)..<min(count, (chunk + 1) * chunkSize) {
                    shared[position] = transform(position, &output)
                }
                // The thread that finds no one delivering delivers every chunk that is ready in
                // order, then stops at the first that is not; its thread delivers it when it is done.
                var delivering = order.withLock { $0.finished(chunk, output) }
                while delivering {
                    guard let next = order.withLock({ $0.nextReady() }) else { delivering = false; break }
                    deliver(next)
                }
            }
        }
        let array = results.indices.map { results.moveElement(from: $0)! }
        results.deallocate()
        return array
    }

    /// Which chunk is taken next, which are done, and which is delivered next.
    private struct ChunkOrder<Output: Sendable>: ~Copyable, Sendable {
        private var taken = 0
        private var delivered = 0
        private var done: [Int: Output] = [:]
        private var delivering = false

        /// The next chunk to make, or `nil` when all are taken.
        mutating func take(of chunkCount: Int) -> Int? {
            guard taken < chunkCount else { return nil }
            taken += 1
            return taken - 1
        }

        /// Records `chunk` as done; whether the caller is now the one to deliver.
        mutating func finished(_ chunk: Int, _ output: sending Output) -> Bool {
            done[chunk] = output
            guard !delivering else { return false }
            delivering = true
            return true
        }

        /// The next chunk's output to deliver, or `nil` (and no one delivering) when it is not done yet.
        mutating func nextReady() -> Output? {
            guard let output = done.removeValue(forKey: delivered) else {
                delivering = false
                return nil
            }
            delivered += 1
            return output
        }
    }
}
