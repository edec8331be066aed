/// Columns aligned by display width, so Japanese and Latin text line up in a terminal.
public enum TableLayout {
    /// The rows with each column padded to its widest cell (the last column is not padded).
    public static func render(_ rows: [[String]], separator: String = "  ") -> [String] {
        var lines: [String] = []
        lines.reserveCapacity(rows.count)
        layOut(rows, separator: separator) { lines.append(String(decoding: $0, as: UTF8.self)) }
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
        layOut(rows, cellWidths: cellWidths, separator: separator) { line in
            text.append(contentsOf: line)
            text.append(UInt8(ascii: "\n"))
        }
        return text
    }

    /// Hands each laid-out line, as UTF-8, to `emit`.
    private static func layOut(_ rows: [[String]], separator: String, emit: (ArraySlice<UInt8>) -> Void) {
        layOut(rows, cellWidths: rows.map { $0.map(DisplayWidth.of) }, separator: separator, emit: emit)
    }

    private static func layOut(_ rows: [[String]], cellWidths rowWidths: [[Int]], separator: String, emit: (ArraySlice<UInt8>) -> Void) {
        guard let columnCount = rows.map(\.count).max() else { return }
        var widths = [Int](repeating: 0, count: columnCount)
        var cellWidths: [Int] = []
        cellWidths.reserveCapacity(rows.count * columnCount)
        for row in rowWidths {
            for index in 0..<columnCount {
                let width = index < row.count ? row[index] : 0
                widths[index] = max(widths[index], width)
                cellWidths.append(width)
            }
        }
        let separatorWidth = separator.count
        var line: [UInt8] = []
        for (rowNumber, row) in rows.enumerated() {
            line.removeAll(keepingCapacity: true)
            var pendingSpaces = 0
            for (index, cell) in row.enumerated() {
                if !cell.isEmpty {
                    if pendingSpaces > 0 { line.append(contentsOf: repeatElement(UInt8(ascii: " "), count: pendingSpaces)) }
                    pendingSpaces = 0
                    line.append(contentsOf: cell.utf8)
                }
                if index < row.count - 1 {
                    pendingSpaces += widths[index] - cellWidths[rowNumber * columnCount + index] + separatorWidth
                }
            }
            emit(line[...])
        }
    }
}
