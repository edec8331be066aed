#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CasebookCore
// The store's callers name SystemError and the system-call helpers through CasebookStore, as before.
@_exported import SystemSupport

/// Every system call the store makes, behind one seam, so that the store's logic
/// reads as logic and the calls can be audited in one place.
public enum FileSystem {
    /// The bytes of the regular file at `path`.
    public static func readFile(_ path: String) throws(SystemError) -> [UInt8] {
        try readFileAndFingerprint(path).bytes
    }

    /// The bytes of the regular file at `path`, and its fingerprint as it was when opened, before
    /// the read: a scan of many files looks each path up once, not once to stat and once to read.
    public static func readFileAndFingerprint(_ path: String) throws(SystemError) -> (bytes: [UInt8], fingerprint: FileFingerprint) {
        try readFileAndFingerprint(path, name: path, inDirectory: AT_FDCWD)
    }

    /// `readFileAndFingerprint` of the file `name` in the directory open as `directoryFD`, which
    /// `path` names in errors: a scan of thousands of files walks the directory's path once, not
    /// once a file.
    public static func readFileAndFingerprint(_ path: String, name: String, inDirectory directoryFD: Int32) throws(SystemError) -> (bytes: [UInt8], fingerprint: FileFingerprint) {
        let (fd, info) = try openRegularFile(path, name: name, inDirectory: directoryFD, for: "read")
        defer { close(fd) }
        do throws(Errno) {
            return (try SystemCall.readRegularFile(fd, size: Int(info.st_size)), regularFileFingerprint(of: info))
        } catch {
            throw error.named("read", path)
        }
    }

    /// The regular file at `path` read whole into memory that the returned value owns: a large
    /// cache file read once, then searched in place. Read, not mapped: a mapping of a file that
    /// another program truncates meanwhile raises SIGBUS when the lost pages are touched.
    public static func mapFile(_ path: String) throws(SystemError) -> MappedFile {
        let (fd, info) = try openRegularFile(path, for: "read")
        defer { close(fd) }
        let capacity = Int(info.st_size)
        if capacity == 0 { return MappedFile(base: nil, count: 0) }
        let base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        // A large file (the text index of 100,000 cases is 460 MB) is read in 4 MiB parts, on every
        // core once there are enough of them (`Parallel.map`: from 64, so from 256 MiB): most of
        // the cost is the kernel's copying into fresh pages, which is as parallel as the reads.
        let partSize = 4 << 20
        let parts = (capacity + partSize - 1) / partSize
        nonisolated(unsafe) let shared = base
        let reads = Parallel.map(parts) { part -> Result<Int, Errno> in
            let start = part * partSize
            let buffer = UnsafeMutableRawBufferPointer(start: shared + start, count: min(partSize, capacity - start))
            do throws(Errno) {
                return .success(try SystemCall.read(fd, into: buffer, at: start))
            } catch {
                return .failure(error)
            }
        }
        // Cut short since it was looked at (fewer bytes than the size): the checksum will tell.
        var count = 0
        for (part, read) in reads.enumerated() {
            switch read {
            case .success(let got):
                count = part * partSize + got
                if got < min(partSize, capacity - part * partSize) { return MappedFile(base: base, count: count) }
            case .failure(let error):
                base.deallocate()
                throw error.named("read", path)
            }
        }
        return MappedFile(base: base, count: count)
    }

    /// `body` of the regular file at `path` open for reading (not through a symbolic link) and its
    /// size, for a file too large to be read whole (the text index of 100,000 cases is 270 MB),
    /// read in parts with `SystemCall.read(_:into:at:)`; closed afterwards.
    public static func withOpenRegularFile<T>(_ path: String, _ body: (_ fd: Int32, _ size: Int) -> T) throws(SystemError) -> T {
        let (fd, info) = try openRegularFile(path, for: "read")
        defer { close(fd) }
        return body(fd, Int(info.st_size))
    }

