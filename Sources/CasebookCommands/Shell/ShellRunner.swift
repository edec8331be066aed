import ArgumentParser
import CasebookCore
import CasebookStore
import Foundation
import LineEditor

/// The interactive shell (SPEC §3): reads lines — with libedit on a terminal, plain lines from a
/// pipe — splits them into words, and runs each through the same command definitions as `casebook CMD`.
enum ShellRunner {
    /// Starts the shell on the store at `storePath` (or CASEBOOK_STORE, or Store/).
    static func run(storePath option: String?) throws {
        let environment = ProcessInfo.processInfo.environment
        let language = Language.from(environment: environment)
        let path = Session.storePath(option: option, environment: environment)
        let output = TextOutput()
        let store: CaseStore
        do {
            store = try CaseStore(path: path)
        } catch {
            output.error(StoreMessage.storeMissing(path: FileSystem.absolutePath(path)).text(in: language))
            throw ExitCode.failure
        }
        let terminal = TerminalLineReader()
        let reader: LineReading = terminal ?? StreamLineReader(fileDescriptor: 0)
        let session = Session(store: store, output: output, environment: environment, reader: reader)
        session.isShell = true
        // git keeps a merge driver out of the repository: each clone learns casebook's here. It runs
        // git, so it runs beside the first prompt rather than before it, and every command waits
        // for it (two git config writes at once would collide).
        let storePath = store.path
        let registration = Background { _ = try? MergeDriverRegistration().register(storePath: storePath) }
        defer { registration.wait() }
        let interactive = terminal != nil
        // What changes in the store from now on, so that a Tab looks at its files again only then
        // (made before the first look, so nothing that happens during it goes unseen).
        let watch = interactive ? DirectoryWatch(path: store.path) : nil
        // On a terminal the banner's counts are found after the first prompt shows (StoreCheck);
        // they are printed above the line when found, or before the output of a command typed sooner.
        let check = interactive ? StoreCheck(store: store, whenFinished: { TerminalLineReader.wake() }) : nil
        if interactive {
            // Ctrl-C never ends the shell (SPEC §3.1). While a line is edited it is a key; between
            // lines (a command running, or keys typed ahead) the terminal sends SIGINT, which
            // stops a long output instead of the process.
            CommandInterruption.installHandler()
        } else {
            session.reportProblems()
        }

        let history = LineHistory(name: "commands")
        let historyPath = interactive ? LineHistory.defaultPath() : nil
        if let historyPath { try? history.load(from: historyPath) }

        var anyFailed = false
        var historyFailing = false
        var vocabularyCache: (generation: Int, openCase: CaseID?, vocabulary: CompletionVocabulary)?
        var prepared: PreparedVocabulary?
        var lastRefresh = FileSystem.nowNanoseconds()
        /// Waits for the check's look at the store (the store is this thread's again after it) and
        /// takes what it found: when it looked, and completion's vocabulary made of it.
        func checkedStore() {
            guard let check else { return }
            lastRefresh = max(lastRefresh, check.waitForStore())
            if prepared == nil && vocabularyCache == nil { prepared = check.preparedVocabulary() }
        }
        /// Completion's vocabulary is built while the prompt waits, when what it knows has changed.
        func prepareVocabulary() {
            let wanted = (generation: session.store.generation, openCase: session.openCase)
            if interactive, vocabularyCache?.generation != wanted.generation || vocabularyCache?.openCase != wanted.openCase,
               prepared?.generation != wanted.generation || prepared?.openCase != wanted.openCase {
                prepared = PreparedVocabulary(generation: session.store.generation, openCase: session.openCase,
                                              summaries: session.store.summaryList)
            }
        }
        /// Prints the banner once the check is done (waiting for it), and starts completion's vocabulary.
        func showCheck() {
            guard let check, !check.isShown else { return }
            // The shell's start counts as a look: a Tab just after the banner does not look again
            // at every file because git took longer than the store.
            lastRefresh = max(lastRefresh, check.show(in: session))
            terminal?.whenWoken = nil
            checkedStore()
            prepareVocabulary()
        }
        terminal?.whenWoken = { showCheck() }
        while !session.wantsToQuit {
            // A check already done is shown before the prompt rather than above it.
            if let check, !check.isShown, check.isFinished { showCheck() }
            if check?.isShown != false { prepareVocabulary() }
            let prompt = session.openCase.map { "casebook:\($0.rawValue)> " } ?? "casebook> "
            // A Ctrl-C from before this prompt is not for the next command; one pressed just after
            // Enter, before the command has started, is (the line editor has let the terminal go).
            CommandInterruption.clear()
            let result = reader.readLine(prompt: prompt, prefill: "", history: history, completer: { text in
                // A Tab before the store's first look at its files waits for it (not for git); the
                // counts come above the line when git is done too.
                checkedStore()
                // Files may change while the prompt waits: look again when the directory says
                // something changed (a look at 100,000 files is far more than a Tab may take), or,
                // where it cannot say, at most once a second.
                if watch?.takeChanges() ?? (FileSystem.nowNanoseconds() - lastRefresh > 1_000_000_000) {
                    session.store.refresh()
                    lastRefresh = FileSystem.nowNanoseconds()
                }
                let generation = session.store.generation
                if vocabularyCache?.generation != generation || vocabularyCache?.openCase != session.openCase {
                    if let ready = prepared, ready.generation == generation, ready.openCase == session.openCase {
                        vocabularyCache = (generation, session.openCase, ready.wait())
                    } else {
                        vocabularyCache = (generation, session.openCase, CompletionVocabularyBuilder.vocabulary(
                            of: session.store.summaryList, hasOpenCase: session.openCase != nil))
                    }
                    prepared = nil
                }
                let reply = CommandCompletion.complete(text, vocabulary: vocabularyCache!.vocabulary)
                return CompletionReply(replacing: reply.replacing, candidates: reply.candidates, appendSpaceWhenUnique: reply.endsWord)
            })
            switch result {
            case .endOfInput:
                session.wantsToQuit = session.mayQuit()
            case .interrupted:
                continue
            case .line(let line):
                if line.trimmingWhitespace().isEmpty { continue }
                if line.contains("\n") {
                    // Pasted lines at the prompt: never run as commands (a paste is not a script).
                    session.warn(EditingMessage.multilineCommandRefused)
                    continue
                }
                if interactive {
                    history.add(line)
                    if let historyPath {
                        // Said once, not after every command; said again if it fails again after working.
                        do {
                            try history.save(to: historyPath)
                            historyFailing = false
                        } catch {
                            if !historyFailing { session.warn(historyMessage(error)) }
                            historyFailing = true
                        }
                    }
                }
                // The command's output comes after the banner, and its git after the check's.
                showCheck()
                registration.wait()
                // Another shell, git or an editor may have changed files since the last command.
                _ = watch?.takeChanges()
                session.store.refresh()
                lastRefresh = FileSystem.nowNanoseconds()
                if !execute(line, in: session) { anyFailed = true }
                // A file that stopped loading, found before or by the command, is named after its output.
                session.reportNewProblems()
                // What the command wrote, the store knows already (its saves keep what it knows
                // current; sync and resolve look again themselves): not a reason for the next Tab to
                // look at every file. What someone else changed meanwhile the next command sees.
                _ = watch?.takeChanges()
            }
        }
        if interactive {
            // Left before the counts were shown (Ctrl-D at once): they come first, as before any
            // command's output, and the check has ended before the process does (it may be writing the index).
            showCheck()
            let uncommitted = session.uncommittedCount()
            if uncommitted > 0 { session.say(ShellMessage.uncommitted(count: uncommitted)) }
            session.say(ShellMessage.bye)
        }
        if anyFailed && !interactive { throw ExitCode.failure }
    }

