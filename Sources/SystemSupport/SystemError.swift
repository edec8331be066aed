#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call: which, on what, and errno's words.
public struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The operation, e.g. `open`.
    public var operation: String
    /// The path it was applied to.
    public var path: String
    /// errno.
    public var code: Int32

    /// A failure of `operation` on `path` with errno `code`.
    public init(operation: String, path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    public var description: String {
        "\(operation) \(path): \(reason)"
    }

    /// errno's words alone (`No space left on device`), for a message that names the file itself.
    public var reason: String {
        String(cString: strerror(code))
    }
}
