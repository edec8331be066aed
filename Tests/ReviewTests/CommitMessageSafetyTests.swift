// A commit message casebook writes from case data carries nothing raw to the terminals that read
// `git log` (issue 10, SPEC §7).
import CasebookCore
import Foundation
import Testing

struct CommitMessageSafetyTests {
    @Test func aTitleWithEscBelAndARightToLeftOverrideIsVisibleNotRaw() throws {
        let fixture = try ReviewFixture()
        var sheet = CaseSheet()
        sheet.title = "悪い\u{1B}]0;乗っ取り\u{07}題名\u{202E}逆さ\u{85}"
        try fixture.write(sheet, as: "hostile-title")
        let commit = try fixture.run(["commit"])
        #expect(commit.status == 0, "\(commit.all)")
        let log = try fixture.git(["log", "-1", "--format=%B"]).out
        let raw = log.unicodeScalars.filter { TerminalSafeText.isUnsafe($0) && $0 != "\n" }
        #expect(raw.isEmpty, "raw controls in git log: \(raw.map { String($0.value, radix: 16) })")
        #expect(log.contains("新規: 悪い^[]0;乗っ取り^G題名<U+202E>逆さ"), "\(log)")
        #expect(!commit.out.unicodeScalars.contains { TerminalSafeText.isUnsafe($0) && $0 != "\n" })
    }

    @Test func theGeneratedMessageMakesEveryTitleSafe() {
        let message = CommitMessage.make(added: [.init(id: "a", title: "a\u{1B}[2Jb")], changed: [.init(id: "c", title: "c\u{7F}", labels: ["協働の成果"])],
                                         deleted: [.init(id: "d", title: "\u{202E}d")])
        #expect(message == "新規: a^[[2Jb; 更新: c^?（協働の成果）; 削除: <U+202E>d")
    }
}
