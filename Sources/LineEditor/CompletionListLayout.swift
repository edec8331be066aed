import CasebookCore
/// Lays candidates out in columns, in order down each column, aligned by
/// display width (double-width characters count two columns), like `ls`.
struct CompletionListLayout {
    /// The most candidates listed; more are summarised on a last line.
    static let maximumListed = 300

    /// The lines to print for `candidates` on a terminal `width` columns wide.
    /// Candidates are shown with control characters made visible.
    static func lines(for candidates: [String], width: Int) -> [String] {
        let listed = candidates.prefix(maximumListed).map(TerminalSafeText.make)
        guard !listed.isEmpty else { return [] }
        let widths = listed.map { DisplayWidth.of($0) }
        let gap = 2
        let columnWidth = (widths.max() ?? 0) + gap
        let usable = max(1, width - 1)
        let columns = max(1, min(listed.count, (usable + gap) / columnWidth))
        let rows = (listed.count + columns - 1) / columns
        var lines: [String] = []
        for row in 0..<rows {
            var line = ""
            for column in 0..<columns {
                let index = column * rows + row
                guard index < listed.count else { break }
                line += listed[index]
                let isLastInRow = column == columns - 1 || (column + 1) * rows + row >= listed.count
                if !isLastInRow {
                    line += String(repeating: " ", count: columnWidth - widths[index])
                }
            }
            lines.append(line)
        }
        if candidates.count > maximumListed {
            lines.append("… (+\(candidates.count - maximumListed))")
        }
        return lines
    }

    /// The longest common prefix of `strings`, compared by Characters.
    static func longestCommonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for string in strings.dropFirst() {
            var count = 0
            for (a, b) in zip(prefix, string) {
                guard a == b else { break }
                count += 1
            }
            prefix.removeLast(prefix.count - count)
            if prefix.isEmpty { break }
        }
        return String(prefix)
    }
}
