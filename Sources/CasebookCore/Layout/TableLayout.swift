/// Columns aligned by display width, so Japanese and Latin text line up in a terminal.
public enum TableLayout {
    /// The rows with each column padded to its widest cell (the last column is not padded).
    public static func render(_ rows: [[String]], separator: String = "  ") -> [String] {
        guard let columnCount = rows.map(\.count).max() else { return [] }
        var widths = [Int](repeating: 0, count: columnCount)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], DisplayWidth.of(cell)) }
        }
        return rows.map { row in
            var line = ""
            for (index, cell) in row.enumerated() {
                line += index == row.count - 1 ? cell : DisplayWidth.padded(cell, to: widths[index]) + separator
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
