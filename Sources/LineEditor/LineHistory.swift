#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SystemSupport

/// A named, in-memory list of entered lines, oldest first, that a
/// ``TerminalLineReader`` walks with Up, Down and Ctrl-R.
///
/// Adjacent duplicates are never kept and at most ``capacity`` entries are
/// (the oldest are dropped). The command history is persisted with
/// ``load(from:)`` and ``save(to:)``; per-field histories usually stay in memory.
public final class LineHistory {
    /// A name for this history, e.g. `"command"` or a field key. Informational.
    public let name: String
    /// The most entries kept; older ones are dropped first.
    public let capacity: Int
    /// The entries, oldest first.
    public private(set) var entries: [String] = []
    /// Incremented on every change, so a reader can tell whether its copy is current.
    public private(set) var generation: Int = 0

    /// Creates a history.
    /// - Parameters:
    ///   - name: informational name.
    ///   - capacity: the most entries kept (at least 1; default 1000).
    ///   - entries: initial entries, oldest first (e.g. a field's values in the store);
    ///     empty ones and adjacent duplicates are skipped.
    public init(name: String = "", capacity: Int = 1000, entries: [String] = []) {
        self.name = name
        self.capacity = max(1, capacity)
        for entry in entries { append(entry) }
        trim()
    }

    /// Adds a line as the newest entry, unless it is empty or equal to the newest entry.
    public func add(_ line: String) {
        append(line)
        trim()
        generation &+= 1
    }

    /// Removes every entry.
    public func removeAll() {
        entries.removeAll()
        generation &+= 1
    }

    private func append(_ line: String) {
        guard !line.isEmpty, entries.last != line else { return }
        entries.append(line)
    }

    private func trim() {
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    }

    // MARK: - Persistence

    /// The default command history path: `$XDG_STATE_HOME/casebook/history` when
    /// `XDG_STATE_HOME` is set to an absolute path, else `~/.local/state/casebook/history`
    /// (home from `$HOME`, else the password database). `nil` if no home can be found.
    public static func defaultPath() -> String? {
        if let state = environmentValue("XDG_STATE_HOME"), state.hasPrefix("/") {
            return joinPath(state, "casebook/history")
        }
        guard let home = homeDirectory() else { return nil }
        return joinPath(home, ".local/state/casebook/history")
    }

    /// Replaces the entries with those in the file at `path`: UTF-8, one entry per
    /// line (invalid bytes replaced, a trailing `\r` dropped), keeping the newest
    /// ``capacity``. A missing file gives an empty history.
    /// - Throws: ``LineHistoryError/symbolicLink(path:)`` if `path` is a symbolic
    ///   link (it is not followed), ``LineHistoryError/notARegularFile(path:)``, or
    ///   ``LineHistoryError/system(operation:path:errno:)``.
    public func load(from path: String) throws {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 {
            let code = errno
            if code == ENOENT { removeAll(); return }
            if code == ELOOP, isSymbolicLink(path) { throw LineHistoryError.symbolicLink(path: path) }
            throw LineHistoryError.system(operation: "open", path: path, errno: code)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw LineHistoryError.system(operation: "stat", path: path, errno: errno)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw LineHistoryError.notARegularFile(path: path) }
        let bytes: [UInt8]
        do throws(Errno) {
            bytes = try SystemCall.readAll(fd, expectedSize: Int(info.st_size))
        } catch {
            throw LineHistoryError.system(operation: "read", path: path, errno: error.code)
        }
        var loaded: [String] = []
        for var line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.isEmpty { continue }
            let text = String(decoding: line, as: UTF8.self)
            if loaded.last != text { loaded.append(text) }
        }
        if loaded.count > capacity { loaded.removeFirst(loaded.count - capacity) }
        entries = loaded
        generation &+= 1
    }

    /// Writes the entries to `path`, UTF-8, one per line (a line break inside an
    /// entry is written as a space).
    ///
    /// The file is written atomically (``AtomicFile``): a new file of mode 0600 (whatever
    /// the umask) beside it, fsync'ed, then renamed over it. Missing directories are created
    /// with mode 0700. A `path` that is a symbolic link is refused, never followed.
    /// - Throws: ``LineHistoryError``.
    public func save(to path: String) throws {
        let directory = parentDirectory(of: path)
        try createDirectories(directory)

        var text = ""
        for entry in entries {
            var line = entry
            if line.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
                line = String(line.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
            }
            text += line
            text += "\n"
        }

        // A link or anything but a regular file at `path` is refused before anything is written,
        // and again just before the rename.
        do throws(SystemError) {
            try AtomicFile.replace(directory: directory, name: lastComponent(of: path), with: Array(text.utf8),
                                   options: AtomicFile.Options(mode: .always(0o600), durable: true, refusesSymbolicLink: true))
        } catch {
            switch (error.operation, error.code) {
            case ("replace", ELOOP): throw LineHistoryError.symbolicLink(path: path)
            case ("replace", EINVAL): throw LineHistoryError.notARegularFile(path: path)
            // Named by the history file, not the temporary file beside it that failed to fill.
            default: throw LineHistoryError.system(operation: error.operation, path: path, errno: error.code)
            }
        }
    }

    /// Creates `directory` and its missing parents with mode 0700 (chmod'ed, so the
    /// umask does not matter). Existing directories are left as they are.
    private func createDirectories(_ directory: String) throws {
        var info = stat()
        if stat(directory, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw LineHistoryError.system(operation: "use directory", path: directory, errno: ENOTDIR)
            }
            return
        }
        let parent = parentDirectory(of: directory)
        if parent != directory { try createDirectories(parent) }
        if mkdir(directory, 0o700) != 0 {
            let code = errno
            if code == EEXIST { return }
            throw LineHistoryError.system(operation: "create directory", path: directory, errno: code)
        }
        // mkdir just created it: make its mode exactly 0700.
        if chmod(directory, 0o700) != 0 {
            throw LineHistoryError.system(operation: "chmod", path: directory, errno: errno)
        }
    }
}

private func isSymbolicLink(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
}

private func parentDirectory(of path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    guard let slash = trimmed.lastIndex(of: "/") else { return "." }
    if slash == trimmed.startIndex { return "/" }
    return String(trimmed[..<slash])
}

private func lastComponent(of path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    guard let slash = trimmed.lastIndex(of: "/") else { return String(trimmed) }
    return String(trimmed[trimmed.index(after: slash)...])
}

private func joinPath(_ base: String, _ rest: String) -> String {
    base.hasSuffix("/") ? base + rest : base + "/" + rest
}

private func environmentValue(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    let text = String(cString: value)
    return text.isEmpty ? nil : text
}

private func homeDirectory() -> String? {
    if let home = environmentValue("HOME") { return home }
    var record = passwd()
    var result: UnsafeMutablePointer<passwd>?
    var buffer = [CChar](repeating: 0, count: 16384)
    let status = getpwuid_r(getuid(), &record, &buffer, buffer.count, &result)
    guard status == 0, result != nil, let directory = record.pw_dir else { return nil }
    let text = String(cString: directory)
    return text.isEmpty ? nil : text
}

/// strerror text for an errno value.
func systemErrorMessage(_ code: Int32) -> String {
    guard let message = strerror(code) else { return "error \(code)" }
    return String(cString: message)
}
