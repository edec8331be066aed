// Tab completion of `export` in the shell, and the runner's guards around Chromium: a time
// limit that kills the whole process group, and a missing input that "succeeds" with no PDF.
import CasebookCore
import CasebookStore
import Foundation
import Testing

@Suite struct ExportCompletionTests {
    static let vocabulary = CompletionVocabulary(
        commands: ["export", "edit"], options: ["export": ["--status", "--output", "--encoding", "--store"]],
        optionValues: ["--status": ["draft", "review", "approved"], "--encoding": ["utf-8", "cp932"]],
        cases: [("shigen-shudan-kaishu", "資源集団回収"), ("shimin-bunko-masuta", "市民文庫マスター")], hasOpenCase: false)

    @Test(arguments: [
        ("export ", ["html", "pdf", "csv", "md"]),
        ("export p", ["pdf"]),
        ("export pdf shi", ["shigen-shudan-kaishu", "shimin-bunko-masuta"]),
        ("export pdf shigen-shudan-kaishu 市民", ["市民文庫マスター"]),
        ("export csv --enc", ["--encoding"]),
        ("export csv --encoding c", ["cp932"]),
    ])
    func completes(line: String, expected: [String]) {
        #expect(CommandCompletion.complete(line, vocabulary: Self.vocabulary).candidates == expected, "\(line)")
    }
}

@Suite struct ChromiumRunnerTests {
    @Test func aProgramPastItsTimeLimitIsKilledWithItsChildren() throws {
        let started = Date()
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("casebook-timeout-\(UUID().uuidString)").path
        // The child's own child would write the marker after 3 s if it outlived the kill.
        let outcome = ChildProcess.run("/bin/sh", ["-c", "(sleep 3; echo alive > '\(marker)') & sleep 30"],
                                       environment: ["PATH": "/usr/bin:/bin"], timeLimit: 0.5)
        #expect(outcome.timedOut)
        #expect(Date().timeIntervalSince(started) < 10)
        Thread.sleep(forTimeInterval: 3.5)
        #expect(!FileManager.default.fileExists(atPath: marker), "a child outlived the time limit")
        try? FileManager.default.removeItem(atPath: marker)
    }

    @Test func aMissingInputIsAFailureEvenThoughChromiumExitsZero() throws {
        let chromium = try Browser.chromium()
        let pdf = FileManager.default.temporaryDirectory.appendingPathComponent("casebook-missing-\(UUID().uuidString).pdf").path
        defer { try? FileManager.default.removeItem(atPath: pdf) }
        #expect(throws: Chromium.Failure.self) {
            try chromium.printToPDF(htmlPath: "/nonexistent/casebook/book.html", pdfPath: pdf)
        }
        #expect(!FileManager.default.fileExists(atPath: pdf))
    }
}
