import CasebookCore

/// Why a save did not happen. In every case the file on disk is as it was.
public enum SaveError: Error, Sendable, Equatable {
    /// The file changed on disk since it was read (another shell, `git pull`, a hand edit) in
    /// parts the edit changed too: these conflicts. The edit is not written.
    case conflict(CaseID, [SheetMergeConflict])
    /// The file was deleted since it was read.
    case deletedOnDisk(CaseID)
    /// The file on disk can no longer be read as a case (bad JSON, conflict markers…); it is never overwritten.
    case unreadableOnDisk(CaseID, StoreProblem.Reason)
    /// A newer casebook wrote the file; this one only reads it.
    case readOnly(CaseID, schema: Int)
    /// `new` with an id that exists already.
    case alreadyExists(CaseID)
    /// No such case.
    case noSuchCase(CaseID)
    /// The system refused (disk full, read-only, permission), or the store's lock was not free in time.
    case system(CaseID, SystemError)
}

/// What a save did.
public struct SaveOutcome: Sendable {
    /// The case as it is on disk now.
    public var stored: StoredCase
    /// Whether the file was written (a save of what the file already holds writes nothing).
    public var wrote: Bool
    /// The fields that had been changed in the file since the edit was read and were merged in.
    public var fromFile: [SheetField]
    /// Under `force`: the conflicts in which the edit's value replaced the file's.
    public var overwritten: [SheetMergeConflict]
}

extension SaveOutcome {
    /// The outcome of creating `created`: written, with nothing to merge.
    public init(created: StoredCase) {
        self.init(stored: created, wrote: true, fromFile: [], overwritten: [])
    }
}
