import CasebookCore
import CasebookExport
import CasebookStore

#if canImport(Glibc)
import Glibc
#endif

/// The progress of an export on a terminal: `Exporting 12/27 cases (44%)`, rewritten in place on
/// one line of standard error, and erased when done. Nothing at all when standard error is not a
/// terminal (a pipe, a file, a test): the line is for a person watching.
final class ExportProgress {
    private let session: Session
    private let total: Int
    private let onTerminal: Bool
    private var shownPercent = -1
    private var shown = false

    init(session: Session, total: Int) {
        self.session = session
        self.total = total
        onTerminal = isatty(2) == 1
    }

    /// `transform` of every case, on every core, in batches with the progress shown after each.
    func render<T: Sendable>(_ cases: [ExportedCase], _ transform: @escaping @Sendable (ExportedCase) -> T) -> [T] {
        var results: [T] = []
        results.reserveCapacity(cases.count)
        // About fifty steps: the line moves, and the batches are large enough to use both cores.
        let batch = max(1, cases.count / 50)
        var start = 0
        while start < cases.count {
            let end = min(start + batch, cases.count)
            // Indexed from the whole array rather than a copy of the batch: a copy of a case
            // retains each of its sheet's strings and arrays, and releases them again after.
            let first = start
            results.append(contentsOf: Parallel.map(end - start) { transform(cases[first + $0]) })
            start = end
            show(done: end)
        }
        return results
    }

    /// Shows `message` on the progress line (printing, after the cases are rendered).
    func show(_ message: some UserMessage) {
        guard onTerminal else { return }
        write("\r\u{1B}[K" + TerminalSafeText.make(session.text(message)))
        shown = true
    }

    /// Erases the progress line.
    func finish() {
        guard onTerminal, shown else { return }
        write("\r\u{1B}[K")
        shown = false
    }

    private func show(done: Int) {
        guard onTerminal else { return }
        let percent = total == 0 ? 100 : done * 100 / total
        guard percent != shownPercent else { return }
        shownPercent = percent
        show(ExportMessage.progress(done: done, total: total))
    }

    private func write(_ text: String) {
        try? SystemCall.writeAll(2, text)
    }
}