    /// Runs one typed line; false when it failed.
    @discardableResult
    static func execute(_ line: String, in session: Session) -> Bool {
        let words: [String]
        do {
            words = try WordSplitter.split(line)
        } catch {
            session.warn(ShellMessage.quoteError)
            return false
        }
        guard let first = words.first else { return true }
        if !first.hasPrefix("-"), !CommandList.names.contains(first) {
            let unknown = session.text(ShellMessage.unknownCommand(name: first, commands: CommandList.names))
            session.output.error(LineWrapper.wrap(unknown, width: session.width).joined(separator: "\n"))
            return false
        }
        // The shell keeps the store it started with: `--store` inside it is refused, not ignored.
        if words.dropFirst().contains(where: { $0 == "--store" || $0.hasPrefix("--store=") }) {
            session.warn(EditingMessage.storeOptionInShell(store: session.store.path))
            return false
        }
        session.exitStatus = 0
        session.undoHistory.begin()
        defer { session.undoHistory.end(store: session.store) }
        do {
            let command = try Casebook.parseAsRoot(words)
            if let outcome = ParserOutcome.of(parsed: command, screen: .inShell(session)), let succeeded = show(outcome, in: session) {
                return succeeded
            }
            if let shellCommand = command as? ShellCommand {
                let paged = (command as? any PagedCommand).map { !$0.storeOptions.noPager } ?? false
                // Ctrl-C stops what only prints (a paged command), and only on a terminal.
                let stoppable = command is any PagedCommand && session.inputIsTerminal
                if stoppable { session.output.stopsWhen = { CommandInterruption.wasRequested } }
                defer {
                    if stoppable {
                        session.output.stopsWhen = nil
                        if session.output.resumeAfterInterruption() {
                            // The output stopped anywhere, perhaps inside a line or a colour: the
                            // message goes on a line of its own, in no colour.
                            session.output.raw(session.usesColour ? "\u{1B}[0m\n" : "\n")
                            session.warn(ShellMessage.commandInterrupted)
                            session.exitStatus = 130
                        }
                    }
                }
                try Pager.run(in: session, enabled: paged) { try shellCommand.run(in: session) }
            } else if !(command is Casebook) {
                var command = command
                try command.run()
            }
            return session.exitStatus == 0
        } catch let failure as CommandFailure {
            session.output.error(failure.message)
            // In a script, a walk's remaining value lines must not run as commands.
            if failure.endsScript && !session.inputIsTerminal { session.wantsToQuit = true }
            return false
        } catch {
            if let succeeded = show(ParserOutcome.of(error, screen: .inShell(session)), in: session) { return succeeded }
            if let code = error as? ExitCode { return code.isSuccess }
            session.warn(ShellMessage.commandFailed(reason: String(describing: error)))
            return false
        }
    }
}

