// Processes saving one case at the same moment: no change is ever lost without a word (issue 10).
import CasebookCore
import Foundation
import Testing

struct ConcurrentSaveTests {
    static let id = "shigen-shudan-kaishu"

    /// Starts `casebook ARGS --store STORE` with empty input and output to files, not waiting.
    static func start(_ fixture: CommandFixture, _ arguments: [String], input: FileHandle? = nil,
                      output: URL) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandFixture.executable)
        process.arguments = arguments + ["--store", fixture.store.path]
        process.environment = fixture.environment(language: "C.UTF-8")
        process.standardInput = input ?? FileHandle.nullDevice
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        try handle.close()
        return process
    }

    /// The title and form of the case as the file holds them now.
    static func titleAndForm(_ fixture: CommandFixture) throws -> (title: String, form: String, started: EraYear?) {
        let document = try JSONParser.parse([UInt8](try Data(contentsOf: fixture.fileURL(id))))
        let sheet = try SheetCodec.decode(document)
        return (sheet.title, sheet.form, sheet.started)
    }

    @Test(.timeLimit(.minutes(5)))
    func twoHundredPairsOfSetsOnDifferentFieldsLoseNothing() throws {
        let fixture = try CommandFixture()
        var silentLosses: [String] = []
        var refusals = 0
        for pair in 0..<200 {
            let title = "題名-\(pair)"
            // 昭和 years 1 to 60 in turn, so that each pair's value differs from the last one's.
            let year = pair % 60 + 1
            let outA = fixture.root.appendingPathComponent("a.txt"), outB = fixture.root.appendingPathComponent("b.txt")
            let a = try Self.start(fixture, ["set", Self.id, "title", title], output: outA)
            let b = try Self.start(fixture, ["set", Self.id, "started", "昭和\(year)"], output: outB)
            a.waitUntilExit()
            b.waitUntilExit()
            let now = try Self.titleAndForm(fixture)
            let textA = try String(contentsOf: outA, encoding: .utf8), textB = try String(contentsOf: outB, encoding: .utf8)
            if a.terminationStatus != 0 || b.terminationStatus != 0 {
                // A refusal is allowed when it says so; nothing else may fail.
                #expect(textA.contains("Not saved") || textB.contains("Not saved"), "pair \(pair): \(textA) \(textB)")
                refusals += 1
            }
            if a.terminationStatus == 0, now.title != title { silentLosses.append("pair \(pair): title \(now.title): \(textA)") }
            if b.terminationStatus == 0, now.started != EraYear(era: .showa, year: year) {
                silentLosses.append("pair \(pair): started \(now.started?.displayText ?? "none"): \(textB)")
            }
        }
        #expect(silentLosses.isEmpty, "\(silentLosses.count) lost: \(silentLosses.prefix(5))")
        #expect(refusals == 0, "different fields always merge")
    }

    @Test(.timeLimit(.minutes(5)))
    func twoPipedShellsSavingTwoHundredTimesEachLoseNothing() throws {
        let fixture = try CommandFixture()
        let inputA = Pipe(), inputB = Pipe()
        let outA = fixture.root.appendingPathComponent("shell-a.txt"), outB = fixture.root.appendingPathComponent("shell-b.txt")
        let a = try Self.start(fixture, [], input: inputA.fileHandleForReading, output: outA)
        let b = try Self.start(fixture, [], input: inputB.fileHandleForReading, output: outB)
        let feed = Thread {
            for step in 0..<200 { inputA.fileHandleForWriting.write(Data("set \(Self.id) title A-\(step)\n".utf8)) }
            try? inputA.fileHandleForWriting.close()
        }
        feed.start()
        for step in 0..<200 { inputB.fileHandleForWriting.write(Data("set \(Self.id) form B-\(step)\n".utf8)) }
        try inputB.fileHandleForWriting.close()
        // While they run, the file is looked at again and again: neither value may ever go back.
        var highestA = -1, highestB = -1
        var regressions: [String] = []
        func observe() throws {
            guard let now = try? Self.titleAndForm(fixture) else { return }
            let stepA = now.title.hasPrefix("A-") ? Int(now.title.dropFirst(2)) ?? -1 : -1
            let stepB = now.form.hasPrefix("B-") ? Int(now.form.dropFirst(2)) ?? -1 : -1
            if stepA < highestA { regressions.append("title went back from A-\(highestA) to \(now.title)") }
            if stepB < highestB { regressions.append("form went back from B-\(highestB) to \(now.form)") }
            highestA = max(highestA, stepA)
            highestB = max(highestB, stepB)
        }
        while a.isRunning || b.isRunning {
            try observe()
            usleep(500)
        }
        try observe()
        let textA = try String(contentsOf: outA, encoding: .utf8), textB = try String(contentsOf: outB, encoding: .utf8)
        #expect(a.terminationStatus == 0, "\(textA.suffix(400))")
        #expect(b.terminationStatus == 0, "\(textB.suffix(400))")
        #expect(regressions.isEmpty, "\(regressions.count) lost updates: \(regressions.prefix(5))")
        let end = try Self.titleAndForm(fixture)
        #expect(end.title == "A-199")
        #expect(end.form == "B-199")
    }
}
