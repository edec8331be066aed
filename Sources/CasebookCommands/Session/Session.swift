import CasebookCore
import CasebookStore
import ArgumentParser
import Foundation
import LineEditor

/// Everything a command runs with: the store, the open case, where to print, how to ask,
/// the language, the clock. One per shell, or one per `casebook CMD`.
public final class Session {
    /// The store.
    public let store: CaseStore
    /// The case later commands default to (`open`).
    public var openCase: CaseID?
    /// Where commands print.
    public let output: TextOutput
    /// The language of messages.
    public let language: Language
    /// The environment variables, read once.
    public let environment: [String: String]
    /// Whether this is the interactive shell (as opposed to one command from the command line).
    public var isShell = false
    /// Set by a command that should make the process exit non-zero without failing (validate).
    public var exitStatus: Int32 = 0
    /// Whether the shell should leave after this command.
    public var wantsToQuit = false
    /// Edits a refused save kept in memory, by case; saved by `save --force`, dropped by `reload`.
    public var unsavedEdits: [CaseID: CaseSheet] = [:]
    /// The histories of values typed into each field, seeded from the store on first use.
    private var fieldHistories: [String: LineHistory] = [:]
    /// Values used in the store, by field, with the store generation they were read at.
    private var storeValues: [SheetField: (generation: Int, values: [String])] = [:]
    /// Today, for review dates and the era-year range.
    public let now: Date
    /// What this shell changed, for `undo`.
    public let undoHistory = UndoHistory()
    private var reader: LineReading?

    /// A session on `store`.
    public init(store: CaseStore, output: TextOutput = TextOutput(), environment: [String: String] = ProcessInfo.processInfo.environment,
                reader: LineReading? = nil, now: Date = Date()) {
        self.store = store
        self.output = output
        self.environment = environment
        self.language = Language.from(environment: environment)
        self.reader = reader
        self.now = now
        // Every message and line printed on a terminal wraps to its width (issue 13).
        let width = Self.terminalWidth
        if isatty(1) == 1, output.outputWidth == nil { output.outputWidth = { width(1) } }
        if isatty(2) == 1, output.errorWidth == nil { output.errorWidth = { width(2) } }
    }

