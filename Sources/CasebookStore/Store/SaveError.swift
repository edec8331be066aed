import CasebookCore

/// Why a save did not happen. In every case the file on disk is as it was.
public enum SaveError: Error, Sendable, Equatable {
    /// The file changed on disk since it was read (another shell, `git pull`, a hand edit).
    case changedOnDisk(CaseID)
    /// A newer casebook wrote the file; this one only reads it.
    case readOnly(CaseID, schema: Int)
    /// `new` with an id that exists already.
    case alreadyExists(CaseID)
    /// No such case.
    case noSuchCase(CaseID)
    /// The system refused.
    case system(SystemError)
}
