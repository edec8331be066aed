// Bad files in the store and failing tools: each named with its reason, nothing hangs, nothing
// wrong is shown (issue 10).
import CasebookCore
import Foundation
import Testing
@testable import CasebookTestSupport

struct BadFileTests {
    /// Runs `casebook ARGS --store STORE` with `input`, killing it after `timeout` seconds.
    static func run(_ fixture: CommandFixture, _ arguments: [String], input: String = "", timeout: Double = 2,
                    wrapper: [String] = []) throws -> (status: Int32, out: String, err: String, timedOut: Bool) {
        let process = Process()
        let command = [CommandFixture.executable] + arguments + ["--store", fixture.store.path]
        process.executableURL = URL(fileURLWithPath: wrapper.isEmpty ? CommandFixture.executable : "/bin/sh")
        process.arguments = wrapper.isEmpty ? Array(command.dropFirst()) : wrapper + command
        process.environment = fixture.environment(language: "C.UTF-8")
        let outURL = fixture.root.appendingPathComponent("out-\(UUID().uuidString)")
        let errURL = fixture.root.appendingPathComponent("err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let inURL = fixture.root.appendingPathComponent("in-\(UUID().uuidString)")
        try Data(input.utf8).write(to: inURL)
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        let timedOut = process.isRunning
        if timedOut {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        return (process.terminationStatus, try String(contentsOf: outURL, encoding: .utf8),
                try String(contentsOf: errURL, encoding: .utf8), timedOut)
    }

    @Test(.timeLimit(.minutes(1)))
    func aFifoASocketADeviceAndADirectoryNamedJSONAreNamedAndSkipped() throws {
        let fixture = try CommandFixture()
        let store = fixture.store.path
        #expect(mkfifo(store + "/pipe.json", 0o644) == 0)
        try FileManager.default.createDirectory(atPath: store + "/folder.json", withIntermediateDirectories: false)
        let socketMade = try Self.makeSocket(at: store + "/socket.json")
        let deviceMade = mknod(store + "/device.json", S_IFCHR | 0o644, dev_t(1 << 8 | 3)) == 0
        for (arguments, input) in [(["list"], ""), ([], "list\n")] {
            let result = try Self.run(fixture, arguments, input: input, timeout: 2)
            #expect(!result.timedOut, "\(arguments) answered within 2 s")
            #expect(result.status == 0, "\(result.err)")
            #expect(result.out.contains("shigen-shudan-kaishu"), "the other cases are listed")
            // Each is named on a line of its own with what it is.
            func named(_ file: String, _ kind: String) -> Bool {
                result.err.split(separator: "\n").contains { $0.hasPrefix(file) && $0.contains("not a regular file (\(kind))") }
            }
            #expect(named("pipe.json", "a named pipe (FIFO)"), "\(result.err)")
            #expect(named("folder.json", "a directory"), "\(result.err)")
            if socketMade { #expect(named("socket.json", "a socket"), "\(result.err)") }
            if deviceMade { #expect(named("device.json", "a device"), "\(result.err)") }
        }
        let show = try Self.run(fixture, ["show", "pipe"])
        #expect(!show.timedOut && show.status == 1)
        #expect(show.err.contains("pipe.json cannot be read: not a regular file (a named pipe (FIFO))"), "\(show.err)")
    }

    /// A Unix-domain socket bound at `path` (its file stays after the descriptor is closed).
    static func makeSocket(at path: String) throws -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        } == 0
    }

    /// Each bad file, and what its message must say besides the file's name.
    @Test(arguments: [
        ("bad-json", "{\"schema\": 1,\n  \"title\": 5,\n", "JSON (expected a key at line 3, column 1)"),
        ("conflicted", "<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> theirs\n", "conflict markers"),
        ("not-utf8", "{\"schema\": 1, \"title\": \"\u{FF}\"}\n", "UTF-8"),
    ])
    func validateShowAndSetNameTheUnreadableFileAndFail(id: String, content: String, message: String) throws {
        let fixture = try CommandFixture()
        var bytes = Array(content.utf8)
        if id == "not-utf8" { bytes = Array("{\"schema\": 1, \"title\": \"".utf8) + [0xFF, 0xFE] + Array("\"}\n".utf8) }
        try Data(bytes).write(to: fixture.fileURL(id))
        for arguments in [["validate", id], ["show", id], ["set", id, "form", "共催"]] {
            let result = try fixture.run(arguments)
            #expect(result.status == 1, "\(arguments): \(result.all)")
            #expect(result.err.hasPrefix("\(id).json cannot be read: ") && result.err.contains(message), "\(arguments): \(result.err)")
            #expect(!result.out.contains("all valid"), "\(arguments): \(result.out)")
        }
        #expect(try fixture.bytes(id) == bytes, "the file is left as it was")
    }

    @Test func aFailingGitStatusIsAnErrorInGitsWords() throws {
        let fixture = try CommandFixture()
        let environment = fixture.environment(language: "C.UTF-8").merging([
            "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.invalid",
        ]) { _, new in new }
        for arguments in [["init", "-q"], ["add", "--", "Store"], ["commit", "-q", "-m", "seed"]] {
            let git = try BuiltProgram.run("/usr/bin/env", ["git"] + arguments, environment: environment, in: fixture.root)
            #expect(git.status == 0, "\(git.err)")
        }
        try Data("not an index".utf8).write(to: fixture.root.appendingPathComponent(".git/index"))
        for command in ["status", "diff", "commit"] {
            let result = try fixture.run([command], extra: environment)
            #expect(result.status == 1, "\(command): \(result.all)")
            #expect(result.err.contains("index file"), "\(command) shows git's words: \(result.err)")
            #expect(!result.out.contains("No changes") && !result.out.contains("Nothing to commit"), "\(command): \(result.out)")
        }
    }

    @Test(arguments: ["remove a byte", "truncate", "change a byte"])
    func aCorruptedCacheFileGivesCorrectListAndFind(damage: String) throws {
        let fixture = try CommandFixture()
        // Older than the index's racy window, so that the index is trusted on its fingerprints alone.
        Thread.sleep(forTimeInterval: 2.2)
        let list = try fixture.run(["list"])
        let find = try fixture.run(["find", "町内会"])
        #expect(list.status == 0 && find.status == 0)
        _ = try fixture.run(["list"])
        let cache = fixture.root.appendingPathComponent("home/.cache/casebook")
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".summary") || $0.hasSuffix(".text") }
        #expect(files.count == 2, "\(files)")
        for name in files {
            let url = cache.appendingPathComponent(name)
            var bytes = [UInt8](try Data(contentsOf: url))
            switch damage {
            case "remove a byte":
                // In a record in the middle, the field separator before its twelfth field (協働の形態
                // in a summary): the fields after it shift by one, so that 担当課 would show as 形態.
                let records = bytes.indices.filter { bytes[$0] == 0x1E }
                let start = records[records.count / 2] + 1
                let separators = bytes[start...].indices.filter { bytes[$0] == 0x1F }
                bytes.remove(at: separators[min(11, separators.count - 1)])
            case "truncate": bytes = Array(bytes.prefix(bytes.count / 2))
            default:
                let middle = bytes.count / 2
                bytes[middle] = bytes[middle] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
            }
            try Data(bytes).write(to: url)
        }
        #expect(try fixture.run(["list"]).out == list.out)
        #expect(try fixture.run(["find", "町内会"]).out == find.out)
        // And rebuilt: the next run reads a good index again and still agrees.
        #expect(try fixture.run(["list"]).out == list.out)
    }

