import CasebookCore
import Testing

@Suite("HangingWrap: terminal lines with colour, wrapped under their text")
struct HangingWrapTests {
    static let text = "市民総ぐるみのごみ減量・資源化運動の展開を図るための事業の一環として、昭和55年度に資源モデル事業を開始。"

    @Test("lines fit the width, continuations are indented, and nothing is lost")
    func fitsAndIndents() {
        let lines = HangingWrap.wrap("    - " + Self.text, width: 30, hang: 6)
        #expect(lines.count > 2)
        for line in lines { #expect(DisplayWidth.of(line) <= 30, "\(line)") }
        for line in lines.dropFirst() { #expect(line.hasPrefix("      ") && !line.hasPrefix("       ")) }
        #expect(lines.map { $0.trimmingWhitespace() }.joined() == "- " + Self.text)
        for line in lines.dropFirst() { #expect(!LineWrapper.noLineStart.contains(line.trimmingWhitespace().first!), "\(line)") }
    }

    @Test("colour escape sequences take no columns and are kept whole")
    func escapesTakeNoRoom() {
        let coloured = "    \u{1B}[31m-\u{1B}[0m " + Self.text
        let lines = HangingWrap.wrap(coloured, width: 30, hang: 6)
        #expect(lines.first!.hasPrefix("    \u{1B}[31m-\u{1B}[0m "))
        for line in lines {
            #expect(DisplayWidth.of(line.replacingOccurrences(of: "\u{1B}[31m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "")) <= 30)
        }
        #expect(HangingWrap.wrap("short", width: 30, hang: 6) == ["short"])
    }
}
