/// Columns aligned by display width, so Japanese and Latin text line up in a terminal.
public enum TableLayout {
    /// The rows with each column padded to its widest cell (the last column is not padded).
    public static func render(_ rows: [[String]], separator: String = "  ") -> [String] {
        guard let columnCount = rows.map(\.count).max() else { return [] }
        var widths = [Int](repeating: 0, count: columnCount)
        var cellWidths: [[Int]] = []
        cellWidths.reserveCapacity(rows.count)
        for row in rows {
            let rowWidths = row.map { DisplayWidth.of($0) }
            for (index, width) in rowWidths.enumerated() { widths[index] = max(widths[index], width) }
            cellWidths.append(rowWidths)
        }
        return zip(rows, cellWidths).map { row, rowWidths in
            var line = ""
            line.reserveCapacity(widths.reduce(0, +) + separator.utf8.count * row.count)
            var pendingSpaces = 0
            for (index, cell) in row.enumerated() {
                if !cell.isEmpty {
                    for _ in 0..<pendingSpaces { line.append(" ") }
                    pendingSpaces = 0
                    line.append(cell)
                }
                if index < row.count - 1 {
                    pendingSpaces += widths[index] - rowWidths[index] + separator.count
                }
            }
            return line
        }
    }
}
