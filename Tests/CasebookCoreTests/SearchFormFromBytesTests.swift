import Testing
@testable import CasebookCore

/// Search forms made from a text's bytes (with their shortcuts: kanji copied, kana from a table)
/// are those made scalar by scalar from the text.
struct SearchFormFromBytesTests {
    /// The search form of `text` made scalar by scalar (`quickScalars`), or by Foundation when a
    /// scalar has no quick form.
    static func scalarByScalar(_ text: String) -> [UInt8] {
        guard let forms = SearchNormalizer.quickScalars(text) else { return Array(SearchNormalizer.normalize(text).utf8) }
        return Array(String(String.UnicodeScalarView(forms.map { Unicode.Scalar($0)! })).utf8)
    }

    static func fromBytes(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        Array(text.utf8).withUnsafeBufferPointer { SearchNormalizer.appendNormalized(utf8: $0, to: &bytes) }
        return bytes
    }

    @Test(arguments: ["", "町内会", "ボランティア", "ﾎﾞﾗﾝﾃｨｱ", "①ＮＰＯ法人", "豈𠮷㍻", "NPO npo Ｎｐｏ", "〜～~", "é e\u{301}", "→※■", "①②⑨⑩", "𠮷野家", "ÀÉ", "\u{4DC0}䷀", "\u{4DFF}一\u{4E00}会中"])
    func theSameAsFromTheText(_ text: String) {
        #expect(Self.fromBytes(text) == Self.scalarByScalar(text))
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
        // The table the bytes are looked up in, U+3000 to U+30FF, against the forms scalar by scalar.
        for value in UInt32(0x3000)...UInt32(0x30FF) {
            let text = "Aか" + String(Unicode.Scalar(value)!) + "カ"
            if Self.fromBytes(text) != Self.scalarByScalar(text) { Issue.record("U+\(String(value, radix: 16))") }
        }
    }
}
