import CasebookCore
import CasebookStore

/// What `sync`, `resolve`, `init`, `status` and the shell's start share about working through a
/// shared remote: the merge driver's registration, and git's words made safe to print.
extension Session {
    /// Registers casebook's merge driver for the store's clone (idempotent). Returns what changed,
    /// `nil` outside a repository; a failure is said as a warning. `known` is the registration's
    /// state when already read. (The shell's start registers quietly, on its own thread: see `ShellRunner`.)
    @discardableResult
    func registerMergeDriver(known: MergeDriverRegistration.State? = nil) -> MergeDriverRegistration.Changes? {
        do {
            return try MergeDriverRegistration().register(storePath: store.path, known: known)
        } catch {
            switch error {
            case .git(let result): warn(SyncMessage.registrationFailed(words: gitWords(result)))
            case .file(let failure): warn(SyncMessage.registrationFailed(words: TerminalSafeText.make(failure.description)))
            }
            return nil
        }
    }

    /// git's own words from a run (standard error, then output), one safe line each.
    func gitWords(_ result: GitResult) -> String {
        let words = (result.errorOutput + "\n" + result.output)
            .split(whereSeparator: \.isNewline)
            .map { TerminalSafeText.make(String($0)) }
            .filter { !$0.trimmingWhitespace().isEmpty }
        if result.timedOut { return (words + ["(timed out)"]).joined(separator: "\n") }
        return words.isEmpty ? "exit status \(result.status)" : words.joined(separator: "\n")
    }

    /// Whether a person is at the terminal to be asked.
    var canAsk: Bool { inputIsTerminal && outputIsTerminal }
}