    /// `path` opened for reading, not through a symbolic link, and its status; refused (EINVAL,
    /// named as `operation`) unless it is a regular file. The caller closes the descriptor.
    private static func openRegularFile(_ path: String, name: String? = nil, inDirectory directoryFD: Int32 = AT_FDCWD,
                                        for operation: String) throws(SystemError) -> (Int32, stat) {
        // O_NONBLOCK: opening a named pipe would otherwise wait for a writer for ever; the type
        // check below then refuses it. (A regular file ignores the flag.)
        let fd = openat(directoryFD, name ?? path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { throw SystemError(operation: "open", path: path, code: errno) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw SystemError(operation: "stat", path: path, code: code)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw SystemError(operation: operation, path: path, code: EINVAL)
        }
        return (fd, info)
    }

    /// The fingerprints of the files `names` in `directory`, in order (`nil` where a name is not a
    /// regular file), looked up relative to the open directory and on every core when there are many.
    /// With `followingLinks: false` a symbolic link is not a regular file, whatever it points at.
    public static func fingerprints(of names: [String], in directory: String, followingLinks: Bool = true) -> [FileFingerprint?] {
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryFD >= 0 else { return names.map { _ in nil } }
        defer { close(directoryFD) }
        let flags = followingLinks ? 0 : AT_SYMLINK_NOFOLLOW
        return Parallel.map(names.count) { position in
            var info = stat()
            return fstatat(directoryFD, names[position], &info, flags) == 0 ? fingerprint(of: info) : nil
        }
    }

    /// Whether something exists at `path` (a dangling link counts).
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// What is at `path`, not following a symbolic link; `nil` when nothing is.
    public static func kind(_ path: String) -> FileKind? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .directory
        case S_IFIFO: return .namedPipe
        case S_IFSOCK: return .socket
        case S_IFCHR, S_IFBLK: return .device
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    /// Whether `path` is a directory (following links).
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Size, times and inode of the regular file at `path`, for cheap change detection.
    public static func fingerprint(_ path: String) -> FileFingerprint? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return fingerprint(of: info)
    }

    /// The fingerprint of a file's status, or `nil` when it is not a regular file.
    private static func fingerprint(of info: stat) -> FileFingerprint? {
        guard (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return regularFileFingerprint(of: info)
    }

    /// The fingerprint of a regular file's status.
    private static func regularFileFingerprint(of info: stat) -> FileFingerprint {
        FileFingerprint(size: Int64(info.st_size), modifiedSeconds: Int64(info.st_mtim.tv_sec),
                               modifiedNanoseconds: Int64(info.st_mtim.tv_nsec),
                               changedSeconds: Int64(info.st_ctim.tv_sec), changedNanoseconds: Int64(info.st_ctim.tv_nsec),
                               inode: UInt64(info.st_ino))
    }

    /// The directory at `path` opened for looking up the files in it, or `nil`; `closeDirectory` closes it.
    public static func openDirectory(_ path: String) -> Int32? {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        return fd >= 0 ? fd : nil
    }

    /// Closes a directory `openDirectory` opened.
    public static func closeDirectory(_ fd: Int32) {
        close(fd)
    }

    /// The names in the directory at `path`, without `.` and `..`.
    public static func listDirectory(_ path: String) throws(SystemError) -> [String] {
        guard let dir = opendir(path) else { throw SystemError(operation: "opendir", path: path, code: errno) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Creates a directory (and its parents) with `mode`.
    public static func makeDirectory(_ path: String, mode: mode_t = 0o755) throws(SystemError) {
        if isDirectory(path) { return }
        var parent = path
        while parent.count > 1, parent.hasSuffix("/") { parent.removeLast() }
        if let slash = parent.lastIndex(of: "/"), slash != parent.startIndex {
            try makeDirectory(String(parent[..<slash]), mode: mode)
        }
        if mkdir(path, mode) != 0 && errno != EEXIST {
            throw SystemError(operation: "mkdir", path: path, code: errno)
        }
        // Something else of that name (a file) is in the way.
        if !isDirectory(path) { throw SystemError(operation: "mkdir", path: path, code: ENOTDIR) }
    }

    /// Gives the file at `path` the name `newPath` in one step (rename(2)): a crash leaves it under
    /// one name or the other, never both or neither.
    public static func moveFile(_ path: String, to newPath: String) throws(SystemError) {
        guard Glibc.rename(path, newPath) == 0 else { throw SystemError(operation: "rename", path: newPath, code: errno) }
    }

    /// Removes the file at `path`.
    public static func removeFile(_ path: String) throws(SystemError) {
        guard unlink(path) == 0 else { throw SystemError(operation: "unlink", path: path, code: errno) }
    }

    /// Replaces (or creates) the file `name` in `directory` with `bytes`, atomically and durably
    /// (``AtomicFile/replace(directory:name:with:options:)``): the old file's mode is kept, else
    /// `newFileMode`; the temporary file is named `.<name>.tmp-XXXXXX` and locked until the rename.
    /// `durable: false` skips the two fsyncs, for caches that may be lost in a crash.
    public static func replaceAtomically(
        directory: String, name: String, with bytes: [UInt8], newFileMode: mode_t = 0o644, durable: Bool = true
    ) throws(SystemError) {
        try AtomicFile.replace(directory: directory, name: name, with: bytes,
                               options: AtomicFile.Options(mode: .keptOr(newFileMode), durable: durable))
    }

    /// Takes an exclusive `flock` on the directory at `path` itself and returns the descriptor
    /// that holds it; closing it (`unlock`) or the process ending, even by SIGKILL, releases it.
    ///
    /// The directory, not a lock file in it: a file would be staged by `commit` (`git add --all`
    /// on the store) or need a `.gitignore` in every store, while the directory's inode is never
    /// replaced by a save and git never sees a lock. Waits at most `timeout` seconds (ETIMEDOUT),
    /// so a stopped process holding the lock cannot make a save hang for ever.
    public static func lockDirectory(_ path: String, timeout: Double = 10) throws(SystemError) -> Int32 {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError(operation: "open", path: path, code: errno) }
        let deadline = nowNanoseconds() + Int64(timeout * 1e9)
        var pause: Int64 = 200_000
        while SystemCall.retryingOnInterrupt({ flock(fd, LOCK_EX | LOCK_NB) }) != 0 {
            let code = errno
            guard code == EWOULDBLOCK else {
                close(fd)
                throw SystemError(operation: "flock", path: path, code: code)
            }
            guard nowNanoseconds() < deadline else {
                close(fd)
                throw SystemError(operation: "flock", path: path, code: ETIMEDOUT)
            }
            var wait = timespec(tv_sec: 0, tv_nsec: Int(pause))
            nanosleep(&wait, nil)
            pause = min(pause * 2, 20_000_000)
        }
        return fd
    }

    /// Runs `body` with SIGTERM, SIGHUP, SIGINT and SIGQUIT held back on this thread, delivered when
    /// it returns: a save that has begun is finished before such a signal ends the process, so the
    /// field just accepted is on disk (a temporary file is never left for a signal either).
    public static func deferringTerminationSignals<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        var blocked = sigset_t()
        var previous = sigset_t()
        sigemptyset(&blocked)
        for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] { sigaddset(&blocked, signal) }
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }

