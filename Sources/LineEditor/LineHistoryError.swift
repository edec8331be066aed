/// Why a ``LineHistory`` could not be loaded or saved.
public enum LineHistoryError: Error, Equatable, CustomStringConvertible {
    /// The history path is a symbolic link; it is never followed.
    case symbolicLink(path: String)
    /// The history path exists but is not a regular file.
    case notARegularFile(path: String)
    /// A system call failed: `operation` on `path` with `errno`.
    case system(operation: String, path: String, errno: Int32)

    /// A one-line English explanation naming the path.
    public var description: String {
        switch self {
        case .symbolicLink(let path):
            return "history file \(path) is a symbolic link; refusing to follow it"
        case .notARegularFile(let path):
            return "history file \(path) is not a regular file"
        case .system(let operation, let path, let code):
            return "cannot \(operation) \(path): \(systemErrorMessage(code))"
        }
    }
}
