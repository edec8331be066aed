import CasebookCore
import CasebookStore

/// The cases being worked on: the store, the open case, edits kept in memory after a refused
/// save, and saving. Knows nothing of terminals or languages.
public final class Workspace {
    /// The store.
    public let store: CaseStore
    /// The case later commands default to (`open`).
    public var openCase: CaseID?
    /// Edits a refused save kept in memory, by case; saved by `save --force`, dropped by `reload`.
    public var unsavedEdits: [CaseID: CaseSheet] = [:]

    /// A workspace on `store`.
    public init(store: CaseStore) {
        self.store = store
    }

    /// The sheet of `id` as it stands for editing: a kept unsaved edit, else the stored one.
    public func sheet(_ id: CaseID) -> CaseSheet? {
        unsavedEdits[id] ?? store.cases[id]?.sheet
    }

    /// Saves `sheet` as `id`, keeping the edit in memory when the save is refused.
    ///
    /// The status follows the rules in `SheetLifecycle`: editing an approved case sends it back to review.
    public func save(_ sheet: CaseSheet, as id: CaseID, force: Bool = false) throws(SaveError) {
        var sheet = sheet
        sheet.status = SheetLifecycle.status(of: sheet, replacing: store.cases[id]?.sheet)
        do {
            try store.save(sheet, as: id, force: force)
            unsavedEdits[id] = nil
        } catch {
            unsavedEdits[id] = sheet
            throw error
        }
    }
}
