import CasebookCore
import Foundation
import Testing
@testable import CasebookStore

/// SIGKILL at random moments during a loop of saves never leaves a torn file (SPEC §2.2).
struct CrashSafetyTests {
    @Test(.timeLimit(.minutes(3)))
    func killedSavesLeaveTheOldOrTheNewFile() throws {
        let binary = StoreFixture.casebookBinary
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build casebook first: \(binary)")
        let fixture = try StoreFixture(seedCases: 1)
        let store = try CaseStore(path: fixture.path)
        let id = store.ids[0]
        let base = store.cases[id]!.sheet
        // Every title the child may write, and the exact bytes each would produce.
        let titles = (0..<40).map { "保存\($0)回目" + String(repeating: "長", count: $0 * 50) }
        var allowed = Set<[UInt8]>([try fixture.read(id.fileName)])
        for title in titles {
            var sheet = base
            sheet.title = title
            allowed.insert(CanonicalJSONWriter.bytes(of: SheetCodec.encode(sheet)))
        }
        let script = titles.map { "set \(id.rawValue) title \($0) --force\n" }.joined()
        var generator = SystemRandomNumberGenerator()
        for round in 0..<100 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["--store", fixture.path]
            var environment = ProcessInfo.processInfo.environment
            environment["LANG"] = "C.UTF-8"
            process.environment = environment
            let input = Pipe()
            process.standardInput = input
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            input.fileHandleForWriting.write(Data(script.utf8))
            usleep(UInt32.random(in: 0...40_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try? input.fileHandleForWriting.close()
            let bytes = try fixture.read(id.fileName)
            #expect(allowed.contains(bytes), "round \(round): the file is neither the old nor a new version")
            _ = try JSONParser.parse(bytes)
            // A later scan sweeps whatever temporary file the kill left (its lock died with it), once
            // it is a few seconds old (a younger one may be a live writer's before it locks it).
            for name in try fixture.names() where name.contains(".tmp-") {
                try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: fixture.path + "/" + name)
            }
            _ = try CaseStore(path: fixture.path).ids
            #expect(try fixture.names().allSatisfy { !$0.contains(".tmp-") }, "round \(round)")
        }
    }
}
