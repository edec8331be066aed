#if canImport(Glibc)
import Glibc
#endif
import Testing
import SystemSupport

/// The one atomic writer: what it refuses, the modes it gives, and that a failure leaves no
/// temporary file behind.
@Suite("AtomicFile")
struct AtomicFileTests {
    @Test("replaces a file's content and leaves no temporary file")
    func replaces() throws {
        let directory = try TemporaryDirectory()
        try AtomicFile.replace(directory: directory.path, name: "a.json", with: Array("one\n".utf8))
        try AtomicFile.replace(directory: directory.path, name: "a.json", with: Array("two\n".utf8))
        #expect(try contents(directory.path + "/a.json") == "two\n")
        #expect(try names(in: directory.path) == ["a.json"])
    }

    @Test("a new file gets the new mode exactly, whatever the umask")
    func newMode() throws {
        let directory = try TemporaryDirectory()
        // 0666 is not what open(2) under the usual umask 022 would give (0644): fchmod set it.
        try AtomicFile.replace(directory: directory.path, name: "new", with: [1], options: .init(mode: .keptOr(0o666)))
        #expect(mode(directory.path + "/new") == 0o666)
        try AtomicFile.replace(directory: directory.path, name: "private", with: [1], options: .init(mode: .always(0o600)))
        #expect(mode(directory.path + "/private") == 0o600)
    }

    @Test("an existing file's mode is kept, unless a mode is always given")
    func keptMode() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/sheet.json"
        try AtomicFile.replace(directory: directory.path, name: "sheet.json", with: [1])
        #expect(chmod(path, 0o664) == 0)
        try AtomicFile.replace(directory: directory.path, name: "sheet.json", with: [2], options: .init(mode: .keptOr(0o644)))
        #expect(mode(path) == 0o664)
        try AtomicFile.replace(directory: directory.path, name: "sheet.json", with: [3], options: .init(mode: .always(0o600)))
        #expect(mode(path) == 0o600)
    }

    @Test("a symbolic link at the target is refused when asked, and neither it nor its target changes")
    func symbolicLinkRefused() throws {
        let directory = try TemporaryDirectory()
        let elsewhere = directory.path + "/elsewhere"
        try AtomicFile.replace(directory: directory.path, name: "elsewhere", with: Array("kept\n".utf8))
        #expect(symlink(elsewhere, directory.path + "/history") == 0)
        let refusing = AtomicFile.Options(mode: .always(0o600), refusesSymbolicLink: true)
        #expect(throws: SystemError(operation: "replace", path: directory.path + "/history", code: ELOOP)) {
            try AtomicFile.replace(directory: directory.path, name: "history", with: Array("new\n".utf8), options: refusing)
        }
        #expect(try contents(elsewhere) == "kept\n")
        var info = stat()
        #expect(lstat(directory.path + "/history", &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK)
        #expect(try names(in: directory.path) == ["elsewhere", "history"])
        // Without the option the link itself is replaced (rename's way), its target untouched.
        try AtomicFile.replace(directory: directory.path, name: "history", with: Array("new\n".utf8))
        #expect(try contents(elsewhere) == "kept\n")
        #expect(try contents(directory.path + "/history") == "new\n")
    }

    @Test("anything else but a regular file at the target is refused when asked")
    func notAFileRefused() throws {
        let directory = try TemporaryDirectory()
        #expect(mkfifo(directory.path + "/pipe", 0o600) == 0)
        #expect(throws: SystemError(operation: "replace", path: directory.path + "/pipe", code: EINVAL)) {
            try AtomicFile.replace(directory: directory.path, name: "pipe", with: [1], options: .init(refusesSymbolicLink: true))
        }
        #expect(try names(in: directory.path) == ["pipe"])
    }

    @Test("a failed rename leaves no temporary file and the old content in place")
    func failureLeavesNoTemporaryFile() throws {
        let directory = try TemporaryDirectory()
        // A directory at the target: the file is written, then the rename fails (EISDIR).
        #expect(mkdir(directory.path + "/taken", 0o755) == 0)
        #expect(throws: SystemError(operation: "rename", path: directory.path + "/taken", code: EISDIR)) {
            try AtomicFile.replace(directory: directory.path, name: "taken", with: Array(repeating: 7, count: 100_000),
                                   options: .init(durable: false))
        }
        #expect(try names(in: directory.path) == ["taken"])
    }

    @Test("a directory that cannot be written to fails at mkstemp and creates nothing")
    func unwritableDirectory() throws {
        #expect(throws: SystemError.self) {
            try AtomicFile.replace(directory: "/nonexistent-casebook-directory", name: "x", with: [1])
        }
    }

    @Test("a temporary file is named after its target and held locked until the rename")
    func temporaryFileIsSweptOnlyWhenAbandoned() throws {
        let directory = try TemporaryDirectory()
        let (leftover, fd) = try temporaryFile("abc123", in: directory)
        #expect(flock(fd, LOCK_EX) == 0)
        try modified(leftover, secondsAgo: 60)
        AtomicFile.removeIfAbandoned(leftover)  // a live writer's: kept
        #expect(try names(in: directory.path) == [AtomicFile.temporaryPrefix(for: "a.json") + "abc123"])
        close(fd)
        AtomicFile.removeIfAbandoned(leftover)  // its writer gone: removed
        #expect(try names(in: directory.path) == [])
    }

    @Test("a temporary file made in the last seconds is left, locked or not: its writer may not have locked it yet")
    func aYoungTemporaryFileIsLeft() throws {
        let directory = try TemporaryDirectory()
        let (young, fd) = try temporaryFile("new001", in: directory)
        close(fd)
        AtomicFile.removeIfAbandoned(young)
        #expect(try names(in: directory.path) == [AtomicFile.temporaryPrefix(for: "a.json") + "new001"])
        try modified(young, secondsAgo: Int(AtomicFile.abandonedAfterSeconds))
        AtomicFile.removeIfAbandoned(young)
        #expect(try names(in: directory.path) == [])
    }
}

