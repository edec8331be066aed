import Testing
@testable import CasebookCore

/// The character-level diff as plain pairs: old, new, and the marked-up line expected.
struct CharacterDiffTests {
    @Test(arguments: [
        ("市民総ぐるみの運動", "市民全ぐるみの運動", "市民[-総-]{+全+}ぐるみの運動"),
        ("同じ文", "同じ文", "同じ文"),
        ("", "追加", "{+追加+}"),
        ("削除", "", "[-削除-]"),
        ("資源回収", "資源集団回収", "資源{+集団+}回収"),
        ("資源集団回収", "資源回収", "資源[-集団-]回収"),
        ("平成４年", "平成5年", "平成[-４-]{+5+}年"),
        ("abc", "xyz", "[-abc-]{+xyz+}"),
        ("町内会。", "町内会、", "町内会[-。-]{+、+}"),
        ("がっこう", "かっこう", "[-が-]{+か+}っこう"),
        // A kana with a combining voicing mark is one grapheme cluster: changed whole, never split.
        ("か\u{3099}い", "かい", "[-か\u{3099}-]{+か+}い"),
        // An emoji sequence is one character too.
        ("花👨‍👩‍👧です", "花👨‍👩‍👦です", "花[-👨‍👩‍👧-]{+👨‍👩‍👦+}です"),
        ("ごみ減量・資源化", "ごみの減量と資源化", "ごみ{+の+}減量[-・-]{+と+}資源化"),
    ])
    func markers(old: String, new: String, expected: String) {
        #expect(CharacterDiff.render(CharacterDiff.segments(old, new), colour: false) == expected)
    }

    @Test func segmentsRebuildBothVersions() {
        let pairs = [("一二三四五六七八九十", "一三四五六八九十十一"), ("abcabba", "cbabac"), ("", ""), ("あいうえお", "おえういあ")]
        for (old, new) in pairs {
            let segments = CharacterDiff.segments(old, new)
            var before = "", after = ""
            for segment in segments {
                switch segment {
                case .same(let text): before += text; after += text
                case .removed(let text): before += text
                case .added(let text): after += text
                }
            }
            #expect(before == old)
            #expect(after == new)
        }
    }

    @Test func theScriptIsMinimal() {
        // Myers finds the shortest script: abcabba → cbabac takes 5 edits.
        let operations = SequenceDiff.operations(Array("abcabba"), Array("cbabac"))
        #expect(operations.filter { if case .equal = $0 { return false } else { return true } }.count == 5)
    }

    @Test func colourUsesEscapesInsteadOfMarkers() {
        let line = CharacterDiff.render(CharacterDiff.segments("総", "全"), colour: true)
        #expect(!line.contains("[-"))
        #expect(line.contains("\u{1B}["))
        #expect(line.contains("総") && line.contains("全"))
    }

    @Test func textFromTheFileIsMadeSafe() {
        let line = CharacterDiff.render(CharacterDiff.segments("a", "a\u{1B}]52;c;x\u{07}"), colour: false, safe: TerminalSafeText.make)
        #expect(!line.contains("\u{1B}"))
        #expect(line.contains("{+^[]52;c;x^G+}"))
    }

    @Test func longUnchangedStretchesAreShortened() {
        let old = String(repeating: "あ", count: 50) + "総" + String(repeating: "い", count: 50)
        let new = String(repeating: "あ", count: 50) + "全" + String(repeating: "い", count: 50)
        let line = CharacterDiff.render(CharacterDiff.elided(CharacterDiff.segments(old, new)), colour: false)
        #expect(line == "…" + String(repeating: "あ", count: 20) + "[-総-]{+全+}" + String(repeating: "い", count: 20) + "…")
    }

    @Test func listItemsAddedRemovedAndChanged() {
        let change = SheetDiff.Change(label: "協働の相手", field: .partners,
                                      before: ["町内会", "PTA", "老人クラブ"],
                                      after: ["町内会連合会", "老人クラブ", "NPO法人"])
        let lines = SheetDiff.lines(for: change, colour: false, indent: "")
        #expect(lines == ["~ 町内会{+連合会+}", "- [-PTA-]", "+ {+NPO法人+}"])
    }

    @Test func commitMessageNamesCasesAndFields() {
        let message = CommitMessage.make(
            added: [.init(id: "chotto-kurashi-sapoto-jigyo", title: "ちょっと暮らしサポート事業")],
            changed: [.init(id: "shigen-shudan-kaishu", title: "資源集団回収", labels: ["協働の成果", "役割（市）"])],
            deleted: [.init(id: "komyuniti-koza", title: "コミュニティ講座")])
        #expect(message == "新規: ちょっと暮らしサポート事業; 更新: 資源集団回収（協働の成果, 役割（市））; 削除: コミュニティ講座")
    }

    @Test func aChangeToManyCasesNamesTenOnTheFirstLineAndListsEveryOneBelowWithItsID() {
        // Cases of one title (a yearly event) are told apart in the list below by their ids.
        let changed = (1...25).map { CommitMessage.Changed(id: "jigyo-\($0)", title: "事業\($0 % 5)", labels: ["担当課"]) }
        let message = CommitMessage.make(added: [.init(id: "atarashii", title: "新しい事業")], changed: changed, deleted: [])
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "新規: 新しい事業; 更新: " + (1...10).map { "事業\($0 % 5)（担当課）" }.joined(separator: ", ") + " ほか 15 件")
        #expect(lines[1] == "")
        #expect(Array(lines.dropFirst(2)) == ["新規 atarashii: 新しい事業"] + (1...25).map { "更新 jigyo-\($0): 事業\($0 % 5)（担当課）" })
    }
}
