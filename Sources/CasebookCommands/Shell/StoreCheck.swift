import CasebookCore
import CasebookStore
import LineEditor

/// What the shell's banner says of its store — how many cases it holds, how many have changes not
/// yet committed, which files did not load — found on other threads while the first prompt already
/// waits for keys (issue 14). At 100,000 cases the store's look at every file and `git status`
/// take some hundreds of milliseconds; the prompt comes within 100, and the counts are printed,
/// never guessed, once they are known: above the line being typed (`TerminalLineReader.wake`), or
/// before the output of a command typed sooner.
///
/// The store belongs to the check until ``waitForStore()`` returns: the shell touches it only after.
final class StoreCheck {
    /// What the store's look at its files found.
    private struct Scan: Sendable {
        let cases: Int
        /// When the look ended (`FileSystem.nowNanoseconds`).
        let endedAt: Int64
        let generation: Int
        let summaries: SummaryList
    }

    private let scan: Background<Scan>
    private let vocabulary: Background<CompletionVocabulary>
    private let uncommitted: Background<Int>
    /// When the look, git and the vocabulary were all done (`FileSystem.nowNanoseconds`).
    private let finished: Background<Int64>
    /// Whether the banner has been printed (on the shell's thread).
    private(set) var isShown = false

    /// Starts looking at `store`, asking git and building completion's vocabulary; `whenFinished` is
    /// called on another thread once all three are done.
    init(store: CaseStore, whenFinished: @escaping @Sendable () -> Void) {
        // Handed to the scan's thread: the shell does not touch the store until `waitForStore`.
        nonisolated(unsafe) let store = store
        let path = store.path
        let scan = Background {
            store.refresh()
            return Scan(cases: store.count, endedAt: FileSystem.nowNanoseconds(), generation: store.generation,
                        summaries: store.summaryList)
        }
        self.scan = scan
        // Completion's vocabulary is built while git still looks, so that the first Tab answers at once.
        let vocabulary = Background { CompletionVocabularyBuilder.vocabulary(of: scan.wait().summaries, hasOpenCase: false) }
        self.vocabulary = vocabulary
        uncommitted = Background { GitStore(storePath: path).changedFileNames().count }
        // The banner says the shell has finished starting, completion included: at 100,000 cases
        // the vocabulary takes some 150 ms after the look at the files, and a Tab typed just after
        // a banner that did not wait for it waited for it instead.
        finished = Background { [uncommitted] in
            _ = scan.wait()
            _ = uncommitted.wait()
            _ = vocabulary.wait()
            let now = FileSystem.nowNanoseconds()
            whenFinished()
            return now
        }
    }

    /// Whether the counts are known and completion is ready; never waits.
    var isFinished: Bool { finished.isReady }

    /// Waits until the store has looked at its files: the store is the caller's again. Returns
    /// when the look ended (`FileSystem.nowNanoseconds`).
    @discardableResult
    func waitForStore() -> Int64 {
        scan.wait().endedAt
    }

    /// Completion's vocabulary of the store as the check found it (no case open yet), built on
    /// another thread; ask once ``waitForStore()`` has returned.
    func preparedVocabulary() -> PreparedVocabulary {
        PreparedVocabulary(generation: scan.wait().generation, openCase: nil, building: vocabulary)
    }

    /// Waits for the counts and completion; then, the first time, prints the banner and the files that did not
    /// load. Returns when the check ended.
    @discardableResult
    func show(in session: Session) -> Int64 {
        let ended = finished.wait()
        guard !isShown else { return ended }
        isShown = true
        session.say(ShellMessage.banner(path: session.store.path, cases: scan.wait().cases, uncommitted: uncommitted.wait()))
        session.reportProblems()
        return ended
    }
}