/// A fresh directory under /tmp, removed with everything in it when the value goes.
final class TemporaryDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/system-support-tests.XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw SystemError(operation: "mkdtemp", path: "/tmp", code: errno)
        }
        path = String(cString: made)
    }

    deinit {
        for name in (try? names(in: path)) ?? [] {
            let entry = path + "/" + name
            if unlink(entry) != 0 { rmdir(entry) }
        }
        rmdir(path)
    }
}

/// The names in `directory`, sorted, without `.` and `..`.
func names(in directory: String) throws -> [String] {
    guard let dir = opendir(directory) else { throw SystemError(operation: "opendir", path: directory, code: errno) }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
        let name = withUnsafePointer(to: entry.pointee.d_name) {
            $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
        }
        if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
}

/// The UTF-8 text of the file at `path`.
func contents(_ path: String) throws -> String {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw SystemError(operation: "open", path: path, code: errno) }
    defer { close(fd) }
    do {
        return String(decoding: try SystemCall.readAll(fd), as: UTF8.self)
    } catch {
        throw error.named("read", path)
    }
}

/// The permission bits of the file at `path` (not following a link).
func mode(_ path: String) -> mode_t {
    var info = stat()
    return lstat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
}

/// Sets the modification (and access) time of the file at `path` to `seconds` ago.
func modified(_ path: String, secondsAgo seconds: Int) throws {
    var times = [timeval(tv_sec: time(nil) - seconds, tv_usec: 0), timeval(tv_sec: time(nil) - seconds, tv_usec: 0)]
    guard utimes(path, &times) == 0 else { throw SystemError(operation: "utimes", path: path, code: errno) }
}

/// A temporary file of `a.json`'s, as a save makes it (`suffix` in place of mkstemp's), created in
/// `directory`, and its open descriptor.
func temporaryFile(_ suffix: String, in directory: TemporaryDirectory) throws -> (path: String, fd: Int32) {
    let path = directory.path + "/" + AtomicFile.temporaryPrefix(for: "a.json") + suffix
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw SystemError(operation: "open", path: path, code: errno) }
    return (path, fd)
}
