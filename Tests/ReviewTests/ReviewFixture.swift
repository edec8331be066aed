// ReviewFixture: a temporary git repository with its own identity and a copy of a few seed cases,
// and the built `casebook` driven through pipes — one-shot `casebook CMD` runs and shell lines on stdin.
import CasebookCore
import CasebookStore
import Foundation
@testable import CasebookTestSupport

final class ReviewFixture {
    static let repositoryRoot = BuiltProgram.repositoryRoot

    /// The built `casebook`, found beside the test bundle.
    static let executable = BuiltProgram.casebook

    /// The seed cases each fixture starts with.
    static let seedIDs = ["shigen-shudan-kaishu", "chotto-kurashi-sapoto-jigyo", "komyuniti-koza"]

    typealias Result = ProgramResult

    let root: URL
    /// The work tree.
    let work: URL
    /// The store, `Store/` in the work tree.
    let store: URL

    /// A repository at `root/work` with `Store/` holding `seedIDs` (unless `inGit` is false: then a
    /// bare directory), a file outside the store, and one commit of it all.
    init(inGit: Bool = true, commit: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("casebook-review-\(UUID().uuidString)")
        work = root.appendingPathComponent("work")
        store = work.appendingPathComponent("Store")
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("home"), withIntermediateDirectories: true)
        try manager.createDirectory(at: store, withIntermediateDirectories: true)
        // An empty global configuration, so nothing of the machine's leaks in.
        manager.createFile(atPath: root.appendingPathComponent("home/gitconfig").path, contents: Data())
        for id in Self.seedIDs {
            try manager.copyItem(at: Self.repositoryRoot.appendingPathComponent("Store/\(id).json"),
                                 to: store.appendingPathComponent("\(id).json"))
        }
        try "outside the store\n".write(to: work.appendingPathComponent("README.txt"), atomically: false, encoding: .utf8)
        guard inGit else { return }
        try git(["init", "--quiet"])
        try git(["config", "user.name", "査読 花子"])
        try git(["config", "user.email", "hanako@example.org"])
        if commit {
            try git(["add", "--all"])
            try git(["commit", "--quiet", "-m", "seed"])
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var environment: [String: String] {
        ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
         "HOME": root.appendingPathComponent("home").path,
         "GIT_CONFIG_GLOBAL": root.appendingPathComponent("home/gitconfig").path,
         "GIT_CONFIG_NOSYSTEM": "1",
         "GIT_AUTHOR_NAME": "Test Author", "GIT_AUTHOR_EMAIL": "author@example.org",
         "GIT_COMMITTER_NAME": "Test Committer", "GIT_COMMITTER_EMAIL": "committer@example.org",
         "XDG_STATE_HOME": root.appendingPathComponent("state").path,
         "LANG": "C.UTF-8", "TERM": "dumb", "USER": "loginname", "LOGNAME": "loginname"]
    }

    /// `casebook ARGUMENTS --store STORE`, with `input` on standard input.
    @discardableResult
    func run(_ arguments: [String], input: String = "", extra: [String: String] = [:], store storePath: URL? = nil) throws -> Result {
        // `--store` right after the command, so that arguments after a `--` stay positional.
        let storeArguments = ["--store", (storePath ?? store).path]
        let full = arguments.isEmpty ? storeArguments : [arguments[0]] + storeArguments + arguments.dropFirst()
        return try execute(Self.executable, full, input: input,
                    environment: environment.merging(extra) { _, new in new })
    }

    /// The shell, reading `lines` from standard input.
    @discardableResult
    func shell(_ lines: [String], extra: [String: String] = [:]) throws -> Result {
        try run([], input: lines.map { $0 + "\n" }.joined(), extra: extra)
    }

    /// git in the work tree; throws when it fails.
    @discardableResult
    func git(_ arguments: [String], allowFailure: Bool = false) throws -> Result {
        let result = try execute("/usr/bin/env", ["git", "-C", work.path] + arguments, input: "", environment: environment)
        if result.status != 0 && !allowFailure {
            throw FixtureError.git(arguments.joined(separator: " ") + ": " + result.err)
        }
        return result
    }

    enum FixtureError: Error { case git(String), unreadable(String) }

    /// The case as it is on disk.
    func sheet(_ id: String) throws -> CaseSheet {
        let bytes = try bytes(id)
        guard case .success(let sheet) = CaseStore.decodeCommitted(bytes, id: CaseID(id)!) else {
            throw FixtureError.unreadable(id)
        }
        return sheet
    }

    /// The bytes of a case file.
    func bytes(_ id: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: store.appendingPathComponent("\(id).json")))
    }

    /// Writes a case file as casebook would.
    func write(_ sheet: CaseSheet, as id: String) throws {
        let bytes = CanonicalJSONWriter.bytes(of: SheetCodec.encode(sheet))
        try Data(bytes).write(to: store.appendingPathComponent("\(id).json"))
    }

    /// Changes a case on disk.
    func modify(_ id: String, _ change: (inout CaseSheet) -> Void) throws {
        var sheet = try sheet(id)
        change(&sheet)
        try write(sheet, as: id)
    }

    /// Every file of the store, by name, with its bytes.
    func snapshot() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: store.path) {
            files[name] = try Data(contentsOf: store.appendingPathComponent(name))
        }
        return files
    }

    /// The commit subjects, newest first.
    func subjects() throws -> [String] {
        try git(["log", "--format=%s"]).out.split(separator: "\n").map(String.init)
    }

    /// `git status --porcelain` of the whole work tree.
    func porcelain() throws -> String {
        try git(["status", "--porcelain", "--untracked-files=all"]).out
    }

    private func execute(_ executable: String, _ arguments: [String], input: String, environment: [String: String]) throws -> Result {
        try BuiltProgram.run(executable, arguments, environment: environment, in: root, input: input)
    }
}