extension ShellRunner {
    /// Why the history file could not be saved, in words.
    static func historyMessage(_ error: Error) -> ShellMessage {
        switch error as? LineHistoryError {
        case .symbolicLink(let path)?: .historySymbolicLink(path: path)
        case .notARegularFile(let path)?: .historyNotAFile(path: path)
        case .system(let operation, let path, let code)?: .historyFailed(path: path, reason: "\(operation): \(String(cString: strerror(code)))")
        case nil: .commandFailed(reason: "\(error)")
        }
    }

    /// Prints help or a usage error; whether the line succeeded, or `nil` when `outcome` is neither.
    static func show(_ outcome: ParserOutcome, in session: Session) -> Bool? {
        switch outcome {
        case .help(let text):
            // Help: long, so it goes through the pager on a terminal like the other long outputs.
            try? Pager.run(in: session, enabled: true) { session.output.raw(text) }
            return true
        case .usageError(let text):
            session.output.error(text)
            return false
        case .other:
            return nil
        }
    }
}

/// The long option names of a command, read from its help so they never drift from the definition.
enum ArgumentNames {
    static func longOptions(of type: ParsableCommand.Type) -> [String] {
        let help = type.helpMessage(columns: 200)
        var names: [String] = []
        for word in help.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," || $0 == "[" || $0 == "]" }) {
            if word.hasPrefix("--"), word.count > 2, !names.contains(String(word)), word != "--help" {
                names.append(String(word))
            }
        }
        return names
    }
}