    @Test func aFailingSaveNamesTheCaseAndTheReasonOnce() throws {
        let fixture = try CommandFixture()
        let before = try fixture.bytes("shigen-shudan-kaishu")
        // A file-size limit of 512 bytes: writing the case fails with EFBIG, as a full disk fails a write.
        let result = try Self.run(fixture, ["set", "shigen-shudan-kaishu", "form", "共催"],
                                  wrapper: ["-c", "trap '' XFSZ; ulimit -f 1; exec \"$@\"", "sh"])
        #expect(result.status == 1, "\(result.err)")
        #expect(result.err == "Could not save shigen-shudan-kaishu.json: File too large\n", "\(result.err)")
        #expect(try fixture.bytes("shigen-shudan-kaishu") == before)
        let names = try FileManager.default.contentsOfDirectory(atPath: fixture.store.path)
        #expect(!names.contains { $0.contains(".tmp-") }, "no temporary file is left: \(names)")
    }

    @Test func theEditorsTemporaryFileIsPrivate() throws {
        let fixture = try CommandFixture()
        let modeFile = fixture.root.appendingPathComponent("mode.txt").path
        let editor = fixture.root.appendingPathComponent("editor.sh").path
        try "#!/bin/sh\nstat -c %a \"$1\" > '\(modeFile)'\nprintf '共催\\n' > \"$1\"\n".write(toFile: editor, atomically: false, encoding: .utf8)
        chmod(editor, 0o755)
        let result = try Self.run(fixture, ["edit", "shigen-shudan-kaishu", "form", "--editor"],
                                  wrapper: ["-c", "umask 000; EDITOR='\(editor)' exec \"$@\"", "sh"])
        #expect(result.status == 0, "\(result.err)")
        #expect(try String(contentsOfFile: modeFile, encoding: .utf8) == "600\n")
    }
}
