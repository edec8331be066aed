import CasebookCore
import Foundation
import Testing
@testable import CasebookStore

struct CaseStoreTests {
    @Test func loadsTheSeedAndResolvesReferences() throws {
        let fixture = try StoreFixture(seedCases: 27)
        let store = try CaseStore(path: fixture.path)
        #expect(store.cases.count == 27)
        #expect(store.problems.isEmpty)
        #expect(store.resolve("shigen-shudan-kaishu") == .found(CaseID("shigen-shudan-kaishu")!))
        #expect(store.resolve("shigen") == .found(CaseID("shigen-shudan-kaishu")!))
        #expect(store.resolve("資源集団") == .found(CaseID("shigen-shudan-kaishu")!))
        #expect(store.resolve("ハグクーム") == .notFound)
        if case .ambiguous(let ids) = store.resolve("shi") {
            #expect(ids.count >= 2)
        } else {
            Issue.record("shi should be ambiguous")
        }
        if case .ambiguous(let ids) = store.resolve("帯広") { #expect(ids.count >= 2) } else { Issue.record("帯広 should be ambiguous") }
        #expect(store.resolve("存在しない事業") == .notFound)
    }

    @Test func savingAnUnchangedCaseChangesNoByte() throws {
        let fixture = try StoreFixture(seedCases: 3)
        let store = try CaseStore(path: fixture.path)
        let id = store.ids[0]
        let before = try fixture.read(id.fileName)
        try store.save(store.cases[id]!.sheet, as: id)
        #expect(try fixture.read(id.fileName) == before)
    }

    @Test func aSaveKeepsTheModeAndWritesOnlyThatFile() throws {
        let fixture = try StoreFixture(seedCases: 3)
        let store = try CaseStore(path: fixture.path)
        let id = store.ids[1]
        chmod(fixture.path + "/" + id.fileName, 0o600)
        let others = try store.ids.filter { $0 != id }.map { (try fixture.read($0.fileName), FileSystem.fingerprint(fixture.path + "/" + $0.fileName)) }
        var sheet = store.cases[id]!.sheet
        sheet.title += "（改）"
        try store.save(sheet, as: id)
        var info = stat()
        stat(fixture.path + "/" + id.fileName, &info)
        #expect(info.st_mode & 0o777 == 0o600)
        let after = try store.ids.filter { $0 != id }.map { (try fixture.read($0.fileName), FileSystem.fingerprint(fixture.path + "/" + $0.fileName)) }
        #expect(others.map(\.0) == after.map(\.0))
        #expect(others.map(\.1) == after.map(\.1))
        #expect(try fixture.names().allSatisfy { !$0.contains(".tmp-") })
    }

    @Test func badFilesAreReportedByNameLeftAloneAndTheRestLoad() throws {
        let fixture = try StoreFixture(seedCases: 3)
        let corrupt = Array("{\"schema\": 1, \"title\": ".utf8)
        let notUTF8: [UInt8] = Array("{\"schema\": 1, \"title\": \"".utf8) + [0xFF, 0xFE] + Array("\"}\n".utf8)
        let conflicted = Array("<<<<<<< HEAD\n{\"schema\": 1, \"title\": \"a\"}\n=======\n{\"schema\": 1, \"title\": \"b\"}\n>>>>>>> other\n".utf8)
        let wrongTypes = Array("{\"schema\": 1, \"title\": 5}\n".utf8)
        let files = ["corrupt.json": corrupt, "not-utf8.json": notUTF8, "conflicted.json": conflicted, "wrong-types.json": wrongTypes,
                     "Bad_Name.json": Array("{}".utf8)]
        for (name, bytes) in files { try fixture.write(name, bytes) }
        let store = try CaseStore(path: fixture.path)
        #expect(store.cases.count == 3)
        let reasons = Dictionary(uniqueKeysWithValues: store.problems.map { ($0.fileName, $0.reason) })
        #expect(reasons.count == 5)
        if case .badJSON? = reasons["corrupt.json"] {} else { Issue.record("corrupt: \(String(describing: reasons["corrupt.json"]))") }
        #expect(reasons["not-utf8.json"] == .notUTF8)
        #expect(reasons["conflicted.json"] == .conflicted)
        if case .wrongTypes? = reasons["wrong-types.json"] {} else { Issue.record("wrong types") }
        #expect(reasons["Bad_Name.json"] == .badFileName)
        // Saving the good cases, reloading: the bad files are byte-identical.
        for id in store.ids {
            var sheet = store.cases[id]!.sheet
            sheet.points.append("x")
            try store.save(sheet, as: id)
        }
        try store.reloadAll()
        for (name, bytes) in files { #expect(try fixture.read(name) == bytes, "\(name)") }
        // And none of them can be saved over through the store, since none loaded.
        #expect(throws: SaveError.self) { try store.save(CaseSheet(), as: CaseID("corrupt")!) }
    }

    @Test func aFirstScanOfManyFilesGivesTheSummariesAndProblemsOfWholeReads() throws {
        // Over 64 files to read, a scan keeps summaries only and makes them without the texts
        // (`CaseSummary.decoding`): they and the problems must be what whole reads give.
        let fixture = try StoreFixture(seedCases: 27)
        let seeds = try fixture.names()
        for copy in 0..<50 { try fixture.write("copy-\(copy).json", try fixture.read(seeds[copy % seeds.count])) }
        let seed = String(decoding: try fixture.read(seeds[0]), as: UTF8.self)
        func changed(_ from: String, _ to: String) -> [UInt8] { Array(seed.replacingOccurrences(of: from, with: to).utf8) }
        var notUTF8 = Array(seed.utf8)
        notUTF8.insert(contentsOf: [0xED, 0xA0, 0x80], at: Array(seed.utf8).firstRange(of: Array("\"overview\": [\n    \"".utf8))!.upperBound)
        let files: [String: [UInt8]] = [
            "overview-not-a-list.json": changed("\"overview\": [", "\"overview\": 3, \"x\": ["),
            "flow-not-an-object.json": changed("\"flows\": [", "\"flows\": [\"a\", "),
            "overview-not-utf8.json": notUTF8,
            "conflicted.json": Array("<<<<<<< HEAD\n".utf8) + Array(seed.utf8),
            "flagged.json": changed("\"review\": {}", "\"review\": {\"overview\": {\"state\": \"flagged\", \"by\": \"a\", \"at\": \"2026-01-01\", \"note\": \"\", \"hash\": \"\(SectionHash.of(.overview, in: try SheetCodec.decode(try JSONParser.parse(Array(seed.utf8)))))\"}}"),
            "escaped.json": changed("\"overview\": [\n    \"", "\"overview\": [\n    \"\\u3042\\n"),
        ]
        for (name, bytes) in files { try fixture.write(name, bytes) }
        let store = try CaseStore(path: fixture.path, useIndex: false)
        #expect(store.count == 27 + 50 + 2)
        let reasons = Dictionary(uniqueKeysWithValues: store.problems.map { ($0.fileName, $0.reason) })
        #expect(Set(reasons.keys) == ["overview-not-a-list.json", "flow-not-an-object.json", "overview-not-utf8.json", "conflicted.json"])
        if case .wrongTypes? = reasons["overview-not-a-list.json"] {} else { Issue.record("overview: \(String(describing: reasons["overview-not-a-list.json"]))") }
        if case .wrongTypes? = reasons["flow-not-an-object.json"] {} else { Issue.record("flows: \(String(describing: reasons["flow-not-an-object.json"]))") }
        #expect(reasons["overview-not-utf8.json"] == .notUTF8)
        #expect(reasons["conflicted.json"] == .conflicted)
        for (id, summary) in store.orderedSummaries {
            let whole = try #require(try? CaseStore.read(store.filePath(of: id), id: id).get())
            #expect(summary == CaseSummary(of: whole.sheet), "\(id)")
        }
        #expect(store.summary(of: CaseID("flagged")!)?.flagCount == 1)
    }

    @Test func aNewerSchemaIsReadOnly() throws {
        let fixture = try StoreFixture()
        let bytes = Array("{\n  \"schema\": 2,\n  \"title\": \"未来\"\n}\n".utf8)
        try fixture.write("future.json", bytes)
        let store = try CaseStore(path: fixture.path)
        let id = CaseID("future")!
        #expect(store.cases[id]?.isReadOnly == true)
        #expect(throws: SaveError.readOnly(id, schema: 2)) { try store.save(store.cases[id]!.sheet, as: id) }
        #expect(try fixture.read("future.json") == bytes)
    }

    /// What the store refuses as an id (the program's refusal is in HostileIDTests).
    @Test func hostileTextsAreNoIDs() {
        for text in ["../x", "-n", "A", "", "a/b", "..", ".hidden", "x.json", "a--b", "a-", String(repeating: "a", count: 49)] {
            #expect(CaseID(text) == nil, "\(text)")
        }
        #expect(CaseID(String(repeating: "a", count: 48)) != nil)
    }

    @Test func createRefusesATakenID() throws {
        let fixture = try StoreFixture(seedCases: 1)
        let store = try CaseStore(path: fixture.path)
        let id = store.ids[0]
        let before = try fixture.read(id.fileName)
        #expect(throws: SaveError.alreadyExists(id)) { try store.create(CaseSheet(), as: id) }
        #expect(try fixture.read(id.fileName) == before)
    }

    @Test func staleTemporaryFilesAreSweptOnTheFirstScan() throws {
        let fixture = try StoreFixture(seedCases: 1)
        try fixture.write(".shigen.json.tmp-abc123", Array("{\"half".utf8))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: fixture.path + "/.shigen.json.tmp-abc123")
        // Made just now and not locked yet: its writer may be between making and locking it.
        try fixture.write(".other.json.tmp-new001", Array("{\"half".utf8))
        let store = try CaseStore(path: fixture.path)
        #expect(try fixture.names().contains(".shigen.json.tmp-abc123"), "opening lists nothing, so a save stays cheap")
        #expect(store.count == 1)
        #expect(try fixture.names().filter { $0.contains(".tmp-") } == [".other.json.tmp-new001"])
    }

    @Test func aTemporaryFileALiveSaveHoldsIsLeftAlone() throws {
        let fixture = try StoreFixture(seedCases: 1)
        try fixture.write(".shigen.json.tmp-live01", Array("{\"half".utf8))
        let holder = open(fixture.path + "/.shigen.json.tmp-live01", O_RDONLY)
        #expect(holder >= 0)
        #expect(flock(holder, LOCK_EX) == 0)
        #expect(try CaseStore(path: fixture.path).count == 1)
        #expect(try fixture.names().contains(".shigen.json.tmp-live01"))
        close(holder)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: fixture.path + "/.shigen.json.tmp-live01")
        #expect(try CaseStore(path: fixture.path).count == 1)
        #expect(try fixture.names().allSatisfy { !$0.contains(".tmp-") })
    }

