import CasebookCore

/// A file in the store that could not be read as a case; it is reported and never rewritten.
public struct StoreProblem: Error, Sendable, Equatable {
    /// Why the file could not be read.
    public enum Reason: Sendable, Equatable {
        /// The bytes are not UTF-8.
        case notUTF8
        /// The text is not JSON.
        case badJSON(JSONParseError)
        /// JSON, but not a case sheet.
        case wrongTypes(SheetDecodingError)
        /// The file holds git conflict markers (`<<<<<<<`, `=======`, `>>>>>>>`).
        case conflicted
        /// The file could not be read at all.
        case unreadable(SystemError)
        /// A file name that is not a valid id (`Foo.json`, `a_b.json`).
        case badFileName
        /// Not a regular file (a named pipe, socket, device, directory or symbolic link named `*.json`).
        case notARegularFile(FileKind)
    }

    /// The file's name in the store.
    public var fileName: String
    /// Why it was not loaded.
    public var reason: Reason
}
