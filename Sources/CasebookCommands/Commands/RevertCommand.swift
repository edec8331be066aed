import ArgumentParser
import CasebookCore
import CasebookStore

/// `revert CASE [FIELD or SECTION]`: puts the case, or one field or section of it, back as it was
/// at the last commit, after a confirmation; the other fields stay as they are.
struct RevertCommand: StoreCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "revert",
            abstract: Help.text("Put a case, or one field of it, back as it was at the last commit (asks first).",
                                "事例、またはその項目を、前回のコミットの状態に戻します（確認あり）。"),
            discussion: Help.text("A case added since the last commit is deleted; one deleted since is restored. Examples: revert shigen-shudan-kaishu; revert 資源 results; --yes skips the question in scripts.",
                                  "前回のコミット以降に追加された事例は削除、削除された事例は復元します。例: revert shigen-shudan-kaishu、revert 資源 results。--yes で確認を省略（スクリプト用）"))
    }

    @Argument(help: ArgumentHelp(Help.text("The case.", "事例"), valueName: "case"))
    var reference: String

    @Argument(help: ArgumentHelp(Help.text("A field or section; the whole case when left out.", "項目またはセクション（省略すると事例全体）"), valueName: "field"))
    var field: String?

    @Flag(name: .customLong("yes"), help: ArgumentHelp(Help.text("Do not ask.", "確認しない")))
    var yes = false

    @OptionGroup var storeOptions: StoreOptions

    func run(in session: Session) throws {
        let git = try session.repository()
        let part = try field.map { try session.part(named: $0) }
        let id: CaseID
        do {
            id = try session.resolveCase(reference)
        } catch {
            // A case deleted since the last commit is named by its id.
            guard let named = CaseID(reference), git.committedBytes(of: named.fileName) != nil else { throw error }
            id = named
        }
        if let problem = session.store.problems.first(where: { $0.fileName == id.fileName }) {
            throw CommandFailure(GitMessage.revertUnreadable(name: id.fileName, reason: session.message(for: problem.reason).rendered(in: session.language)), in: session)
        }
        if let stored = session.store.cases[id], stored.isReadOnly {
            throw CommandFailure(StoreMessage.readOnlyNewer(fileName: id.fileName, schema: stored.schemaVersion), in: session)
        }
        let committedBytes = git.committedBytes(of: id.fileName)
        var committed: CaseSheet?
        if let committedBytes {
            switch CaseStore.decodeCommitted(committedBytes, id: id) {
            case .success(let sheet): committed = sheet
            case .failure(let problem):
                throw CommandFailure(GitMessage.revertUnreadable(name: "HEAD:" + id.fileName, reason: session.message(for: problem.reason).rendered(in: session.language)), in: session)
            }
        }
        let current = session.store.cases[id]
        let title = session.shownTitle(session.sheet(id)?.title ?? committed?.title ?? "")

        if let part {
            guard let committed else { throw CommandFailure(GitMessage.revertNotCommitted(id: id), in: session) }
            guard var sheet = session.sheet(id) else { throw CommandFailure(StoreMessage.caseNotFound(reference: id.rawValue), in: session) }
            let label = partLabel(part)
            guard part.fields.contains(where: { sheet.value(of: $0) != committed.value(of: $0) }) else {
                session.say(GitMessage.revertFieldUnchanged(id: id, label: label))
                return
            }
            guard yes || Confirmation.ask(session.text(GitMessage.revertConfirmField(id: id, title: title, label: label)), in: session) else {
                session.say(StoreMessage.cancelled)
                return
            }
            for field in part.fields { sheet.setValue(committed.value(of: field), of: field) }
            try session.save(sheet, as: id)
            session.say(GitMessage.revertFieldDone(id: id, label: label))
            return
        }

        switch (committed, current) {
        case (nil, nil):
            throw CommandFailure(StoreMessage.caseNotFound(reference: id.rawValue), in: session)
        case (nil, .some):
            guard yes || Confirmation.ask(session.text(GitMessage.revertConfirmDeleteNew(id: id, title: title)), in: session) else {
                session.say(StoreMessage.cancelled)
                return
            }
            session.willChange(id)
            do { try session.store.delete(id) } catch { throw CommandFailure(session.describe(error)) }
            session.unsavedEdits[id] = nil
            if session.openCase == id { session.openCase = nil }
            session.say(GitMessage.revertDeleted(id: id))
        case (.some(let sheet), nil):
            guard yes || Confirmation.ask(session.text(GitMessage.revertConfirmRestore(id: id, title: title)), in: session) else {
                session.say(StoreMessage.cancelled)
                return
            }
            session.willChange(id)
            // The committed file as it was, byte for byte.
            do { try session.store.create(sheet, as: id, bytes: committedBytes) } catch { throw CommandFailure(session.describe(error)) }
            session.unsavedEdits[id] = nil
            session.say(GitMessage.revertDone(id: id))
        case (.some(let sheet), .some(let stored)):
            if stored.bytesOnDisk == committedBytes, session.unsavedEdits[id] == nil {
                session.say(GitMessage.caseUnchanged(id: id))
                return
            }
            guard yes || Confirmation.ask(session.text(GitMessage.revertConfirmCase(id: id, title: title)), in: session) else {
                session.say(StoreMessage.cancelled)
                return
            }
            // The store's own save: the committed status and verdicts come back as they were.
            // Based on the file as it was shown, so that a change made since is merged, not lost.
            session.willChange(id)
            do { try session.store.save(sheet, as: id, base: stored.sheet) } catch { throw CommandFailure(session.describe(error)) }
            session.unsavedEdits[id] = nil
            session.say(GitMessage.revertDone(id: id))
        }
    }

    private func partLabel(_ part: SheetPart) -> String {
        switch part {
        case .field(let field): field.label
        case .section(let section): section.label
        }
    }
}
