/// What a name in a directory is, as far as reading it as a case file goes: only a regular file is
/// read; a named pipe would block a reader for ever, a device or socket is no document.
public enum FileKind: Sendable, Equatable {
    case regularFile
    case directory
    case namedPipe
    case socket
    case device
    case symbolicLink
    case other
}
