import CasebookCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The state of an incremental history search (Ctrl-R) in a ``TerminalLineReader``.
///
/// libedit's own `em-inc-search-prev` looks wide characters up in an 8-bit key
/// map and so stops at the first Japanese character typed; this search reads
/// the keys itself while it runs and matches whole Characters.
struct HistorySearch {
    /// The line and cursor (in wide characters) before the search began, for Ctrl-G.
    var originalLine: [wchar_t]
    var originalCursor: Int
    /// The entries searched, oldest first.
    var entries: [String]
    /// What has been typed to search for.
    var pattern = ""
    /// The index in ``entries`` of the entry shown, if any.
    var matchIndex: Int?
    /// Whether the last search found nothing.
    var failed = false
    /// Whether the search goes towards older entries.
    var backward = true

    /// The entry shown and the cursor (in Unicode scalars) at the match.
    var shown: (text: String, cursor: Int)? {
        guard let matchIndex else { return nil }
        let entry = entries[matchIndex]
        guard !pattern.isEmpty, let range = entry.firstRange(of: pattern) else {
            return (entry, entry.unicodeScalars.count)
        }
        return (entry, entry.unicodeScalars.distance(from: entry.unicodeScalars.startIndex, to: range.lowerBound))
    }

    /// The prompt shown while searching.
    var prompt: String {
        "(\(failed ? "failed " : "")\(backward ? "reverse-" : "")i-search)`\(TerminalSafeText.make(pattern))': "
    }

    /// Searches again for the pattern, starting at `start` (inclusive) in the current direction.
    mutating func search(from start: Int) {
        var index = start
        while index >= 0 && index < entries.count {
            if pattern.isEmpty || entries[index].firstRange(of: pattern) != nil {
                matchIndex = index
                failed = false
                return
            }
            index += backward ? -1 : 1
        }
        failed = true
    }

    /// Adds a typed character to the pattern and searches from the entry shown.
    mutating func type(_ scalar: Unicode.Scalar) {
        pattern.unicodeScalars.append(scalar)
        search(from: matchIndex ?? (backward ? entries.count - 1 : 0))
    }

    /// Removes the last character of the pattern and searches again from the newest entry.
    mutating func erase() {
        guard !pattern.isEmpty else { return }
        pattern.removeLast()
        backward = true
        matchIndex = nil
        search(from: entries.count - 1)
    }

    /// Moves to the next match in `backward` direction (Ctrl-R: older, Ctrl-S: newer).
    mutating func next(backward: Bool) {
        self.backward = backward
        guard let matchIndex else {
            search(from: backward ? entries.count - 1 : 0)
            return
        }
        let previous = self.matchIndex
        search(from: matchIndex + (backward ? -1 : 1))
        if failed { self.matchIndex = previous }
    }
}
