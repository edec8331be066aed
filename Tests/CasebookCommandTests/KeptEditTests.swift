// A save refused because the file changed meanwhile keeps the edit, and no later command writes
// it without --force (issue 10): driven through a pipe.
import CasebookCore
import Foundation
import Testing

struct KeptEditTests {
    static let id = "shigen-shudan-kaishu"

    /// An "editor" that, while the user edits 協働の形態, has another program change the same field
    /// in the case file (委託), then hands back the user's value (共催).
    static func conflictingEditor(_ fixture: CommandFixture) throws -> String {
        let path = fixture.root.appendingPathComponent("editor.sh").path
        let file = fixture.fileURL(id).path
        let script = "#!/bin/sh\nsed -i 's/\"form\": \"補助・助成\"/\"form\": \"委託\"/' '\(file)'\nprintf '共催\\n' > \"$1\"\n"
        try script.write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    static func sheet(_ fixture: CommandFixture) throws -> CaseSheet {
        try SheetCodec.decode(try JSONParser.parse(try fixture.bytes(id)))
    }

    @Test func theOutsideChangeSurvivesEveryLaterCommandWithoutForce() throws {
        let fixture = try CommandFixture()
        let editor = try Self.conflictingEditor(fixture)
        let script = """
        edit \(Self.id) form --editor
        set \(Self.id) started H5
        edit \(Self.id) title --editor
        save \(Self.id)
        list
        show \(Self.id) basics
        diff \(Self.id)
        quit
        no
        set \(Self.id) title 別の題名
        quit
        yes

        """
        let result = try fixture.run([], extra: ["EDITOR": editor], input: script)
        #expect(result.status == 1, "the refused saves failed: \(result.all)")
        let sheet = try Self.sheet(fixture)
        #expect(sheet.form == "委託", "the outside change survives: \(result.all)")
        #expect(sheet.started == EraYear(era: .showa, year: 60), "a set of another field did not write the kept edit")
        #expect(sheet.title == "資源集団回収")
        // Each refusal names the field that conflicts: the edit itself, the set and the edit of other
        // fields, the save, and the last set are all refused.
        let refusals = result.err.components(separatedBy: "Not saved: 協働の形態 of shigen-shudan-kaishu.json changed in the file too").count - 1
        #expect(refusals == 5, "\(result.err)")
        // diff shows what the kept edit changed in the version it was made from: not the file's
        // change (委託), which would look like the person's own, undone.
        #expect(result.out.contains("shigen-shudan-kaishu 共催 (unsaved edit: what it changed in the version it was made from)"), "\(result.out)")
        #expect(result.out.contains("【協働の形態】\n    - [-補助・助成-]\n    + {+共催+}"), "\(result.out)")
        #expect(!result.out.contains("[-委託-]"), "\(result.out)")
        // quit asks twice; the first answer keeps the shell running.
        #expect(result.out.components(separatedBy: "Unsaved edits are kept in memory: shigen-shudan-kaishu（").count - 1 == 2, "\(result.out)")
    }

    @Test func anEditKeptAfterItsFileWasDeletedIsDroppedOrWrittenByItsID() throws {
        let fixture = try CommandFixture()
        // An "editor" during which another program deletes the case file.
        let path = fixture.root.appendingPathComponent("editor.sh").path
        try "#!/bin/sh\nrm '\(fixture.fileURL(Self.id).path)'\nprintf '新しい題\\n' > \"$1\"\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o755)
        let original = try fixture.bytes(Self.id)
        let dropped = try fixture.run([], extra: ["EDITOR": path], input: "edit \(Self.id) title --editor\nreload \(Self.id)\nquit\n")
        #expect(dropped.err.contains("was deleted"), "\(dropped.all)")
        #expect(!dropped.all.contains("No case matches"), "\(dropped.all)")
        #expect(!dropped.out.contains("Unsaved edits are kept in memory"), "reload dropped it: \(dropped.all)")
        #expect(!FileManager.default.fileExists(atPath: fixture.fileURL(Self.id).path))
        // The same again, written back with --force.
        try Data(original).write(to: fixture.fileURL(Self.id))
        let written = try fixture.run([], extra: ["EDITOR": path], input: "edit \(Self.id) title --editor\nsave \(Self.id) --force\nquit\n")
        #expect(!written.all.contains("No case matches"), "\(written.all)")
        #expect(try Self.sheet(fixture).title == "新しい題", "\(written.all)")
    }

    @Test func forceWritesTheEditOverTheConflictingFieldOnly() throws {
        let fixture = try CommandFixture()
        let editor = try Self.conflictingEditor(fixture)
        let script = "edit \(Self.id) form --editor\nsave \(Self.id) --force\n"
        let result = try fixture.run([], extra: ["EDITOR": editor], input: script)
        #expect(result.status == 1, "the first save was refused: \(result.all)")
        #expect(result.out.contains("Your value replaced the other change in 協働の形態."), "\(result.all)")
        #expect(try Self.sheet(fixture).form == "共催")
    }

    @Test func aCleanMergeSaysWhichFieldsCameFromTheFile() throws {
        let fixture = try CommandFixture()
        // The outside program changes 協働の形態 while the user edits 事業名.
        let path = fixture.root.appendingPathComponent("editor.sh").path
        let script = "#!/bin/sh\nsed -i 's/\"form\": \"補助・助成\"/\"form\": \"委託\"/' '\(fixture.fileURL(Self.id).path)'\nprintf '資源集団回収事業\\n' > \"$1\"\n"
        try script.write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o755)
        let result = try fixture.run(["edit", Self.id, "title", "--editor"], language: "ja_JP.UTF-8", extra: ["EDITOR": path])
        #expect(result.status == 0, "\(result.all)")
        #expect(result.out.contains("協働の形態は他で変更されていました。両方の変更を保存しました。"), "\(result.all)")
        let sheet = try Self.sheet(fixture)
        #expect(sheet.form == "委託")
        #expect(sheet.title == "資源集団回収事業")
    }
}
