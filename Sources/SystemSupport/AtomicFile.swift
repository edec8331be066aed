#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replacing a file's content in one step: the one way casebook writes a file that a reader or a
/// crash must never see half-written (a case sheet, the index caches, the command history, the
/// editor's temporary text, a single exported file).
public enum AtomicFile {
    /// The mode the new content gets, set with fchmod so that the umask does not matter.
    public enum Mode: Sendable, Equatable {
        /// The old file's mode when there is one (a sheet someone made group-writable stays so),
        /// else this one.
        case keptOr(mode_t)
        /// Always this one (the command history is private, whatever it was before).
        case always(mode_t)
    }

    /// How a replacement is made; the defaults are a case sheet's.
    public struct Options: Sendable, Equatable {
        /// The new content's mode.
        public var mode: Mode
        /// Whether the file and then its directory are fsync'ed, so that the new content survives
        /// a power cut; `false` for caches and scratch files that may be lost in a crash.
        public var durable: Bool
        /// Whether a symbolic link at the target is refused (ELOOP) rather than replaced: the
        /// history file must not be swapped for a link that would send it elsewhere next time.
        /// Anything else there that is not a regular file is refused too (EINVAL).
        public var refusesSymbolicLink: Bool

        /// Options: `mode`, `durable`, `refusesSymbolicLink`.
        public init(mode: Mode = .keptOr(0o644), durable: Bool = true, refusesSymbolicLink: Bool = false) {
            self.mode = mode
            self.durable = durable
            self.refusesSymbolicLink = refusesSymbolicLink
        }
    }

    /// The temporary file's name for `name`: `.<name>.tmp-` and six random characters. A store's
    /// sweep recognises these by the prefix and removes one only when no writer holds it locked.
    public static func temporaryPrefix(for name: String) -> String {
        "." + name + ".tmp-"
    }

    /// Replaces (or creates) the file `name` in `directory` with `bytes`, atomically: a
    /// temporary file created exclusively beside it (never through a link), written, given its
    /// mode, fsync'ed when durable, renamed over the old one, and the directory fsync'ed when
    /// durable. A crash at any point leaves either the old file or the new one; a failure leaves
    /// no temporary file.
    ///
    /// The temporary file is `flock`ed from its creation until the rename, so that a temporary
    /// file nobody holds locked is known to be a crash's leftover (``removeIfAbandoned(_:)``).
    /// - Throws: the failed call; with `refusesSymbolicLink`, `replace` with ELOOP (a link) or
    ///   EINVAL (not a regular file) when such a thing is at the target, before or just before the rename.
    public static func replace(directory: String, name: String, with bytes: [UInt8],
                               options: Options = Options()) throws(SystemError) {
        try replace(directory: directory, name: name, options: options) { file throws(SystemError) in try file.append(bytes) }
    }

    /// The temporary file ``replace(directory:name:options:writing:)`` hands its caller to fill.
    public struct Contents {
        fileprivate let descriptor: Int32
        fileprivate let path: String

        /// Writes `bytes` after what was written so far.
        public func append(_ bytes: UnsafeRawBufferPointer) throws(SystemError) {
            do throws(Errno) {
                try SystemCall.writeAll(descriptor, bytes)
            } catch {
                throw error.named("write", path)
            }
        }

        /// Writes `bytes` after what was written so far.
        public func append(_ bytes: [UInt8]) throws(SystemError) {
            try bytes.withUnsafeBytes { buffer in Result { () throws(SystemError) in try append(buffer) } }.get()
        }

        /// Writes `bytes` over the file's bytes from `offset` on (a header whose value is known
        /// only once the rest is written), leaving where the next append goes as it was.
        public func overwrite(_ bytes: [UInt8], at offset: Int) throws(SystemError) {
            let written = bytes.withUnsafeBytes { buffer in
                SystemCall.retryingOnInterrupt { pwrite(descriptor, buffer.baseAddress, buffer.count, off_t(offset)) }
            }
            guard written == bytes.count else { throw SystemError(operation: "write", path: path, code: written < 0 ? errno : EIO) }
        }
    }

    /// ``replace(directory:name:with:options:)`` of what `write` writes into the temporary file,
    /// for contents too large to build whole in memory first (the store's search index).
    public static func replace(directory: String, name: String, options: Options = Options(),
                               writing write: (Contents) throws(SystemError) -> Void) throws(SystemError) {
        let target = directory + "/" + name
        if options.refusesSymbolicLink { try refuseAnythingButAFile(at: target) }
        var mode: mode_t
        switch options.mode {
        case .always(let always):
            mode = always
        case .keptOr(let new):
            mode = new
            var old = stat()
            if stat(target, &old) == 0 { mode = old.st_mode & 0o7777 }
        }
        var template = Array((directory + "/" + temporaryPrefix(for: name) + "XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard fd >= 0 else { throw SystemError(operation: "mkstemp", path: temporary, code: errno) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        // Held until the rename: a temporary file nobody holds locked was left by a crash.
        _ = SystemCall.retryingOnInterrupt { flock(fd, LOCK_EX) }
        var committed = false
        defer {
            if !committed { unlink(temporary) }
        }
        do throws(SystemError) {
            try write(Contents(descriptor: fd, path: temporary))
            guard fchmod(fd, mode) == 0 else { throw SystemError(operation: "chmod", path: temporary, code: errno) }
            if options.durable {
                guard fsync(fd) == 0 else { throw SystemError(operation: "fsync", path: temporary, code: errno) }
            }
            // Checked again just before the rename: rename would replace a link put there meanwhile
            // (the link itself, never its target), but a link there is refused, not replaced.
            if options.refusesSymbolicLink { try refuseAnythingButAFile(at: target) }
            guard rename(temporary, target) == 0 else { throw SystemError(operation: "rename", path: target, code: errno) }
        } catch {
            close(fd)
            throw error
        }
        committed = true
        // Closed (and so unlocked) only once renamed: a sweep never takes a live save's file. The
        // data was written (and for a durable save, synced) before the rename, so close cannot lose it.
        close(fd)
        if options.durable { try syncDirectory(directory) }
    }

    /// Removes the temporary file at `path` when no live writer holds it (its writer locks it
    /// until the rename, and a crashed writer's lock is gone); leaves it otherwise.
    ///
    /// A file modified in the last few seconds is left too: its writer may be between making it
    /// and locking it, and a removal then would make its rename fail (two exports into one new
    /// folder met this every few runs). A crashed writer's file is removed by a later sweep.
    public static func removeIfAbandoned(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var info = stat()
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        guard fstat(fd, &info) == 0, Int64(now.tv_sec) - Int64(info.st_mtim.tv_sec) >= abandonedAfterSeconds else { return }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { unlink(path) }
    }

    /// How long a temporary file nobody holds must have been left before a sweep takes it.
    public static let abandonedAfterSeconds: Int64 = 5

    /// Flushes a directory's entries to disk, so that a rename in it survives a crash.
    public static func syncDirectory(_ path: String) throws(SystemError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError(operation: "open", path: path, code: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw SystemError(operation: "fsync", path: path, code: errno) }
    }

    /// Throws unless `path` is a regular file or nothing (not following a link).
    private static func refuseAnythingButAFile(at path: String) throws(SystemError) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw SystemError(operation: "stat", path: path, code: errno)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFLNK: throw SystemError(operation: "replace", path: path, code: ELOOP)
        default: throw SystemError(operation: "replace", path: path, code: EINVAL)
        }
    }
}
