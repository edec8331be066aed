import CasebookCore
import CasebookStore
import Foundation

/// Saving through the session: the store's merging save, the edit kept in memory when a save is
/// refused, and what the user is told (SPEC §2.2, §8).
extension Session {
    /// Saves `sheet` as `id` and says which fields were merged in from the file; when the save is
    /// refused the edit is kept in memory (`unsavedEdits`) and the failure names the conflicting fields.
    ///
    /// The sheet's `original` is the version it was made from, and that is the base of the merge:
    /// a command that edits a kept edit (`session.sheet(id)`) is refused again for as long as the
    /// file's change conflicts with it, so a kept edit is never written without `--force`.
    /// Editing an approved case sends it back to review (SPEC §4).
    @discardableResult
    public func save(_ sheet: CaseSheet, as id: CaseID, force: Bool = false) throws -> SaveOutcome {
        var sheet = sheet
        let before = sheet.original.flatMap { try? SheetCodec.decode($0) } ?? store.cases[id]?.sheet
        if let before, before.status == .approved, sheet.status == .approved,
           SheetField.allCases.contains(where: { before.value(of: $0) != sheet.value(of: $0) }) {
            sheet.status = .review
        }
        let outcome: SaveOutcome
        do throws(SaveError) {
            outcome = try store.save(sheet, as: id, force: force)
        } catch {
            unsavedEdits[id] = keepsEdit(error) ? sheet : nil
            throw CommandFailure(describe(error))
        }
        unsavedEdits[id] = nil
        if !outcome.fromFile.isEmpty { say(SaveMessage.mergedFromFile(labels: outcome.fromFile.map(\.label))) }
        if !outcome.overwritten.isEmpty { say(SaveMessage.forcedOver(labels: outcome.overwritten.map(\.subject.label))) }
        return outcome
    }

    /// Whether a refused save leaves the edit to keep: always, but for a case that does not exist.
    private func keepsEdit(_ error: SaveError) -> Bool {
        switch error {
        case .noSuchCase, .alreadyExists: false
        default: true
        }
    }

    /// A save error in words: the case's file and the reason, once.
    public func describe(_ error: SaveError) -> String {
        switch error {
        case .conflict(let id, let conflicts):
            text(SaveMessage.conflict(fileName: id.fileName, labels: conflicts.map(\.subject.label)))
        case .deletedOnDisk(let id): text(SaveMessage.deletedOnDisk(fileName: id.fileName))
        case .unreadableOnDisk(let id, let reason):
            text(SaveMessage.unreadableOnDisk(fileName: id.fileName, reason: "\(describe(reason))"))
        case .readOnly(let id, let schema): text(.readOnlyNewer, id.fileName, String(schema))
        case .alreadyExists(let id): text(.idTaken, id.rawValue)
        case .noSuchCase(let id): text(.caseNotFound, id.rawValue)
        case .system(let id, let error) where error.operation == "flock" && error.code == ETIMEDOUT:
            text(SaveMessage.lockTimeout(fileName: id.fileName))
        case .system(let id, let error): text(SaveMessage.failed(fileName: id.fileName, reason: error.reason))
        }
    }

    /// The kept edits, each as `id（fields that differ from the file）`, for the question before quitting.
    var keptEditDescriptions: [String] {
        unsavedEdits.keys.sorted().map { id in
            guard let edit = unsavedEdits[id], let file = store.cases[id]?.sheet else { return id.rawValue }
            let labels = SheetDiff.changedLabels(from: file, to: edit)
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
