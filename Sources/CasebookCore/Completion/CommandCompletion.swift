/// What the shell knows that completion draws on; plain data, so completion stays pure.
public struct CompletionVocabulary: Sendable {
    /// Command names.
    public var commands: [String]
    /// Each command's option names (`--form`).
    public var options: [String: [String]]
    /// Values an option takes (`--status` → draft, review, approved).
    public var optionValues: [String: [String]]
    /// The cases: id and title.
    public var cases: [(id: String, title: String)]
    /// The titles in search form, in the order of `cases`.
    public var normalizedTitles: [String]
    /// Whether a case is open (so a first argument may be a field).
    public var hasOpenCase: Bool

    /// Makes a vocabulary.
    public init(commands: [String], options: [String: [String]], optionValues: [String: [String]],
                cases: [(id: String, title: String)], normalizedTitles: [String]? = nil, hasOpenCase: Bool) {
        self.commands = commands
        self.options = options
        self.optionValues = optionValues
        self.cases = cases
        self.normalizedTitles = normalizedTitles ?? cases.map { SearchNormalizer.normalize($0.title) }
        self.hasOpenCase = hasOpenCase
    }
}

/// Completion at the command prompt (SPEC §3.1): commands first, then what each argument
/// position of that command takes — cases by id and title, fields by key and label, options and their values.
public enum CommandCompletion {
    /// What each command takes, by argument position.
    enum Slot { case caseOrField, field, caseOnly, command, value(SheetField?), word([String]) }

    /// The field names `command` takes: `set` takes only fields typed on one line.
    static func fieldNames(for command: String) -> [String] {
        guard command == "set" else { return SheetPart.allNames }
        return SheetField.allCases.filter(\.kind.isOneLine).flatMap { [$0.key, $0.label] }
    }

    /// The formats `export` writes, its first argument.
    public static let exportFormats = ["html", "pdf", "csv", "md"]

    static func slots(for command: String) -> [Slot] {
        switch command {
        case "show", "edit", "revert", "diff": [.caseOrField, .field]
        case "set": [.caseOrField, .field, .value(nil)]
        case "open", "delete", "validate", "review", "approve", "log", "save", "reload": [.caseOnly]
        // rename CASE NEW-ID: the new id is the person's to choose.
        case "rename": [.caseOnly, .word([])]
        case "help": [.command]
        // export FORMAT [CASE…]: any number of cases after the format.
        case "export": [.word(exportFormats)] + Array(repeating: .caseOnly, count: 100)
        default: []
        }
    }

    /// The candidates for `textBeforeCursor` typed at the command prompt.
    public static func complete(_ textBeforeCursor: String, vocabulary: CompletionVocabulary) -> CompletionCandidates {
        let (words, current, replacing, openingQuote) = wordsBeforeCursor(textBeforeCursor)
        guard let command = words.first else {
            return CompletionCandidates(replacing: replacing, candidates: vocabulary.commands.filter { $0.hasPrefix(current) }.sorted())
        }
        if current.hasPrefix("-") {
            let options = (vocabulary.options[command] ?? []) + ["--help"]
            return CompletionCandidates(replacing: replacing, candidates: options.filter { $0.hasPrefix(current) })
        }
        if let previous = words.last, previous.hasPrefix("--"), let values = vocabulary.optionValues[previous] {
            return CompletionCandidates(replacing: replacing, candidates: matching(current, in: values))
        }
        let positional = words.dropFirst().filter { !$0.hasPrefix("-") }
        let slots = slots(for: command)
        guard positional.count < slots.count else { return CompletionCandidates(replacing: replacing, candidates: []) }
        var candidates: [String]
        switch slots[positional.count] {
        case .command:
            candidates = vocabulary.commands.filter { $0.hasPrefix(current) }
        case .caseOnly:
            candidates = caseCandidates(current, vocabulary)
        case .caseOrField:
            candidates = caseCandidates(current, vocabulary)
            if vocabulary.hasOpenCase { candidates += fieldCandidates(current, of: command) }
        case .field:
            candidates = fieldCandidates(current, of: command)
        case .word(let words):
            candidates = words.filter { $0.hasPrefix(current) }
        case .value:
            // `set [CASE] FIELD VALUE`: the field is the last positional that names one.
            let field = positional.reversed().compactMap { SheetPart.named($0) }.first
            if case .field(let f)? = field, case .choice(let choices, _) = f.kind {
                candidates = matching(current, in: choices)
            } else if case .field(.started)? = field {
                candidates = matching(current, in: Era.allCases.map(\.rawValue))
            } else if positional.count == 1, SheetPart.named(positional[0]) == nil {
                candidates = fieldCandidates(current, of: command)
            } else {
                candidates = []
            }
        }
        return CompletionCandidates(replacing: replacing, candidates: unique(candidates).map { quoted($0, as: openingQuote) })
    }

