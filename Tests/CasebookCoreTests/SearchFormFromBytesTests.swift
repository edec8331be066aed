import Testing
@testable import CasebookCore

/// Search forms made from a text's bytes are those made from the text.
struct SearchFormFromBytesTests {
    @Test(arguments: ["", "町内会", "ボランティア", "ﾎﾞﾗﾝﾃｨｱ", "①ＮＰＯ法人", "豈𠮷㍻", "NPO npo Ｎｐｏ", "〜～~", "é e\u{301}", "→※■", "①②⑨⑩", "𠮷野家", "ÀÉ", "\u{4DC0}䷀", "\u{4DFF}一\u{4E00}会中"])
    func theSameAsFromTheText(_ text: String) {
        var fromText: [UInt8] = []
        SearchNormalizer.appendNormalized(text, to: &fromText)
        var fromBytes: [UInt8] = []
        Array(text.utf8).withUnsafeBufferPointer { SearchNormalizer.appendNormalized(utf8: $0, to: &fromBytes) }
        #expect(fromBytes == fromText)
        let scalars = Array(text.utf8).withUnsafeBufferPointer { utf8 in
            var scalars: [Unicode.Scalar] = []
            var index = 0
            while index < utf8.count {
                let (scalar, length) = WellFormedUTF8.scalar(at: index, in: utf8)
                scalars.append(scalar)
                index += length
            }
            return scalars
        }
        #expect(scalars == Array(text.unicodeScalars))
    }

    @Test func theUnifiedKanjiAreTheirOwnSearchForms() {
        // What lets the search form of bytes copy them as they are.
        for value in UInt32(0x4E00)...UInt32(0x9FFF) {
            let scalar = Unicode.Scalar(value)!
            if SearchNormalizer.quickForm(of: scalar) != scalar { Issue.record("U+\(String(value, radix: 16))") }
        }
    }

    @Test func everyKanaAndCJKPunctuationFromBytesIsAsFromTheText() {
        // The table the bytes are looked up in, U+3000 to U+30FF, against the text's own way.
        for value in UInt32(0x3000)...UInt32(0x30FF) {
            let text = "Aか" + String(Unicode.Scalar(value)!) + "カ"
            var fromText: [UInt8] = []
            SearchNormalizer.appendNormalized(text, to: &fromText)
            var fromBytes: [UInt8] = []
            Array(text.utf8).withUnsafeBufferPointer { SearchNormalizer.appendNormalized(utf8: $0, to: &fromBytes) }
            if fromBytes != fromText { Issue.record("U+\(String(value, radix: 16))") }
        }
    }
}
