import CasebookCore
import CasebookStore
import Foundation

/// Completion's vocabulary, built on another thread from a snapshot of the store while the prompt
/// waits for keys, so that the first Tab in a large store answers at once. A Tab pressed before it
/// is ready waits for it rather than building it a second time.
final class PreparedVocabulary: @unchecked Sendable {
    /// The store generation and open case it was prepared for.
    let generation: Int
    let openCase: CaseID?
    private let condition = NSCondition()
    private var vocabulary: CompletionVocabulary?

    /// Starts building the vocabulary of `summaries` on a new thread.
    init(generation: Int, openCase: CaseID?, summaries: SummaryList) {
        self.generation = generation
        self.openCase = openCase
        let hasOpenCase = openCase != nil
        Thread.detachNewThread { [self] in
            let built = CompletionVocabularyBuilder.vocabulary(of: summaries, hasOpenCase: hasOpenCase)
            condition.lock()
            vocabulary = built
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The vocabulary, once built.
    func wait() -> CompletionVocabulary {
        condition.lock()
        defer { condition.unlock() }
        while vocabulary == nil { condition.wait() }
        return vocabulary!
    }
}

/// What completion knows: the commands, their options, and the cases of one snapshot of the store.
enum CompletionVocabularyBuilder {
    /// The long options of each command, read once from their help.
    static let commandOptions: [String: [String]] = {
        var options: [String: [String]] = [:]
        for type in CommandList.all {
            options[type.configuration.commandName ?? ""] = ArgumentNames.longOptions(of: type)
        }
        return options
    }()

    /// The vocabulary of `summaries`.
    static func vocabulary(of summaries: SummaryList, hasOpenCase: Bool) -> CompletionVocabulary {
        CompletionVocabulary(
            commands: CommandList.names,
            options: commandOptions,
            optionValues: [
                "--status": SheetStatus.allCases.map(\.rawValue),
                "--form": SheetField.knownForms,
                "--domain": SheetField.domains,
                "--department": summaries.departments,
            ],
            cases: zip(summaries.ids, summaries.titles).map { ($0.rawValue, $1) },
            normalizedTitles: summaries.normalizedTitles,
            hasOpenCase: hasOpenCase)
    }
}