    @Test func aMissingDirectoryIsAnError() {
        #expect(throws: CaseStore.OpenError.self) { try CaseStore(path: "/nonexistent/casebook-store") }
    }
}

struct ChildProcessTests {
    /// git refused by a pre-commit hook exits without reading the commit message: writing the rest
    /// of it must fail quietly, not kill casebook with SIGPIPE.
    @Test func aChildThatDoesNotReadItsInputIsNoSignal() {
        let outcome = ChildProcess.run("sh", ["-c", "echo refused >&2; exit 3"],
                                       environment: ["PATH": "/usr/bin:/bin"], input: [UInt8](repeating: 0x41, count: 1 << 20))
        #expect(outcome.status == 3)
        #expect(String(decoding: outcome.errorOutput, as: UTF8.self) == "refused\n")
    }

    /// A child that answers as it reads (`git cat-file --batch` given the paths of 2,000 changed
    /// cases): its output is read while its input is written, so neither waits for the other.
    @Test(.timeLimit(.minutes(1))) func aChildThatAnswersAsItReadsTakesInputLargerThanAPipe() {
        let input = (0..<200_000).flatMap { Array("line \($0)\n".utf8) }
        let outcome = ChildProcess.run("cat", [], environment: ["PATH": "/usr/bin:/bin"], input: input)
        #expect(outcome.status == 0)
        #expect(outcome.output == input)
    }

