/// Columns aligned by display width, so Japanese and Latin text line up in a terminal.
public enum TableLayout {
    /// The rows with each column padded to its widest cell (the last column is not padded).
    public static func render(_ rows: [[String]], separator: String = "  ") -> [String] {
        var lines: [String] = []
        lines.reserveCapacity(rows.count)
        var line: [UInt8] = []
        layOut(rows, cellWidths: rows.map { $0.map(DisplayWidth.of) }, separator: separator,
               append: { line.append(contentsOf: $0) },
               endLine: {
                   lines.append(String(decoding: line, as: UTF8.self))
                   line.removeAll(keepingCapacity: true)
               })
        return lines
    }

    /// The same rows as one UTF-8 text, each line ended by a newline: what a table of thousands
    /// of rows is printed as, built in one buffer rather than a string per line.
    public static func renderUTF8(_ rows: [[String]], separator: String = "  ") -> [UInt8] {
        renderUTF8(rows, cellWidths: rows.map { $0.map(DisplayWidth.of) }, separator: separator)
    }

    /// `renderUTF8(_:separator:)` of rows whose cells' display widths are already known
    /// (`cellWidths[row][column]`): `list` measures 60,000 cells on every core as it makes them.
    public static func renderUTF8(_ rows: [[String]], cellWidths: [[Int]], separator: String = "  ") -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(rows.reduce(0) { $0 + $1.reduce(8) { $0 + $1.utf8.count + 4 } })
        layOut(rows, cellWidths: cellWidths, separator: separator,
               append: { text.append(contentsOf: $0) }, endLine: { text.append(UInt8(ascii: "\n")) })
        return text
    }

    /// Hands each line's bytes to `append` (cells and the spaces between them, as UTF-8), each
    /// line's end to `endLine`.
    private static func layOut(_ rows: [[String]], cellWidths: [[Int]], separator: String,
                               append: (UnsafeBufferPointer<UInt8>) -> Void, endLine: () -> Void) {
        guard let columnCount = rows.map(\.count).max() else { return }
        var widths = [Int](repeating: 0, count: columnCount)
        for row in cellWidths {
            for (index, width) in row.enumerated() { widths[index] = max(widths[index], width) }
        }
        let separatorWidth = separator.count
        // Enough for the widest run of padding: every column's, when a row's cells are all empty.
        let spaces = [UInt8](repeating: UInt8(ascii: " "), count: widths.reduce(0, +) + separatorWidth * columnCount)
        spaces.withUnsafeBufferPointer { spaces in
            for (row, rowWidths) in zip(rows, cellWidths) {
                var pendingSpaces = 0
                for (index, cell) in row.enumerated() {
                    if !cell.isEmpty {
                        if pendingSpaces > 0 { append(UnsafeBufferPointer(rebasing: spaces[..<pendingSpaces])) }
                        pendingSpaces = 0
                        var cell = cell
                        cell.withUTF8(append)
                    }
                    if index < row.count - 1 {
                        pendingSpaces += widths[index] - rowWidths[index] + separatorWidth
                    }
                }
                endLine()
            }
        }
    }
}
