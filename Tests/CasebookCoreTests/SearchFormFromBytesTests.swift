import Testing
@testable import CasebookCore

/// Search forms made from a text's bytes are those made from the text.
struct SearchFormFromBytesTests {
    @Test(arguments: ["", "町内会", "ボランティア", "ﾎﾞﾗﾝﾃｨｱ", "①ＮＰＯ法人", "豈𠮷㍻", "NPO npo Ｎｐｏ", "〜～~", "é e\u{301}", "→※■"])
    func theSameAsFromTheText(_ text: String) {
        var fromText: [UInt8] = []
        SearchNormalizer.appendNormalized(text, to: &fromText)
        var fromBytes: [UInt8] = []
        Array(text.utf8).withUnsafeBufferPointer { SearchNormalizer.appendNormalized(utf8: $0, to: &fromBytes) }
        #expect(fromBytes == fromText)
        #expect(Array(text.utf8).withUnsafeBufferPointer { Array(WellFormedUTF8Scalars($0)) } == Array(text.unicodeScalars))
    }
}
