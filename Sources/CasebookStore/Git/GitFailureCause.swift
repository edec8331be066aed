/// Why a git step failed, read from git's words, where what the person can do about it differs:
/// "wait for the network" is the wrong advice for a full disk or a wrong remote address.
public enum GitFailureCause: Sendable, Equatable {
    /// The remote did not answer, or the connection broke: try again later (exit 3).
    case unreachable
    /// The remote answered, but there is no repository at the address the clone has.
    case noRepository
    /// This clone's disk is full or cannot be written.
    case localDisk

    /// The cause git's standard error `words` names (`unreachable` when they name none of the others).
    public init(gitWords words: String) {
        let text = words.lowercased()
        let disk = ["no space left on device", "out of diskspace", "disk quota exceeded", "read-only file system", "file too large",
                    "unable to write", "couldn't write", "unable to create temporary file"]
        let missing = ["does not appear to be a git repository", "repository not exported", "repository not found",
                       "not a git repository", "no such repository"]
        if disk.contains(where: text.contains) {
            self = .localDisk
        } else if missing.contains(where: text.contains) {
            self = .noRepository
        } else {
            self = .unreachable
        }
    }
}
