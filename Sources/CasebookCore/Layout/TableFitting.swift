/// Fits a table into a terminal's width (issue 13): the columns that may shrink give up display
/// columns, widest first, down to their minimum; their cells are then cut with `…`.
public enum TableFitting {
    /// The width of each column so that `rows` fit in `width` columns with `separatorWidth` between
    /// columns. `minimums[i]` is how narrow column `i` may become, `nil` for a column that keeps its
    /// width. When even the minimums do not fit, the minimums are returned.
    public static func columnWidths(_ rows: [[String]], width: Int, separatorWidth: Int = 2, minimums: [Int?]) -> [Int] {
        let columnCount = minimums.count
        var widths = [Int](repeating: 0, count: columnCount)
        for row in rows {
            for index in 0..<min(columnCount, row.count) {
                widths[index] = max(widths[index], DisplayWidth.of(row[index]))
            }
        }
        let available = width - separatorWidth * max(0, columnCount - 1)
        var excess = widths.reduce(0, +) - available
        while excess > 0 {
            // The shrinkable column with the most room above its minimum gives one column.
            var widest: Int?
            for index in 0..<columnCount {
                guard let minimum = minimums[index], widths[index] > minimum else { continue }
                if widest == nil || widths[index] - minimum > widths[widest!] - minimums[widest!]! { widest = index }
            }
            guard let index = widest else { break }
            widths[index] -= 1
            excess -= 1
        }
        return widths
    }

    /// `rows` with each cell of a shrinkable column cut to its column's width.
    public static func fitted(_ rows: [[String]], widths: [Int], minimums: [Int?]) -> [[String]] {
        rows.map { row in
            row.enumerated().map { index, cell in
                index < minimums.count && minimums[index] != nil ? DisplayWidth.truncated(cell, to: widths[index]) : cell
            }
        }
    }
}

/// The shortest start of each id that no other id begins with: what names a case uniquely when
/// there is no room for the whole id (SPEC §2: a unique prefix of an id names its case).
public enum UniquePrefix {
    /// For each of `ids`, its shortest prefix that is not the start of any other of `ids` (the whole
    /// id when every shorter start is shared), but at least `minimumLength` characters long.
    public static func shortest(_ ids: [String], minimumLength: Int = 1) -> [String: String] {
        let sorted = ids.sorted()
        var result: [String: String] = [:]
        for (index, id) in sorted.enumerated() {
            // Only the neighbours in sorted order share the longest starts with an id.
            var shared = 0
            for neighbour in [index - 1, index + 1] where sorted.indices.contains(neighbour) {
                shared = max(shared, commonPrefixLength(id, sorted[neighbour]))
            }
            result[id] = String(id.prefix(min(id.count, max(shared + 1, minimumLength))))
        }
        return result
    }

    private static func commonPrefixLength(_ a: String, _ b: String) -> Int {
        zip(a, b).prefix { $0 == $1 }.count
    }
}
