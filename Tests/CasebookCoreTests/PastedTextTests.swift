import CasebookCore
import Testing

@Suite("PastedText: pasted paragraphs and lines broken mid-sentence")
struct PastedTextTests {
    @Test("empty lines separate paragraphs; runs of them and surrounding spaces do not count")
    func paragraphs() {
        #expect(PastedText.paragraphs("一\n\n\n  二\n三  \n\n") == [["一"], ["二", "三"]])
        #expect(PastedText.paragraphs("\n \n") == [])
    }

    @Test("a line ending without a sentence mark before a non-bullet line is broken mid-sentence")
    func brokenMidSentence() {
        #expect(PastedText.isBrokenMidSentence(["年に二回、報告会を開き、", "成果を共有しています。"]))
        #expect(!PastedText.isBrokenMidSentence(["報告会を開きます。", "成果を共有します。"]))
        #expect(!PastedText.isBrokenMidSentence(["広報", "・会場の確保"]))
        #expect(!PastedText.isBrokenMidSentence(["一行だけ"]))
    }

    @Test("joined lines: directly between Japanese, a space between Latin words")
    func joined() {
        #expect(PastedText.joined(["報告会を開き、", "成果を共有"]) == "報告会を開き、成果を共有")
        #expect(PastedText.joined(["NPO", "members"]) == "NPO members")
        #expect(PastedText.joined(["ＮＰＯ", "法人"]) == "ＮＰＯ法人")
    }

    @Test("items: broken paragraphs joined only when asked; a one-line field loses every break")
    func items() {
        let text = "一段落目。\n\n二段落、\n続き。\n\n・甲\n・乙"
        #expect(PastedText.items(text, joinBrokenLines: true) == ["一段落目。", "二段落、続き。", "・甲", "・乙"])
        #expect(PastedText.items(text, joinBrokenLines: false) == ["一段落目。", "二段落、", "続き。", "・甲", "・乙"])
        #expect(PastedText.oneLine("子ども食堂\nネットワーク\n\n支援事業") == "子ども食堂ネットワーク支援事業")
    }
}
