// A refused save in the shell on a pseudo-terminal: the edit is kept, nothing later writes it
// without --force, and leaving asks first (issue 10).
import CasebookCore
import Foundation
@testable import CasebookTestSupport
import Testing

struct KeptEditSessionTests {
    static let id = "shigen-shudan-kaishu"

    static func sheet(_ fixture: Fixture) throws -> CaseSheet {
        try SheetCodec.decode(try JSONParser.parse(try fixture.bytes(id)))
    }

    @Test(.timeLimit(.minutes(1)))
    func theOutsideChangeSurvivesAndCtrlDAsksBeforeDroppingTheEdit() throws {
        let fixture = try Fixture()
        let shell = try fixture.startShell()
        try shell.ready("casebook> ")
        try shell.answer("edit \(Self.id) form", thenWaitFor: "協働の形態> ")
        // While the user is at the prompt, another program changes the same field.
        let outside = String(decoding: try fixture.bytes(Self.id), as: UTF8.self)
            .replacingOccurrences(of: "\"form\": \"補助・助成\"", with: "\"form\": \"委託\"")
        try Data(outside.utf8).write(to: fixture.fileURL(Self.id))
        shell.send(.ctrlU)
        var mark = try shell.answer("共催", thenWaitFor: "casebook> ")
        #expect(shell.visibleText(after: mark - 600).contains("Not saved: 協働の形態"), "\(shell.report())")
        for line in ["set \(Self.id) started H5", "save \(Self.id)"] {
            mark = try shell.answer(line, thenWaitFor: "casebook> ")
            #expect(shell.visibleText(after: mark - 400).contains("Not saved: 協働の形態"), "\(line): \(shell.report())")
        }
        // A walk through another field of the same case is refused at its first save too.
        try shell.answer("edit \(Self.id) title", thenWaitFor: "事業名> ")
        shell.send(.ctrlU)
        mark = try shell.answer("別の題名", thenWaitFor: "casebook> ")
        #expect(shell.visibleText(after: mark - 600).contains("Not saved: 協働の形態"), "\(shell.report())")
        // Ctrl-D asks; "no" stays in the shell.
        shell.send(.ctrlD)
        try shell.ready("Discard them and quit? (yes/no)")
        mark = try shell.answer("no", thenWaitFor: "casebook> ")
        #expect(try Self.sheet(fixture).form == "委託")
        // quit asks too; "yes" leaves, and the file still holds the outside change.
        try shell.answer("quit", thenWaitFor: "Discard them and quit? (yes/no)")
        try shell.waitForEditing()
        shell.send("yes")
        shell.send(.enter)
        #expect(try shell.waitForExit() == 0)
        let sheet = try Self.sheet(fixture)
        #expect(sheet.form == "委託")
        #expect(sheet.started == EraYear(era: .showa, year: 60))
        #expect(sheet.title == "資源集団回収")
    }
}
