// Search and input as an IME types them (issue 13, item 4): `casebook CMD` through pipes.
import Foundation
import Testing

@Suite("Search and input as an IME types them")
struct JapaneseInputTests {
    let shigen = "shigen-shudan-kaishu"

    /// The distinct ids at the start of `find`'s tab-separated lines.
    func ids(_ output: String) -> Set<String> {
        Set(output.split(separator: "\n").map { String($0.prefix { $0 != "\t" }) })
    }

    @Test("half-width voiced kana are composed: ﾎﾞﾗﾝﾃｨｱ finds what ボランティア finds")
    func halfWidthVoicedKana() throws {
        let fixture = try CommandFixture()
        let half = try fixture.run(["find", "ﾎﾞﾗﾝﾃｨｱ"])
        let full = try fixture.run(["find", "ボランティア"])
        #expect(half.status == 0, "\(half.all)")
        #expect(!ids(half.out).isEmpty)
        #expect(ids(half.out) == ids(full.out))
        #expect(half.out.contains("[[ボランティア]]"))
    }

    @Test("〜 (U+301C) and ～ (U+FF5E) match each other")
    func waveDashAndFullWidthTilde() throws {
        let fixture = try CommandFixture()
        let wave = try fixture.run(["find", "\u{301C}こども"])
        #expect(wave.status == 0, "\(wave.all)")
        #expect(ids(wave.out) == ["kodomo-gakko-oen-chiiki-kikin-purojekuto"])
        #expect(wave.out.contains("[[\u{FF5E}こども]]"))
    }

    @Test("several words find the cases that hold all of them, also split by a full-width space")
    func severalWords() throws {
        let fixture = try CommandFixture()
        let chonaikai = ids(try fixture.run(["find", "町内会"]).out)
        let both = try fixture.run(["find", "町内会", "奨励金"])
        #expect(both.status == 0, "\(both.all)")
        #expect(ids(both.out) == [shigen])
        #expect(chonaikai.count > 1)
        #expect(both.out.contains("[[町内会]]") && both.out.contains("[[奨励金]]"))
        #expect(ids(try fixture.run(["find", "町内会\u{3000}奨励金"]).out) == [shigen])
        let none = try fixture.run(["find", "町内会", "存在しない語"])
        #expect(none.status == 1)
        #expect(none.out.isEmpty)
    }

    @Test("full-width Latin in era years is accepted: Ｈ３０, Ｓ６０年度")
    func fullWidthEraYears() throws {
        let fixture = try CommandFixture()
        let heisei = try fixture.run(["set", shigen, "started", "Ｈ３０"])
        #expect(heisei.status == 0, "\(heisei.all)")
        var started = try fixture.sheet(shigen)["started"] as? [String: Any]
        #expect(started?["era"] as? String == "平成")
        #expect(started?["year"] as? Int == 30)
        #expect(try fixture.run(["set", shigen, "started", "ｓ６０年度"]).status == 0)
        started = try fixture.sheet(shigen)["started"] as? [String: Any]
        #expect(started?["era"] as? String == "昭和")
        #expect(started?["year"] as? Int == 60)
        let before = try fixture.snapshot()
        let bad = try fixture.run(["set", shigen, "started", "Ｘ３０"])
        #expect(bad.status == 1)
        #expect(try fixture.snapshot() == before)
    }

    @Test("statuses are accepted by their Japanese names; another name is a usage error saying what is accepted")
    func japaneseStatusNames() throws {
        let fixture = try CommandFixture()
        let draft = try fixture.run(["list", "--status", "下書き"], language: "ja_JP.UTF-8")
        #expect(draft.status == 0, "\(draft.all)")
        #expect(draft.out.split(separator: "\n").count == 28)
        let approved = try fixture.run(["list", "--status", "承認済み"], language: "ja_JP.UTF-8")
        #expect(approved.status == 0)
        #expect(approved.out.contains("事例はありません"))
        let bad = try fixture.run(["list", "--status", "完成"], language: "ja_JP.UTF-8")
        #expect(bad.status == 2)
        #expect(bad.err.contains("下書き") && bad.err.contains("完成"))
    }

    @Test("a unique part of a label names its field; a part several labels hold lists them")
    func partsOfLabels() throws {
        let fixture = try CommandFixture()
        let overview = try fixture.run(["show", shigen, "概要"])
        #expect(overview.status == 0, "\(overview.all)")
        #expect(overview.out.contains("【取り組みの概要】"))
        let started = try fixture.run(["show", shigen, "事業実施"])
        #expect(started.out.contains("昭和60年度"))
        let diagram = try fixture.run(["show", shigen, "図"])
        #expect(diagram.out.contains("【協働の図】"))
        let ambiguous = try fixture.run(["show", shigen, "相手"])
        #expect(ambiguous.status == 1)
        #expect(ambiguous.err.contains("協働の相手") && ambiguous.err.contains("役割（相手）") && ambiguous.err.contains("強み（相手）"))
    }

    @Test("find 金融機関 finds the diagram of 水洗化の普及促進, whose letter spacing was removed")
    func letterSpacingRemoved() throws {
        let fixture = try CommandFixture()
        let result = try fixture.run(["find", "金融機関"])
        #expect(result.status == 0, "\(result.all)")
        #expect(result.out.contains("suisenka-no-fukyu-sokushin\t水洗化の普及促進\t協働の図"))
    }
}
