import ArgumentParser
import CasebookCore
import CasebookStore

/// `new [id]`: drafts a new case through a guided walk of every field.
struct NewCommand: StoreCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "new",
            abstract: Help.text("Draft a new case: a guided walk through every field.", "新しい事例を作成します（全項目を順に入力）。"),
            discussion: Help.text("The case is saved as a draft as soon as its title is given. Example: new chiiki-bosai",
                                  "事業名を入力した時点で下書きとして保存されます。例: new chiiki-bosai"))
    }

    @Argument(help: ArgumentHelp(Help.text("The id (lower-case a-z, 0-9, hyphens); a random one when left out.",
                                           "ID（小文字 a-z、0-9、ハイフン）。省略すると自動で決めます"), valueName: "id"))
    var id: String?

    @OptionGroup var storeOptions: StoreOptions

    func run(in session: Session) throws {
        let walk: GuidedWalk
        if let id {
            guard let valid = CaseID(id) else { throw CommandFailure(StoreMessage.badID(typed: id), in: session) }
            guard !Self.isTaken(valid, in: session) else {
                throw CommandFailure(StoreMessage.idTaken(id: valid), in: session)
            }
            walk = GuidedWalk(session: session) { title in
                Self.warnIfDuplicate(title, in: session)
                return valid
            }
        } else {
            walk = GuidedWalk(session: session) { title in Self.chooseID(for: title, in: session) }
        }
        let outcome = try walk.run()
        guard let created = walk.id else {
            session.say(StoreMessage.cancelled)
            return
        }
        if session.isShell { session.openCase = created }
        WalkReport.report(outcome, id: created, in: session)
    }
}

extension NewCommand {
    static func isTaken(_ id: CaseID, in session: Session) -> Bool {
        session.store.cases[id] != nil || FileSystem.exists(session.store.filePath(of: id))
    }

    /// The id of a new case titled `title`: one romanised from the title (unique in the store), put
    /// on the line to accept or edit on a terminal; taken as it is from a pipe. A title another case
    /// already has is warned about.
    /// Warns when other cases already have the title `title`.
    static func warnIfDuplicate(_ title: String, in session: Session) {
        let same = session.store.orderedSummaries.filter { $0.summary.title == title }.map(\.id.rawValue)
        if !same.isEmpty { session.warn(EditingMessage.duplicateTitle(title: title, ids: same)) }
    }

    static func chooseID(for title: String, in session: Session) -> CaseID? {
        warnIfDuplicate(title, in: session)
        var proposal = TitleReading.proposedID(for: title, in: session.store, environment: session.environment)
        if proposal == nil {
            // No reading (kakasi missing, or a title of symbols): a random id, as before.
            var generator = SystemRandomNumberGenerator()
            var candidate = CaseID.random(using: &generator)
            while isTaken(candidate, in: session) { candidate = CaseID.random(using: &generator) }
            proposal = candidate
        }
        guard session.inputIsTerminal, let proposed = proposal else { return proposal! }
        session.say(EditingMessage.idProposed)
        var typed = proposed.rawValue
        while true {
            switch session.lineReader.readLine(prompt: "ID> ", prefill: typed, history: nil, completer: nil) {
            case .line(let line): typed = line.trimmingWhitespace()
            case .interrupted: return nil   // Ctrl-C: no case is made
            case .endOfInput: return proposed
            }
            if typed.isEmpty { return proposed }
            guard let id = CaseID(typed) else {
                session.warn(StoreMessage.badID(typed: typed))
                continue
            }
            if isTaken(id, in: session) {
                session.warn(StoreMessage.idTaken(id: id))
                continue
            }
            return id
        }
    }
}

/// What a walk says when it ends.
enum WalkReport {
    static func report(_ outcome: GuidedWalk.Outcome, id: CaseID, in session: Session) {
        switch outcome {
        case .finished: session.say(WalkMessage.done(id: id))
        case .stopped: session.say(WalkMessage.stopped(id: id))
        case .interrupted: session.say(WalkMessage.interrupted(id: id))
        }
    }
}
