import CasebookCore
import CasebookStore

/// The cases being worked on: the store, the open case, edits kept in memory after a refused
/// save, and saving. Knows nothing of terminals or languages.
public final class Workspace {
    /// The store.
    public let store: CaseStore
    /// The case later commands default to (`open`).
    public var openCase: CaseID?
    /// Edits a refused save kept in memory, by case, each carrying the version it was made from
    /// (`original`), so that any later save of the case merges against that version and never
    /// writes over the file's change without `--force`; dropped by `reload`.
    public var unsavedEdits: [CaseID: CaseSheet] = [:]

    /// A workspace on `store`.
    public init(store: CaseStore) {
        self.store = store
    }

    /// The sheet of `id` as it stands for editing: a kept unsaved edit, else the stored one.
    public func sheet(_ id: CaseID) -> CaseSheet? {
        unsavedEdits[id] ?? store.cases[id]?.sheet
    }

    /// The version `sheet`, an edit of `id`, was made from (its `original`), else the stored one:
    /// what the edit's own changes are told against, and the base a save merges from. (Against
    /// the file as it is now, another writer's change would show as the editor's own, undone.)
    public func base(of sheet: CaseSheet, as id: CaseID) -> CaseSheet? {
        sheet.original.flatMap { try? SheetCodec.decode($0) } ?? store.cases[id]?.sheet
    }

    /// Saves `sheet` as `id` through the store's merging save; when the save is refused the edit is
    /// kept in memory (`unsavedEdits`).
    ///
    /// The sheet's `original` is the version it was made from, and that is the base of the merge:
    /// a command that edits a kept edit (`sheet(id)`) is refused again for as long as the file's
    /// change conflicts with it, so a kept edit is never written without `--force`. The status
    /// follows `SheetLifecycle`: editing an approved case sends it back to review.
    @discardableResult
    public func save(_ sheet: CaseSheet, as id: CaseID, force: Bool = false) throws(SaveError) -> Saved {
        // A new case whose creation failed (a full disk) and was kept: created now.
        if unsavedEdits[id] != nil, sheet.original == nil, store.cases[id] == nil {
            let created = try store.create(sheet, as: id)
            unsavedEdits[id] = nil
            return Saved(outcome: SaveOutcome(created: created), sentBackToReview: false)
        }
        var sheet = sheet
        let before = base(of: sheet, as: id)
        sheet.status = SheetLifecycle.status(of: sheet, replacing: before)
        let sentBack = before?.status == .approved && sheet.status == .review
        let outcome: SaveOutcome
        do throws(SaveError) {
            outcome = try store.save(sheet, as: id, force: force)
        } catch {
            unsavedEdits[id] = keepsEdit(error) ? sheet : nil
            throw error
        }
        unsavedEdits[id] = nil
        return Saved(outcome: outcome, sentBackToReview: sentBack)
    }

    /// What a save did.
    public struct Saved {
        /// What the store's save merged or wrote over.
        public var outcome: SaveOutcome
        /// Whether the edit sent an approved case back to review.
        public var sentBackToReview: Bool
    }

    /// Whether a refused save leaves the edit to keep: always, but for a case that does not exist.
    private func keepsEdit(_ error: SaveError) -> Bool {
        switch error {
        case .noSuchCase, .alreadyExists: false
        default: true
        }
    }
}