    /// The editor's and the pager's way: casebook's own descriptors, input through a pipe when
    /// given, the exit status back, and 127 when the program cannot start.
    @Test func onTheTerminalTheChildHasCasebooksDescriptorsAndItsInput() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let environment = ["PATH": "/usr/bin:/bin"]
        // Without input, standard input and output are this process's own (the terminal, for a person).
        let inherited = ChildProcess.runOnTerminal("/bin/sh", ["-c", "i=$(readlink /proc/$$/fd/0); o=$(readlink /proc/$$/fd/1); echo \"$i\" \"$o\" > \"$1\"; exit 4", "sh",
                                                                directory + "/fds"], environment: environment)
        #expect(inherited == 4)
        let own = ["/proc/self/fd/0", "/proc/self/fd/1"].map { (try? FileManager.default.destinationOfSymbolicLink(atPath: $0)) ?? "?" }
        let seen = try String(contentsOfFile: directory + "/fds", encoding: .utf8)
        #expect(seen == own.joined(separator: " ") + "\n", "the child saw \(seen), this process has \(own)")
        // With input, it comes through a pipe, whole.
        let text = String(repeating: "ページャーへ\n", count: 20_000)
        let fed = ChildProcess.runOnTerminal("/bin/sh", ["-c", "cat > \"$1\"", "sh", directory + "/input"],
                                             environment: environment, input: Array(text.utf8))
        #expect(fed == 0)
        #expect(try String(contentsOfFile: directory + "/input", encoding: .utf8) == text)
        #expect(ChildProcess.runOnTerminal("/nonexistent/editor", [], environment: environment) == 127)
    }

    /// A program a person works in answers signals as usual, even when casebook had them held back
    /// (a save in progress) or ignored (SIGPIPE while feeding a pager).
    @Test func onTheTerminalTheChildStartsWithSignalsAtTheirDefaults() {
        var blocked = sigset_t()
        var previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        let status = ChildProcess.runOnTerminal("/bin/sh", ["-c", "kill -TERM $$; exit 0"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(status == 128 + SIGTERM)
    }
}

struct ConcurrencyHelperTests {
    @Test(arguments: [0, 1, 63, 64, 65, 1000])
    func parallelMapKeepsOrder(count: Int) {
        #expect(Parallel.map(count) { $0 * 2 } == (0..<count).map { $0 * 2 })
    }

    @Test(arguments: [0, 1, 63, 64, 65, 1000], [1, 7, 64])
    func parallelMapDeliversEachChunksOutputInOrder(count: Int, chunkSize: Int) {
        var delivered: [[Int]] = []
        let results = Parallel.map(count, chunkSize: chunkSize, output: { [Int]() }, deliver: { delivered.append($0) }) { position, output in
            // The first chunk is the last done: the others wait for it to be delivered.
            if position == 0 { usleep(20_000) }
            output.append(position)
            return position * 2
        }
        #expect(results == (0..<count).map { $0 * 2 })
        #expect(delivered.flatMap { $0 } == Array(0..<count))
        #expect(delivered.allSatisfy { $0.count == chunkSize || $0.last == count - 1 })
    }

    /// Counts its instances alive, to see that a result is released with the array that holds it.
    private final class Counted: @unchecked Sendable {
        nonisolated(unsafe) static var alive = 0
        static let lock = NSLock()
        init() { Self.lock.withLock { Self.alive += 1 } }
        deinit { Self.lock.withLock { Self.alive -= 1 } }
    }

    @Test func parallelMapReleasesItsResults() {
        let before = Counted.lock.withLock { Counted.alive }
        do {
            let results = Parallel.map(1000) { _ in Counted() }
            #expect(results.count == 1000)
        }
        #expect(Counted.lock.withLock { Counted.alive } == before, "every result is released with the array")
    }

    @Test func backgroundGivesItsValueToEveryWait() {
        let work = Background { (1...1000).reduce(0, +) }
        #expect(work.wait() == 500_500)
        #expect(work.wait() == 500_500)
    }
}

struct ScratchFolderTests {
    /// A killed `export pdf` leaves Chromium's profile behind; the next scratch folder of the same
    /// purpose removes it, but never one of a process still running.
    @Test func aFolderLeftByAProcessThatIsGoneIsRemovedByTheNext() throws {
        let purpose = "scratch-test-\(UUID().uuidString.prefix(8))"
        let directory = FileManager.default.temporaryDirectory
        // A pid that was just in use and is gone: a child that exited and was waited for.
        let gone = ChildProcess.run("sh", ["-c", "echo $$"], environment: ["PATH": "/usr/bin:/bin"])
        let deadPID = try #require(Int32(String(decoding: gone.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        let abandoned = directory.appendingPathComponent("casebook-\(purpose)-\(deadPID)-left")
        let running = directory.appendingPathComponent("casebook-\(purpose)-1-init")
        for folder in [abandoned, running] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        defer { try? FileManager.default.removeItem(at: running) }
        let made = ScratchFolder.make(purpose)
        defer { try? FileManager.default.removeItem(at: made) }
        #expect(!FileManager.default.fileExists(atPath: abandoned.path))
        #expect(FileManager.default.fileExists(atPath: running.path), "pid 1 is running")
        #expect(made.lastPathComponent.hasPrefix("casebook-\(purpose)-\(getpid())-"))
        #expect(FileManager.default.fileExists(atPath: made.path))
    }
}
