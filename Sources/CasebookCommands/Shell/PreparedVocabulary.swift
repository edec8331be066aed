import CasebookCore
import CasebookStore

/// Completion's vocabulary, built on another thread from a snapshot of the store while the prompt
/// waits for keys, so that the first Tab in a large store answers at once. A Tab pressed before it
/// is ready waits for it rather than building it a second time.
final class PreparedVocabulary {
    /// The store generation and open case it was prepared for.
    let generation: Int
    let openCase: CaseID?
    private let vocabulary: Background<CompletionVocabulary>

    /// Starts building the vocabulary of `summaries` on another thread.
    convenience init(generation: Int, openCase: CaseID?, summaries: SummaryList) {
        let hasOpenCase = openCase != nil
        self.init(generation: generation, openCase: openCase,
                  building: Background { CompletionVocabularyBuilder.vocabulary(of: summaries, hasOpenCase: hasOpenCase) })
    }

    /// The vocabulary `building` works out (the store check's, begun on its own thread).
    init(generation: Int, openCase: CaseID?, building: Background<CompletionVocabulary>) {
        self.generation = generation
        self.openCase = openCase
        vocabulary = building
    }

    /// The vocabulary, once built.
    func wait() -> CompletionVocabulary { vocabulary.wait() }
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
                // The keys and the Japanese names, which list takes too (`--status 下書き`).
                "--status": SheetStatus.allCases.map(\.rawValue) + SheetStatus.allCases.compactMap { SheetStatus.japaneseNames[$0]?.first },
                "--form": SheetField.knownForms,
                "--domain": SheetField.domains,
                "--department": summaries.departments,
                "--encoding": ["utf-8", "cp932"],
            ],
            cases: zip(summaries.ids, summaries.titles).map { ($0.rawValue, $1) },
            normalizedTitles: summaries.normalizedTitles,
            hasOpenCase: hasOpenCase)
    }
}