    /// The width of the terminal on `descriptor` (80 if unknown).
    private static let terminalWidth: @Sendable (Int32) -> Int = { descriptor in
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    /// The store path a command line names: `--store`, else CASEBOOK_STORE, else `Store`.
    public static func storePath(option: String?, environment: [String: String]) -> String {
        if let option, !option.isEmpty { return option }
        if let variable = environment["CASEBOOK_STORE"], !variable.isEmpty { return variable }
        return "Store"
    }

    /// Opens the store for one command from the command line; a missing store is a failure (exit 1).
    public static func forCommandLine(storePath option: String?) throws -> Session {
        let environment = ProcessInfo.processInfo.environment
        let language = Language.from(environment: environment)
        let path = storePath(option: option, environment: environment)
        let output = TextOutput()
        do {
            let store = try CaseStore(path: path)
            return Session(store: store, output: output, environment: environment)
        } catch {
            output.error(Catalogue.text(.storeMissing, language, [FileSystem.absolutePath(path)]))
            throw ExitCode.failure
        }
    }

    /// The message `key` in the session's language.
    public func text(_ key: MessageKey, _ arguments: String...) -> String {
        Catalogue.text(key, language, arguments)
    }

    /// A typed message in the session's language.
    public func text(_ message: some UserMessage) -> String {
        message.text(in: language)
    }

    /// Prints a typed message on standard output.
    public func say(_ message: some UserMessage) {
        output.line(message.text(in: language))
    }

    /// Prints a typed message on standard error.
    public func warn(_ message: some UserMessage) {
        output.error(message.text(in: language))
    }

    /// Prints the files that did not load, each by name with the reason.
    public func reportProblems() {
        for problem in store.problems {
            output.error(text(.storeProblem, problem.fileName, describe(problem.reason)))
        }
    }

    /// The reason a file did not load, in words.
    public func describe(_ reason: StoreProblem.Reason) -> String {
        switch reason {
        case .notUTF8: text(.problemNotUTF8)
        case .badJSON(let error): text(.problemBadJSON, error.description)
        case .wrongTypes(let error): text(.problemWrongTypes, error.description)
        case .conflicted: text(.problemConflicted)
        case .unreadable(let error): text(.problemUnreadable, error.description)
        case .badFileName: text(.problemBadFileName)
        }
    }

    // MARK: Terminal

    /// Whether standard output is a terminal.
    public var outputIsTerminal: Bool { isatty(1) == 1 }

    /// Whether standard input is a terminal.
    public var inputIsTerminal: Bool { isatty(0) == 1 }

    /// Colour only on a terminal, never under NO_COLOR (SPEC §3.5), never on TERM=dumb.
    public var usesColour: Bool {
        outputIsTerminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    /// The width to lay text out in: the terminal's, else COLUMNS, else 80.
    public var width: Int {
        var size = winsize()
        if outputIsTerminal, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return 80
    }

    /// How to ask for a line: libedit on a terminal, plain lines from standard input otherwise.
    public var lineReader: LineReading {
        if let reader { return reader }
        let made: LineReading = TerminalLineReader() ?? StreamLineReader(fileDescriptor: 0)
        reader = made
        return made
    }

    // MARK: Clock

    /// This year, Western.
    public var currentWesternYear: Int {
        Calendar(identifier: .gregorian).component(.year, from: now)
    }

    /// Today as `YYYY-MM-DD`, local time.
    public var today: String {
        let components = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: now)
        return String(format: "%04d-%02d-%02d", components.year!, components.month!, components.day!)
    }

    // MARK: Cases

    /// The case `reference` names, or the open case when it is `nil`; a failure lists candidates.
    public func resolveCase(_ reference: String?) throws -> CaseID {
        guard let reference else {
            guard let openCase, store.cases[openCase] != nil else { throw CommandFailure(text(.noOpenCase)) }
            return openCase
        }
        switch store.resolve(reference) {
        case .found(let id): return id
        case .notFound: throw CommandFailure(text(.caseNotFound, reference))
        case .ambiguous(let ids):
            let lines = ids.map { "  \($0.rawValue)  \(TerminalSafeText.make(store.summary(of: $0)?.title ?? ""))" }
            throw CommandFailure(([text(.caseAmbiguous, reference)] + lines).joined(separator: "\n"))
        }
    }

    /// The sheet of `id` as it stands for editing: a kept unsaved edit, else the stored one.
    public func sheet(_ id: CaseID) -> CaseSheet? {
        unsavedEdits[id] ?? store.cases[id]?.sheet
    }

    /// Saves `sheet` as `id`, keeping the edit in memory when the save is refused.
    ///
    /// Editing an approved case sends it back to review (SPEC §4).
    public func save(_ sheet: CaseSheet, as id: CaseID, force: Bool = false) throws {
        var sheet = sheet
        var sentBack = false
        if let before = store.cases[id]?.sheet, before.status == .approved, sheet.status == .approved,
           SheetCodec.encode(withoutReview(before)) != SheetCodec.encode(withoutReview(sheet)) {
            sheet.status = .review
            sentBack = true
        }
        willChange(id)
        do {
            try store.save(sheet, as: id, force: force)
            unsavedEdits[id] = nil
            if sentBack { say(ShellMessage.backToReview(id: id.rawValue)) }
        } catch {
            unsavedEdits[id] = sheet
            throw CommandFailure(describe(error))
        }
    }

    private func withoutReview(_ sheet: CaseSheet) -> CaseSheet {
        var copy = sheet
        copy.review = [:]
        copy.status = .draft
        return copy
    }

    /// A save error in words.
    public func describe(_ error: SaveError) -> String {
        switch error {
        case .changedOnDisk(let id): text(.changedOnDisk, id.fileName)
        case .readOnly(let id, let schema): text(.readOnlyNewer, id.fileName, String(schema))
        case .alreadyExists(let id): text(.idTaken, id.rawValue)
        case .noSuchCase(let id): text(.caseNotFound, id.rawValue)
        case .system(let error): text(.saveFailed, error.path, error.description)
        }
    }

    /// The field or section `name` names, or a failure listing the names.
    public func part(named name: String) throws -> SheetPart {
        guard let part = SheetPart.named(name) else {
            let candidates = SheetPart.containing(name)
            if candidates.count > 1 { throw CommandFailure(ShellMessage.ambiguousField(name: name, labels: candidates.map(\.label)), in: self) }
            throw CommandFailure(text(.unknownField, name, SheetField.allCases.map(\.key).joined(separator: ", ")))
        }
        return part
    }

    /// The history of values typed into `field` (or a diagram sub-part), seeded with the store's values.
    public func history(for name: String, seed: () -> [String]) -> LineHistory {
        if let history = fieldHistories[name] { return history }
        let history = LineHistory()
        var seen = Set<String>()
        for value in seed() where seen.insert(value).inserted { history.add(value) }
        fieldHistories[name] = history
        return history
    }

    /// Every distinct value of `field` used in the store, in store order (for history and completion).
    ///
    /// The fields people pick from (事業名, 担当課, 協働の相手, 形態, 領域) come from the summaries,
    /// which a large store keeps indexed; other fields need every case decoded, once per session.
    public func valuesInStore(of field: SheetField) -> [String] {
        if let cached = storeValues[field], cached.generation == store.generation { return cached.values }
        var seen = Set<String>()
        var values: [String] = []
        func add(_ value: String) {
            if !value.isEmpty, seen.insert(value).inserted { values.append(value) }
        }
        switch field {
        case .title, .departments, .partners, .form, .domain:
            for (_, summary) in store.orderedSummaries {
                switch field {
                case .title: add(summary.title)
                case .departments: summary.departments.forEach(add)
                case .partners: summary.partners.forEach(add)
                case .form: add(summary.form)
                default: add(summary.domain)
                }
            }
        default:
            for stored in store.orderedCases {
                switch stored.sheet.value(of: field) {
                case .line(let value): add(value)
                case .items(let items): items.forEach(add)
                default: break
                }
            }
        }
        storeValues[field] = (store.generation, values)
        return values
    }

    /// The cases with changes not yet committed (0 outside git).
    public func uncommittedCount() -> Int {
        GitStore(storePath: store.path).changedFileNames().count
    }
}

