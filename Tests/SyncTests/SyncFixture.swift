// SyncFixture: a shared bare remote and clones of it, each with its own author identity, in a
// temporary directory; the built `casebook` run in a clone; and `git daemon` serving the remote
// over a real network protocol on 127.0.0.1.
import CasebookCore
import CasebookStore
import Foundation
@testable import CasebookTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A team's world: `remote.git` (bare) and clones of it.
final class SyncFixture {
    /// The seed cases every clone starts with.
    static let seedIDs = ["shigen-shudan-kaishu", "chotto-kurashi-sapoto-jigyo", "komyuniti-koza", "paku-gorufu-jo-kanri-unei"]
    /// The first seed case, which most tests edit.
    static let caseID = "shigen-shudan-kaishu"

    let root: URL
    let remote: URL
    /// The URL clones use for the remote (a path, or `git://…` when served by a daemon).
    private(set) var remoteURL: String
    private var daemon: Process?

    enum Failure: Error, CustomStringConvertible {
        case command(String)
        var description: String {
            switch self { case .command(let text): text }
        }
    }

    /// A remote holding one commit: the seed cases in `Store/`, the store's `.gitattributes`, a README.
    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("casebook-sync-\(UUID().uuidString)")
        remote = root.appendingPathComponent("remote.git")
        remoteURL = remote.path
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("home"), withIntermediateDirectories: true)
        manager.createFile(atPath: root.appendingPathComponent("home/gitconfig").path, contents: Data())
        try run("/usr/bin/env", ["git", "init", "--quiet", "--bare", "--initial-branch=main", remote.path])
        let seed = root.appendingPathComponent("seed")
        try manager.createDirectory(at: seed.appendingPathComponent("Store"), withIntermediateDirectories: true)
        for id in Self.seedIDs {
            try manager.copyItem(at: BuiltProgram.repositoryRoot.appendingPathComponent("Store/\(id).json"),
                                 to: seed.appendingPathComponent("Store/\(id).json"))
        }
        try "*.json text eol=lf merge=casebook\n".write(to: seed.appendingPathComponent("Store/.gitattributes"), atomically: false, encoding: .utf8)
        try "outside the store\n".write(to: seed.appendingPathComponent("README.txt"), atomically: false, encoding: .utf8)
        for arguments in [["init", "--quiet", "--initial-branch=main"], ["add", "--all"],
                          ["-c", "user.name=Seed", "-c", "user.email=seed@example.org", "commit", "--quiet", "-m", "seed"],
                          ["remote", "add", "origin", remote.path], ["push", "--quiet", "-u", "origin", "main"]] {
            try run("/usr/bin/env", ["git", "-C", seed.path] + arguments)
        }
    }

    deinit {
        stopDaemon()
        try? FileManager.default.removeItem(at: root)
    }

    /// The environment every program gets: nothing of the machine's git configuration, no author
    /// variables (each clone has its own `user.name`), no terminal.
    var environment: [String: String] {
        ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
         "HOME": root.appendingPathComponent("home").path,
         "GIT_CONFIG_GLOBAL": root.appendingPathComponent("home/gitconfig").path,
         "GIT_CONFIG_NOSYSTEM": "1",
         "XDG_STATE_HOME": root.appendingPathComponent("state").path,
         "XDG_CACHE_HOME": root.appendingPathComponent("cache").path,
         "LANG": "C.UTF-8", "TERM": "dumb", "NO_COLOR": "1"]
    }

    /// Runs a program; throws with its words when it fails, unless `allowFailure`.
    @discardableResult
    func run(_ executable: String, _ arguments: [String], input: String = "", extra: [String: String] = [:],
             allowFailure: Bool = false) throws -> ProgramResult {
        let result = try BuiltProgram.run(executable, arguments, environment: environment.merging(extra) { _, new in new },
                                          in: root, input: input)
        if result.status != 0 && !allowFailure {
            throw Failure.command("\(arguments.joined(separator: " ")): exit \(result.status)\n\(result.all)")
        }
        return result
    }

    // MARK: Clones

    /// A clone of the remote at `root/NAME`, whose commits are by `user`.
    func clone(_ name: String, user: String) throws -> Clone {
        let work = root.appendingPathComponent(name)
        try run("/usr/bin/env", ["git", "clone", "--quiet", remoteURL, work.path])
        let clone = Clone(fixture: self, work: work, user: user)
        try clone.git(["config", "user.name", user])
        try clone.git(["config", "user.email", "\(name)@example.org"])
        return clone
    }

    /// One person's clone.
    struct Clone {
        let fixture: SyncFixture
        let work: URL
        let user: String
        var store: URL { work.appendingPathComponent("Store") }

        /// git in the clone's work tree.
        @discardableResult
        func git(_ arguments: [String], allowFailure: Bool = false) throws -> ProgramResult {
            try fixture.run("/usr/bin/env", ["git", "-C", work.path] + arguments, allowFailure: allowFailure)
        }

        /// `casebook COMMAND --store STORE ARGUMENTS`, never failing the test by itself.
        @discardableResult
        func casebook(_ arguments: [String], input: String = "", extra: [String: String] = [:]) throws -> ProgramResult {
            let full = arguments.isEmpty ? ["--store", store.path] : [arguments[0], "--store", store.path] + arguments.dropFirst()
            return try fixture.run(BuiltProgram.casebook, full, input: input, extra: extra, allowFailure: true)
        }

        /// HEAD's commit.
        func head() throws -> String { try git(["rev-parse", "HEAD"]).out.trimmingCharacters(in: .newlines) }

        /// The bytes of a case file.
        func bytes(_ id: String = SyncFixture.caseID) throws -> [UInt8] {
            [UInt8](try Data(contentsOf: store.appendingPathComponent("\(id).json")))
        }

        /// The case as it is on disk.
        func sheet(_ id: String = SyncFixture.caseID) throws -> CaseSheet {
            let bytes = try bytes(id)
            guard case .success(let sheet) = CaseStore.decodeCommitted(bytes, id: CaseID(id)!) else {
                throw Failure.command("\(id).json does not read as a case:\n" + String(decoding: bytes, as: UTF8.self))
            }
            return sheet
        }

        /// Whether the case file is exactly as casebook (and `jq .`) writes it.
        func isCanonical(_ id: String = SyncFixture.caseID) throws -> Bool {
            let bytes = try bytes(id)
            guard let document = try? JSONParser.parse(bytes) else { return false }
            return CanonicalJSONWriter.bytes(of: document) == bytes
        }

        /// Changes a case on disk, as an edit in casebook would leave it.
        func modify(_ id: String = SyncFixture.caseID, _ change: (inout CaseSheet) -> Void) throws {
            var sheet = try sheet(id)
            change(&sheet)
            try write(sheet, as: id)
        }

        /// Writes a case file canonically.
        func write(_ sheet: CaseSheet, as id: String) throws {
            try Data(CanonicalJSONWriter.bytes(of: SheetCodec.encode(sheet))).write(to: store.appendingPathComponent("\(id).json"))
        }

        /// Commits everything in the work tree.
        func commitAll(_ message: String) throws {
            try git(["add", "--all"])
            try git(["commit", "--quiet", "-m", message])
        }

        /// Every file of the work tree outside `.git`, by path, with its bytes.
        func snapshot() throws -> [String: Data] {
            var files: [String: Data] = [:]
            let enumerator = FileManager.default.enumerator(atPath: work.path)!
            while let path = enumerator.nextObject() as? String {
                if path == ".git" || path.hasPrefix(".git/") { enumerator.skipDescendants(); continue }
                var isDirectory: ObjCBool = false
                let full = work.appendingPathComponent(path).path
                if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files[path] = try Data(contentsOf: URL(fileURLWithPath: full))
                }
            }
            return files
        }

        /// `git status --porcelain` of the whole work tree.
        func porcelain() throws -> String {
            try git(["status", "--porcelain", "--untracked-files=all"]).out
        }

        /// Whether HEAD is the remote's main, after fetching.
        func isLevelWithRemote() throws -> Bool {
            try git(["fetch", "--quiet", "origin"])
            return try head() == git(["rev-parse", "origin/main"]).out.trimmingCharacters(in: .newlines)
        }
    }

    /// The remote's main.
    func remoteHead() throws -> String {
        try run("/usr/bin/env", ["git", "-C", remote.path, "rev-parse", "main"]).out.trimmingCharacters(in: .newlines)
    }

    /// Installs an executable hook in the remote.
    func installRemoteHook(_ name: String, _ script: String) throws {
        let path = remote.appendingPathComponent("hooks/\(name)").path
        try script.write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o755)
    }

    // MARK: git daemon

    /// Serves the remote with `git daemon` on 127.0.0.1 on a free port; clones made afterwards use `git://`.
    func startDaemon() throws {
        let port = try Self.freePort()
        // git-daemon itself rather than `git daemon`, whose wrapper process would be the one stopped.
        let execPath = try run("/usr/bin/env", ["git", "--exec-path"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: execPath + "/git-daemon")
        process.arguments = ["--export-all", "--reuseaddr", "--base-path=\(root.path)", "--port=\(port)",
                             "--listen=127.0.0.1", "--enable=receive-pack", "--informative-errors", root.path]
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        daemon = process
        remoteURL = "git://127.0.0.1:\(port)/remote.git"
        // Ready when it answers; at most 10 s.
        for _ in 0..<100 {
            if try run("/usr/bin/env", ["git", "ls-remote", remoteURL], allowFailure: true).status == 0 { return }
            usleep(100_000)
        }
        throw Failure.command("git daemon did not answer on port \(port)")
    }

    /// Stops the daemon, if one runs, and waits for it to end.
    func stopDaemon() {
        guard let daemon, daemon.isRunning else { return }
        // SIGKILL: the test process may pass SIGTERM on as ignored, and a daemon must not outlive its test.
        kill(daemon.processIdentifier, SIGKILL)
        daemon.waitUntilExit()
        self.daemon = nil
    }

    /// A TCP port on 127.0.0.1 nothing listens on now: bound to port 0, read back, released.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.command("socket failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw Failure.command("bind failed") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw Failure.command("getsockname failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
