/// The shortest edit script between two sequences (Myers' O((N+M)D) algorithm), pure.
///
/// Used at two levels: list items and paragraphs of a field, and the grapheme
/// clusters (`Character`s) inside one changed paragraph.
public enum SequenceDiff {
    /// One step of an edit script, with indices into the old and new sequences.
    public enum Operation: Sendable, Equatable {
        /// `old[oldIndex] == new[newIndex]`, kept.
        case equal(oldIndex: Int, newIndex: Int)
        /// `old[index]` removed.
        case delete(index: Int)
        /// `new[index]` added.
        case insert(index: Int)
    }

    /// The edit script turning `old` into `new`: deletions before insertions within each changed run.
    public static func operations<T: Equatable>(_ old: [T], _ new: [T]) -> [Operation] {
        // Common prefix and suffix cost nothing and shrink the search.
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
              old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        let a = Array(old[prefix..<(old.count - suffix)])
        let b = Array(new[prefix..<(new.count - suffix)])

        var result: [Operation] = (0..<prefix).map { .equal(oldIndex: $0, newIndex: $0) }
        for operation in middle(a, b) {
            switch operation {
            case .equal(let i, let j): result.append(.equal(oldIndex: i + prefix, newIndex: j + prefix))
            case .delete(let i): result.append(.delete(index: i + prefix))
            case .insert(let j): result.append(.insert(index: j + prefix))
            }
        }
        for offset in 0..<suffix {
            result.append(.equal(oldIndex: old.count - suffix + offset, newIndex: new.count - suffix + offset))
        }
        return groupedDeletionsFirst(result)
    }

    /// Myers' greedy forward search with the trace kept for backtracking.
    private static func middle<T: Equatable>(_ a: [T], _ b: [T]) -> [Operation] {
        let n = a.count, m = b.count
        if n == 0 { return (0..<m).map { .insert(index: $0) } }
        if m == 0 { return (0..<n).map { .delete(index: $0) } }
        let limit = n + m
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int]] = []
        var found = false
        outer: for d in 0...limit {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && v[k - 1 + offset] < v[k + 1 + offset]) {
                    x = v[k + 1 + offset]
                } else {
                    x = v[k - 1 + offset] + 1
                }
                var y = x - k
                while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
                v[k + offset] = x
                if x >= n, y >= m { found = true; break outer }
            }
        }
        precondition(found)
        var operations: [Operation] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let previousK = (k == -d || (k != d && v[k - 1 + offset] < v[k + 1 + offset])) ? k + 1 : k - 1
            let previousX = d == 0 ? 0 : v[previousK + offset]
            let previousY = d == 0 ? 0 : previousX - previousK
            while x > previousX, y > previousY {
                operations.append(.equal(oldIndex: x - 1, newIndex: y - 1))
                x -= 1; y -= 1
            }
            if d > 0 {
                if x == previousX { operations.append(.insert(index: y - 1)) } else { operations.append(.delete(index: x - 1)) }
            }
            x = previousX; y = previousY
        }
        return operations.reversed()
    }

    /// Within each run between equal steps, the deletions first, then the insertions.
    private static func groupedDeletionsFirst(_ operations: [Operation]) -> [Operation] {
        var result: [Operation] = []
        var deletions: [Operation] = []
        var insertions: [Operation] = []
        func flush() {
            result += deletions + insertions
            deletions = []; insertions = []
        }
        for operation in operations {
            switch operation {
            case .equal: flush(); result.append(operation)
            case .delete: deletions.append(operation)
            case .insert: insertions.append(operation)
            }
        }
        flush()
        return result
    }
}