    /// Releases a lock `lockDirectory` took.
    public static func unlock(_ fd: Int32) {
        close(fd)
    }

    /// Removes the temporary file at `path` when no live save holds it (its writer locks it until
    /// the rename, and a crashed writer's lock is gone); leaves it otherwise.
    public static func removeIfAbandoned(_ path: String) {
        AtomicFile.removeIfAbandoned(path)
    }

    /// Throws unless the directory at `path` can be opened for listing.
    public static func checkDirectoryOpens(_ path: String) throws(SystemError) {
        guard let dir = opendir(path) else { throw SystemError(operation: "opendir", path: path, code: errno) }
        closedir(dir)
    }

    /// Flushes a directory's entries to disk, so that a rename in it survives a crash.
    public static func syncDirectory(_ path: String) throws(SystemError) {
        try AtomicFile.syncDirectory(path)
    }

    /// The current time in nanoseconds since the epoch.
    public static func nowNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// The absolute form of `path`, resolved against the working directory.
    public static func absolutePath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let cwd = String(cString: buffer)
        let trimmed = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        return trimmed == "." ? cwd : cwd + "/" + trimmed
    }
}

/// Size, modification and change times and inode of a file: enough to notice most changes cheaply.
/// (The change time cannot be set back by a program, unlike the modification time.)
public struct FileFingerprint: Sendable, Equatable, Hashable {
    /// Size in bytes.
    public var size: Int64
    /// Modification time, seconds.
    public var modifiedSeconds: Int64
    /// Modification time, nanoseconds.
    public var modifiedNanoseconds: Int64
    /// Status change time, seconds.
    public var changedSeconds: Int64
    /// Status change time, nanoseconds.
    public var changedNanoseconds: Int64
    /// Inode number (changes with every atomic replace).
    public var inode: UInt64
}

/// A file's bytes read whole into memory, freed when the last reference goes.
public final class MappedFile: @unchecked Sendable {
    /// The file's bytes; never written to, so any thread may read them.
    public let bytes: UnsafeBufferPointer<UInt8>

    init(base: UnsafeMutableRawPointer?, count: Int) {
        bytes = UnsafeBufferPointer(start: base?.bindMemory(to: UInt8.self, capacity: count), count: count)
    }

    deinit {
        if let base = bytes.baseAddress { UnsafeMutableRawPointer(mutating: base).deallocate() }
    }
}