    /// `word` as it goes on the line: inside the quote the person opened it with, closed (a title
    /// that needs no quoting keeps the quote typed before it), else quoted only where it must be.
    static func quoted(_ word: String, as openingQuote: Character?) -> String {
        switch openingQuote {
        case "\""?:
            // Inside double quotes only a backslash and a double quote are taken apart (WordSplitter).
            return "\"" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case "'"? where !word.contains("'"):
            return "'" + word + "'"
        default:
            return WordSplitter.quoted(word)
        }
    }

    /// Case ids starting with the word, then titles containing it (in normal form).
    static func caseCandidates(_ current: String, _ vocabulary: CompletionVocabulary) -> [String] {
        let ids = vocabulary.cases.map(\.id).filter { $0.hasPrefix(current) }
        if current.isEmpty { return ids }
        let needle = SearchNormalizer.normalize(current)
        let titles = vocabulary.cases.map(\.title)
        let normalized = vocabulary.normalizedTitles.count == titles.count ? vocabulary.normalizedTitles : titles.map(SearchNormalizer.normalize)
        let starting = titles.indices.filter { normalized[$0].hasPrefix(needle) }
        let matching = starting.isEmpty ? titles.indices.filter { normalized[$0].contains(needle) } : starting
        return ids + matching.map { titles[$0] }
    }

    /// The field and section keys and labels `command` takes that start with the word.
    static func fieldCandidates(_ current: String, of command: String) -> [String] {
        fieldNames(for: command).filter { $0.hasPrefix(current) }
    }

    /// Values starting with the word, else containing it, compared in normal form.
    public static func matching(_ current: String, in values: [String]) -> [String] {
        if current.isEmpty { return unique(values) }
        let needle = SearchNormalizer.normalize(current)
        let starting = values.filter { SearchNormalizer.normalize($0).hasPrefix(needle) }
        if !starting.isEmpty { return unique(starting) }
        return unique(values.filter { SearchNormalizer.normalize($0).contains(needle) })
    }

    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    /// The complete words before the cursor, the word being typed, its length in scalars as typed,
    /// and the quote it was begun with, if any.
    static func wordsBeforeCursor(_ text: String) -> (words: [String], current: String, replacing: Int, openingQuote: Character?) {
        // The raw last word: from after the last unquoted space to the cursor.
        var rawStart = text.unicodeScalars.startIndex
        var quote: Unicode.Scalar?
        var escaped = false
        var index = text.unicodeScalars.startIndex
        while index < text.unicodeScalars.endIndex {
            let scalar = text.unicodeScalars[index]
            let next = text.unicodeScalars.index(after: index)
            if escaped {
                escaped = false
            } else if let q = quote {
                // Inside double quotes a backslash still escapes (`\"` is a quote in the word).
                if scalar == q { quote = nil } else if q == "\"" && scalar == "\\" { escaped = true }
            } else if scalar == "\\" {
                escaped = true
            } else if scalar == "'" || scalar == "\"" {
                quote = scalar
            } else if scalar == " " || scalar == "\t" || scalar == "\u{3000}" {
                rawStart = next
            }
            index = next
        }
        let rawCurrent = String(text.unicodeScalars[rawStart...])
        let before = String(text.unicodeScalars[..<rawStart])
        let words = (try? WordSplitter.split(before)) ?? before.split(separator: " ").map(String.init)
        var current = rawCurrent
        if let closed = try? WordSplitter.split(rawCurrent + (quote.map { String($0) } ?? "")), let word = closed.first {
            current = word
        }
        let openingQuote = rawCurrent.first.flatMap { $0 == "'" || $0 == "\"" ? $0 : nil }
        return (words, current, rawCurrent.unicodeScalars.count, openingQuote)
    }
}
