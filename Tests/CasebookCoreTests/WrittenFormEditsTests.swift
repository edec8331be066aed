import Foundation
import Testing
@testable import CasebookCore

/// A text as written is kept in a search record as the edits that make it from its search form;
/// applying them gives the text back, byte for byte.
struct WrittenFormEditsTests {
    static func edits(of text: String) -> [UInt8] {
        let written = Array(text.utf8)
        let searched = Array(SearchNormalizer.normalize(text).utf8)
        var edits: [UInt8] = []
        written.withUnsafeBufferPointer { written in
            searched.withUnsafeBufferPointer { WrittenFormEdits.append(written: written, searched: $0, to: &edits) }
        }
        return edits
    }

    static func applied(_ edits: [UInt8], to searched: String) -> String? {
        let searched = Array(searched.utf8)
        return edits.withUnsafeBufferPointer { edits in
            searched.withUnsafeBufferPointer { WrittenFormEdits.apply(edits, to: $0) }
        }.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test(arguments: [
        "帯広の森・ハグクームの指定管理者", "ＮＰＯ法人（とかち）：１２３", "ﾊｸﾞｸｰﾑの町内会", "㈱とかち", "か\u{3099}わ",
        "ボランティア〜市民", "12,3,4:ア", "ア", "0,0,0:", "𠮷野家のＡ", "Ａ\u{1F600}ｂ", "e\u{301}ア",
    ])
    func givesTheTextBack(_ text: String) {
        let searched = SearchNormalizer.normalize(text)
        #expect(Self.applied(Self.edits(of: text), to: searched) == text)
    }

    @Test func everySeedTextComesBack() throws {
        var texts = 0
        var differing = 0
        var written = 0
        var kept = 0
        for file in try TestPaths.seedFiles() {
            let sheet = try SheetCodec.decode(try JSONParser.parse(Array(try Data(contentsOf: file))))
            for (_, text) in sheet.searchableTexts {
                texts += 1
                let searched = SearchNormalizer.normalize(text)
                guard searched != text else { continue }
                differing += 1
                let edits = Self.edits(of: text)
                #expect(Self.applied(edits, to: searched) == text, "\(file.lastPathComponent): \(text)")
                written += text.utf8.count
                kept += edits.count
            }
        }
        #expect(texts > 400 && differing > 100, "\(texts) texts, \(differing) not their search forms")
        // Only what was folded is kept: far less than the texts again.
        #expect(kept * 3 < written, "\(kept) bytes of edits for \(written) bytes of text")
    }

    @Test func aLongTextKeepsOnlyItsFoldedCharacters() {
        let text = "町内会と協働して資源集団回収を進める。ハグクームの指定管理者として市民と連携する。"
        let edits = Self.edits(of: text)
        // 19 characters kept (57 bytes), ハグク folded, ー kept, ム folded.
        #expect(String(decoding: edits, as: UTF8.self) == "57,9,9:ハグク3,3,3:ム")
    }

    @Test func textsWithAnotherNumberOfCharactersAreOneEdit() {
        // ｸﾞ is two characters that search as one (ぐ).
        let text = "ﾊｸﾞｸｰﾑの町内会"
        let edits = String(decoding: Self.edits(of: text), as: UTF8.self)
        #expect(edits == "0,\(SearchNormalizer.normalize(text).utf8.count),\(text.utf8.count):\(text)")
    }

    @Test(arguments: ["1,2", "x,0,0:", "0,0,5:ab", "99,0,0:", "0,99,0:", "0,0,0", ",0,0:", "0,,0:", "1234567890,0,0:"])
    func malformedEditsGiveNothing(_ edits: String) {
        #expect(Self.applied(Array(edits.utf8), to: "abc") == nil)
    }

    @Test func randomTextsOfEveryKindComeBack() {
        // Texts drawn from characters the normaliser treats every way: kept, folded one for one,
        // composed or decomposed (another number of characters), and beyond the BMP.
        let pool: [String] = ["町", "内", "会", "の", "は", "ハ", "グ", "ー", "ム", "ｶ", "ﾞ", "ﾊ", "ﾟ", "Ａ", "ｂ", "１", "a", "B", "9",
                              "（", "）", "：", "　", " ", "、", "。", "〜", "～", "①", "㈱", "か", "\u{3099}", "e", "\u{301}",
                              "𠮷", "👨‍👩‍👧", "葛\u{E0100}", ",", ":", "0", "ヴ", "ヵ", "ゞ", "・"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            // A fixed sequence (xorshift), so that a failure is the same on every run.
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
        for _ in 0..<3000 {
            let text = (0..<(1 + next(24))).map { _ in pool[next(pool.count)] }.joined()
            let searched = SearchNormalizer.normalize(text)
            #expect(Self.applied(Self.edits(of: text), to: searched) == text, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func noEditsKeepTheSearchForm() {
        #expect(Self.applied([], to: "町内会") == "町内会")
    }
}
