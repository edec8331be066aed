// Guided walks driven through a pipe: each accepted item is saved when accepted, `<` keeps what
// was typed, and a walk that ends on an error stops the script (issue 10, SPEC §3.3).
import CasebookCore
import Foundation
import Testing

struct WalkSavingTests {
    static func sheet(_ fixture: CommandFixture, _ id: String) throws -> CaseSheet {
        try SheetCodec.decode(try JSONParser.parse(try fixture.bytes(id)))
    }

    @Test func goingBackInsideAListKeepsTheItemsTypedSoFar() throws {
        let fixture = try CommandFixture()
        let result = try fixture.run([], input: "new walk-back\n地域防災訓練\n企画課\n地域福祉課\n<\n地域防災訓練\n.\n")
        #expect(result.status == 0, "\(result.all)")
        #expect(try Self.sheet(fixture, "walk-back").departments == ["企画課", "地域福祉課"], "\(result.all)")
    }

    @Test(.timeLimit(.minutes(1)))
    func aWalkEndingOnAnErrorStopsTheScript() throws {
        let fixture = try CommandFixture()
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: CommandFixture.executable)
        shell.arguments = ["--store", fixture.store.path]
        shell.environment = fixture.environment(language: "C.UTF-8")
        let input = Pipe(), output = Pipe()
        shell.standardInput = input
        shell.standardOutput = output
        shell.standardError = output
        try shell.run()
        input.fileHandleForWriting.write(Data("new walk-error\n地域防災訓練\n".utf8))
        // The case exists once its title is accepted; then another program breaks the file.
        let file = fixture.fileURL("walk-error").path
        while !FileManager.default.fileExists(atPath: file) { usleep(2_000) }
        usleep(50_000)
        try Data("<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> theirs\n".utf8).write(to: URL(fileURLWithPath: file))
        // 企画課 is the walk's next value; its save fails, and the lines after it are not commands.
        input.fileHandleForWriting.write(Data("企画課\nlist\ndelete shigen-shudan-kaishu\nyes\n".utf8))
        try input.fileHandleForWriting.close()
        shell.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(shell.terminationStatus == 1, "\(text)")
        #expect(text.contains("Not saved: walk-error.json on disk can no longer be read"), "\(text)")
        #expect(!text.contains("id  "), "list did not run: \(text)")
        #expect(FileManager.default.fileExists(atPath: fixture.fileURL("shigen-shudan-kaishu").path), "delete did not run")
    }
}
