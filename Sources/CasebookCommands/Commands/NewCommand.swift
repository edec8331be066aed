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
        let newID: CaseID
        if let id {
            guard let valid = CaseID(id) else { throw CommandFailure(StoreMessage.badID(typed: id), in: session) }
            guard session.store.cases[valid] == nil, !FileSystem.exists(session.store.filePath(of: valid)) else {
                throw CommandFailure(StoreMessage.idTaken(id: valid), in: session)
            }
            newID = valid
        } else {
            var generator = SystemRandomNumberGenerator()
            var candidate = CaseID.random(using: &generator)
            while FileSystem.exists(session.store.filePath(of: candidate)) { candidate = CaseID.random(using: &generator) }
            newID = candidate
        }
        let walk = GuidedWalk(session: session, creating: newID)
        let outcome = try walk.run()
        guard let created = walk.id else {
            session.say(StoreMessage.cancelled)
            return
        }
        if session.isShell { session.openCase = created }
        WalkReport.report(outcome, id: created, in: session)
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
