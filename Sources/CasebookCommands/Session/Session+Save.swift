import CasebookCore
import CasebookStore
import Foundation

/// Saving through the session: the store's merging save, the edit kept in memory when a save is
/// refused, and what the user is told (SPEC §2.2, §8).
extension Session {
    /// Saves `sheet` as `id` (see `Workspace.save`) and says which fields were merged in from the
    /// file; a refusal is a failure that names the conflicting fields.
    @discardableResult
    public func save(_ sheet: CaseSheet, as id: CaseID, force: Bool = false) throws -> SaveOutcome {
        let saved: Workspace.Saved
        willChange(id)
        do throws(SaveError) {
            saved = try workspace.save(sheet, as: id, force: force)
        } catch {
            throw CommandFailure(describe(error))
        }
        let outcome = saved.outcome
        if saved.sentBackToReview { say(EditingMessage.backToReview(id: id.rawValue)) }
        if !outcome.fromFile.isEmpty { say(SaveMessage.mergedFromFile(labels: outcome.fromFile.map(\.label))) }
        if !outcome.overwritten.isEmpty { say(SaveMessage.forcedOver(labels: outcome.overwritten.map(\.subject.label))) }
        return outcome
    }

    /// A save error in words: the case's file and the reason, once.
    public func describe(_ error: SaveError) -> String {
        switch error {
        case .conflict(let id, let conflicts):
            text(SaveMessage.conflict(fileName: id.fileName, labels: conflicts.map(\.subject.label)))
        case .deletedOnDisk(let id): text(SaveMessage.deletedOnDisk(fileName: id.fileName))
        case .unreadableOnDisk(let id, let reason):
            text(SaveMessage.unreadableOnDisk(fileName: id.fileName, reason: "\(describe(reason))"))
        case .readOnly(let id, let schema): text(StoreMessage.readOnlyNewer(fileName: id.fileName, schema: schema))
        case .alreadyExists(let id): text(StoreMessage.idTaken(id: id))
        case .noSuchCase(let id): text(StoreMessage.caseNotFound(reference: id.rawValue))
        case .system(let id, let error) where error.operation == "flock" && error.code == ETIMEDOUT:
            text(SaveMessage.lockTimeout(fileName: id.fileName))
        case .system(let id, let error): text(SaveMessage.failed(fileName: id.fileName, reason: error.reason))
        }
    }

    /// The kept edits, each as `id（the fields it changed）`, for the question before quitting.
    var keptEditDescriptions: [String] {
        unsavedEdits.keys.sorted().map { id in
            guard let edit = unsavedEdits[id], let base = workspace.base(of: edit, as: id) else { return id.rawValue }
            let labels = SheetDiff.changedLabels(from: base, to: edit)
            return labels.isEmpty ? id.rawValue : "\(id.rawValue)（\(labels.joined(separator: ", "))）"
        }
    }

    /// Whether the shell may end: yes without kept edits; with them, when the user says so. At the
    /// end of input (a second Ctrl-D, or a script that ended) nobody can answer: the edits are named
    /// and dropped.
    func mayQuit() -> Bool {
        guard !unsavedEdits.isEmpty else { return true }
        let descriptions = keptEditDescriptions
        output.line(text(SaveMessage.quitWithKeptEdits(descriptions: descriptions)))
        switch lineReader.readLine(prompt: "> ", prefill: "", history: nil, completer: nil) {
        case .endOfInput:
            warn(SaveMessage.keptEditsDropped(descriptions: descriptions))
            return true
        case .interrupted: return false
        case .line(let answer): return ["yes", "y", "はい"].contains(answer.trimmingWhitespace().lowercased())
        }
    }
}
