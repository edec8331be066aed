/// Why a fetch or push did not go through, read from git's words: what the person can do about
/// it differs, and "wait for the network" is the wrong advice for a full disk or a wrong address.
public enum SyncFailureCause: Sendable, Equatable {
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
