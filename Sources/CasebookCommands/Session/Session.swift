import CasebookCore
import CasebookStore
import ArgumentParser
import Foundation
import LineEditor

/// What a command runs with, made of parts that each have one job: the `workspace` (the store,
/// the open case, kept edits, saving), the `terminal` (output, input, width, colour), the `fields`
/// memory (histories and values used), the `clock`, and the language messages are shown in.
/// One per shell, or one per `casebook CMD`; tests make one in process with their own output and reader.
public final class Session {
    /// The cases being worked on.
    public let workspace: Workspace
    /// Where commands print and how they ask.
    public let terminal: Terminal
    /// Field histories and the values the store uses.
    public let fields: FieldMemory
    /// The session's now.
    public let clock: SessionClock
    /// The language of messages.
    public let language: Language
    /// Whether this is the interactive shell (as opposed to one command from the command line).
    public var isShell = false
    /// Set by a command that should make the process exit non-zero without failing (validate).
    public var exitStatus: Int32 = 0
    /// Whether the shell should leave after this command.
    public var wantsToQuit = false
    /// What this shell changed, for `undo`.
    public let undoHistory = UndoHistory()
    /// The files that did not load as they were last named, so that the shell names a file once
    /// when it stops loading, not after every command.
    private var namedProblems: [StoreProblem] = []

    /// A session on `store`.
    public init(store: CaseStore, output: TextOutput = TextOutput(), environment: [String: String] = ProcessInfo.processInfo.environment,
                reader: LineReading? = nil, now: Date = Date()) {
        workspace = Workspace(store: store)
        terminal = Terminal(output: output, environment: environment, reader: reader)
        fields = FieldMemory(store: store)
        clock = SessionClock(now: now)
        language = Language.from(environment: environment)
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

    /// A session for tests in process: output captured, lines read from `reader`, as on a pipe.
    public init(store: CaseStore, output: TextOutput, environment: [String: String], reader: LineReading, now: Date,
                terminalAtBothEnds: Bool) {
        workspace = Workspace(store: store)
        terminal = Terminal(output: output, environment: environment, reader: reader,
                            outputIsTerminal: terminalAtBothEnds, inputIsTerminal: terminalAtBothEnds)
        fields = FieldMemory(store: store)
        clock = SessionClock(now: now)
        language = Language.from(environment: environment)
    }

    // MARK: The parts' most used members, for brevity at the commands

    /// The store.
    public var store: CaseStore { workspace.store }
    /// The case later commands default to.
    public var openCase: CaseID? {
        get { workspace.openCase }
        set { workspace.openCase = newValue }
    }
    /// Edits kept in memory after a refused save.
    public var unsavedEdits: [CaseID: CaseSheet] {
        get { workspace.unsavedEdits }
        set { workspace.unsavedEdits = newValue }
    }
    /// Where commands print.
    public var output: TextOutput { terminal.output }
    /// The environment variables, read once.
    public var environment: [String: String] { terminal.environment }
    /// Today, for review dates and the era-year range.
    public var now: Date { clock.now }
    /// Whether standard output is a terminal.
    public var outputIsTerminal: Bool { terminal.outputIsTerminal }
    /// Whether standard input is a terminal.
    public var inputIsTerminal: Bool { terminal.inputIsTerminal }
    /// Colour only on a terminal.
    public var usesColour: Bool { terminal.usesColour }
    /// The width to lay text out in.
    public var width: Int { terminal.width }
    /// How to ask for a line.
    public var lineReader: LineReading { terminal.lineReader }
    /// This year, Western.
    public var currentWesternYear: Int { clock.currentWesternYear }
    /// Today as `YYYY-MM-DD`.
    public var today: String { clock.today }

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
            output.error(StoreMessage.storeMissing(path: FileSystem.absolutePath(path)).text(in: language))
            throw ExitCode.failure
        }
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
        namedProblems = []
        reportNewProblems()
    }

    /// Prints the files that did not load and were not named when last said (the shell, after
    /// each command: a file broken, or taken by a conflict, while it runs; or a case an export
    /// found it could not read, and left out). A file that loads again and breaks again is named again.
    public func reportNewProblems() {
        let problems = store.problems
        for problem in problems where !namedProblems.contains(problem) {
            warn(StoreMessage.problem(fileName: problem.fileName, reason: message(for: problem.reason)))
        }
        namedProblems = problems
    }

    /// The reason a file did not load, in words.
    public func describe(_ reason: StoreProblem.Reason) -> String {
        text(message(for: reason))
    }

    /// The reason a file did not load, as a message.
    public func message(for reason: StoreProblem.Reason) -> FileProblemMessage {
        switch reason {
        case .notUTF8: .notUTF8
        case .badJSON(let error): .badJSON(error)
        case .wrongTypes(let error): .wrongTypes(error)
        case .conflicted: .conflicted
        case .unreadable(let error): .unreadable(reason: error.description)
        case .badFileName: .badFileName
        case .notARegularFile(let kind): .notARegularFile(kind)
        }
    }

    // MARK: Cases

    /// The case `reference` names, or the open case when it is `nil`; a failure lists candidates.
    public func resolveCase(_ reference: String?) throws -> CaseID {
        guard let reference else {
            guard let openCase, store.cases[openCase] != nil else { throw CommandFailure(StoreMessage.noOpenCase, in: self) }
            return openCase
        }
        switch store.resolve(reference) {
        case .found(let id):
            // A case named exactly whose file does not load: say which file and why, not "no case".
            if unsavedEdits[id] == nil, let problem = store.problem(of: id) {
                throw CommandFailure(FileProblemMessage.caseUnreadable(fileName: problem.fileName, reason: describe(problem.reason)), in: self)
            }
            return id
        case .notFound:
            // A case whose file is gone but whose edit is kept (its save refused because the file
            // was deleted meanwhile), named by its id: `save --force` writes it, `reload` drops it.
            if let id = CaseID(reference), unsavedEdits[id] != nil { return id }
            throw CommandFailure(StoreMessage.caseNotFound(reference: reference), in: self)
        case .ambiguous(let ids):
            let candidates = ids.map { (id: $0, title: store.summary(of: $0)?.title ?? "") }
            throw CommandFailure(StoreMessage.caseAmbiguous(reference: reference, candidates: candidates), in: self)
        }
    }

    /// The sheet of `id` as it stands for editing: a kept unsaved edit, else the stored one.
    public func sheet(_ id: CaseID) -> CaseSheet? {
        workspace.sheet(id)
    }

    /// The field or section `name` names, or a failure listing the names.
    public func part(named name: String) throws -> SheetPart {
        guard let part = SheetPart.named(name) else {
            let candidates = SheetPart.containing(name)
            if candidates.count > 1 { throw CommandFailure(EditingMessage.ambiguousField(name: name, labels: candidates.map(\.label)), in: self) }
            throw CommandFailure(FieldMessage.unknownField(name: name, fields: SheetField.allCases.map(\.key)), in: self)
        }
        return part
    }

    /// The history of values typed into `field` (see `FieldMemory`).
    public func history(for name: String, seed: () -> [String]) -> LineHistory {
        fields.history(for: name, seed: seed)
    }

    /// Every distinct value of `field` used in the store (see `FieldMemory`).
    public func valuesInStore(of field: SheetField) -> [String] {
        fields.valuesInStore(of: field)
    }

    /// The cases with changes not yet committed (0 outside git).
    public func uncommittedCount() -> Int {
        GitStore(storePath: store.path).changedFileNames().count
    }
}

