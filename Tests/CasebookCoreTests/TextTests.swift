import Foundation
import Testing
@testable import CasebookCore

struct SearchNormalizerTests {
    @Test(arguments: [
        ("ＮＰＯ", "NPO"), ("npo", "NPO"), ("はぐくーむ", "ハグクーム"), ("ﾊｸﾞｸｰﾑ", "はぐくーむ"),
        ("町内会", "町内会"), ("１２３", "123"), ("Ａｂｃ", "aBC"),
    ])
    func sidesAgree(a: String, b: String) {
        #expect(SearchNormalizer.normalize(a) == SearchNormalizer.normalize(b))
    }

    @Test func differentTextsStayDifferent() {
        #expect(SearchNormalizer.normalize("市民") != SearchNormalizer.normalize("市長"))
    }

    @Test func matchesAreReportedInTheOriginalCharacters() {
        let text = "帯広の森・ハグクームの指定管理者"
        let matches = SearchMatch.all(of: SearchNormalizer.normalize("はぐくーむ"), in: text)
        #expect(matches.map(\.range) == [5..<10])
        #expect(matches[0].passage(in: text, context: 2) { "[\($0)]" } == "…森・[ハグクーム]の指…")
    }
}

struct DisplayWidthTests {
    @Test(arguments: [("abc", 3), ("資源", 4), ("ｱｲｳ", 3), ("Ａ", 2), ("😀", 2), ("e\u{301}", 1), ("", 0), ("・", 2), ("〜", 2)])
    func columns(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    @Test func wideCJKPunctuationCountedQuicklyIsWhatEachCharacterTakes() {
        // The quick count of a text must be the count by grapheme clusters, scalar by scalar.
        for value in UInt32(0x3000)...UInt32(0x303F) {
            let scalar = Unicode.Scalar(value)!
            guard DisplayWidth.isWidePunctuation(value) else { continue }
            #expect(DisplayWidth.of(Character(scalar)) == 2, "U+\(String(value, radix: 16))")
            #expect(DisplayWidth.of("「\(scalar)」、a") == 9, "U+\(String(value, radix: 16))")
        }
        #expect(DisplayWidth.of("「か\u{302A}」") == 6)
    }

    @Test func padsByColumns() {
        #expect(DisplayWidth.padded("資源", to: 6) == "資源  ")
        #expect(DisplayWidth.truncated("資源集団回収", to: 7) == "資源集…")
    }
}

/// Wrapping as plain input/expected pairs: width, text, lines.
struct LineWrapperTests {
    static let cases: [(Int, String, [String])] = [
        (10, "あいうえおかきくけこさしす", ["あいうえお", "かきくけこ", "さしす"]),
        // 、 may not start a line: the character before it comes down with it.
        (10, "あいうえお、かきくけこ", ["あいうえ", "お、かきく", "けこ"]),
        (10, "あいうえ「おかきく", ["あいうえ", "「おかきく"]),
        (10, "あいうえおかきくけ。", ["あいうえお", "かきくけ。"]),
        (6, "市民が）参加する", ["市民", "が）参", "加する"]),
        (8, "市民が）参加する", ["市民が）", "参加する"]),
        (10, "hello world again", ["hello", "world", "again"]),
        // A Latin word is kept whole after Japanese text too, with the opening mark before it.
        (12, "ok、flag、skip、edit", ["ok、flag、", "skip、edit"]),
        (11, "ください「zz」は", ["ください", "「zz」は"]),
        (12, "なければ Store/）", ["なければ", "Store/）"]),
        (6, "", [""]),
        (4, "ａｂｃ", ["ａｂ", "ｃ"]),
        // A line break ends a line, and the next starts with the full width (help is written in lines).
        (10, "html: a page\nmd: one", ["html: a", "page", "md: one"]),
        (10, "あいうえお\n\nかきくけこさ", ["あいうえお", "", "かきくけこ", "さ"]),
    ]

    @Test(arguments: cases)
    func wraps(width: Int, text: String, expected: [String]) {
        #expect(LineWrapper.wrap(text, width: width) == expected)
    }

    @Test func noLineStartsWithAClosingMarkAndNoneIsTooWide() throws {
        let text = "市内町内会において約８割程度が実施しており、実施団体は７００団体を超えているなど、市民意識の定着化が図られてきました。「資源回収の日」を設定し、資源化運動の拡大を図っています。"
        for width in 6...40 {
            for line in LineWrapper.wrap(text, width: width) {
                #expect(DisplayWidth.of(line) <= width, "width \(width): \(line)")
                if let first = line.first { #expect(!LineWrapper.noLineStart.contains(first), "width \(width): \(line)") }
            }
            #expect(LineWrapper.wrap(text, width: width).joined() == text)
        }
    }
}

struct TerminalSafeTextTests {
    @Test(arguments: [
        ("plain 日本語", "plain 日本語"), ("\u{1B}[31mred", "^[[31mred"), ("a\u{07}b", "a^Gb"), ("x\u{7F}", "x^?"),
        ("\u{9B}2J", "<U+009B>2J"), ("abc\u{202E}def", "abc<U+202E>def"), ("\u{1B}]52;c;AAAA\u{07}", "^[]52;c;AAAA^G"),
    ])
    func controlsBecomeVisible(input: String, shown: String) {
        #expect(TerminalSafeText.make(input) == shown)
    }
}

struct WordSplitterTests {
    @Test(arguments: [
        ("list", ["list"]), ("  show   abc  ", ["show", "abc"]), ("set x title 'a b'", ["set", "x", "title", "a b"]),
        (#"set x title "say \"hi\"""#, ["set", "x", "title", #"say "hi""#]), (#"find a\ b"#, ["find", "a b"]),
        ("find 町内会　資源", ["find", "町内会", "資源"]), ("find ''", ["find", ""]), ("", []),
        (#"a 'b\c'"#, ["a", #"b\c"#]), ("x\"y z\"w", ["xy zw"]),
    ])
    func splits(line: String, words: [String]) throws {
        #expect(try WordSplitter.split(line) == words)
    }

    @Test func refusesUnclosedQuotes() {
        #expect(throws: WordSplitter.Problem.unterminatedQuote("'")) { try WordSplitter.split("set 'abc") }
        #expect(throws: WordSplitter.Problem.trailingBackslash) { try WordSplitter.split("abc\\") }
    }

    @Test(arguments: ["a b", "it's", "plain", "", "資源 集団", #"back\slash"#])
    func quotingRoundTrips(word: String) throws {
        #expect(try WordSplitter.split(WordSplitter.quoted(word)) == [word])
    }
}

/// The quick path of the normaliser must agree with the full one on every scalar it claims.
struct QuickNormalizerTests {
    @Test func quickFormsAgreeWithFoundation() {
        var checked = 0
        for value in UInt32(0x20)...UInt32(0xFFFF) {
            guard let scalar = Unicode.Scalar(value), let quick = SearchNormalizer.quickForm(of: scalar) else { continue }
            let full = String(scalar).precomposedStringWithCompatibilityMapping.lowercased()
            let kana = String(String.UnicodeScalarView(full.unicodeScalars.map {
                if $0.value == 0x301C { return "~" }  // the wave dash is searched as ～ is
                return (0x30A1...0x30F6).contains($0.value) || (0x30FD...0x30FE).contains($0.value) ? Unicode.Scalar($0.value - 0x60)! : $0
            }))
            #expect(String(quick) == kana, "U+\(String(value, radix: 16))")
            checked += 1
        }
        #expect(checked > 20_000)
    }

    @Test(arguments: ["", "資源集団回収", "ﾊｸﾞｸｰﾑ①", "か\u{3099}", "ＡＢＣ　カナ", "町内会と協働①", "abc", "e\u{301}x", "ボランティア〜"])
    func appendingTheSearchFormIsNormalizingIt(_ text: String) {
        var bytes: [UInt8] = Array("前".utf8)
        Array(text.utf8).withUnsafeBufferPointer { SearchNormalizer.appendNormalized(utf8: $0, to: &bytes) }
        #expect(bytes == Array(("前" + SearchNormalizer.normalize(text)).utf8))
    }

    @Test func mixedTextTakesTheFullPath() {
        #expect(SearchNormalizer.normalize("ﾊｸﾞｸｰﾑ①") == "はぐくーむ1")
        #expect(SearchNormalizer.normalize("か\u{3099}") == "が")
        #expect(SearchNormalizer.normalize("ＡＢＣ　カナ") == "abc かな")
    }
}

struct SearchRecordTests {
    static func sheet() -> CaseSheet {
        var sheet = CaseSheet()
        sheet.title = "ＮＰＯ講座"
        sheet.overview = ["町内会と\u{1F}協働", "関係なし"]
        sheet.points = ["npo"]
        return sheet
    }

    @Test func findsTheTextsAsWrittenWithTheirFields() {
        let record = SearchRecord(of: Self.sheet())
        let needle = Array(SearchNormalizer.normalize("NPO").utf8)
        #expect(record.contains(needle))
        #expect(record.texts(containing: needle).map(\.field) == [.title, .points])
        #expect(record.texts(containing: needle).map(\.text) == ["ＮＰＯ講座", "npo"])
    }

    @Test func separatorsInATextCannotBreakTheRecord() {
        let record = SearchRecord(of: Self.sheet())
        #expect(!record.bytes.contains(0x1E))
        let needle = Array(SearchNormalizer.normalize("協働").utf8)
        #expect(record.texts(containing: needle).map(\.text) == ["町内会と\u{FFFD}協働"])
        // No match across two texts.
        #expect(!record.contains(Array(SearchNormalizer.normalize("協働関係").utf8)))
    }

    @Test func aTextWrittenAsItIsSearchedIsKeptOnce() {
        // 町内会と協働 and 関係なし are their own search forms; ＮＰＯ講座 is not, and of it only
        // what was folded (ＮＰＯ) is kept besides its search form npo講座.
        let record = SearchRecord(of: Self.sheet())
        let text = String(decoding: record.bytes, as: UTF8.self)
        #expect(text.components(separatedBy: "関係なし").count == 2)
        #expect(text.components(separatedBy: "npo講座").count == 2 && text.components(separatedBy: "講座").count == 2)
        #expect(text.components(separatedBy: "ＮＰＯ").count == 2)
        #expect(record.texts(containing: Array("関係".utf8)).map(\.text) == ["関係なし"])
        #expect(record.texts(containing: Array("npo".utf8)).map(\.text) == ["ＮＰＯ講座", "npo"])
    }

    @Test func aMalformedRecordHasNoTexts() {
        for bytes in [[], [0x1F], Array("abc\u{1F}abc\u{1F}".utf8), Array("abc\u{1F}abc\u{1F}zz".utf8), Array("a\u{1D}b\u{1F}a\u{1F}a".utf8),
                      Array("a\u{1F}a\u{1F}A".utf8), Array("a\u{1F}\u{1F}[".utf8)] {
            #expect(SearchRecord(bytes: bytes).texts(containing: Array("a".utf8)).isEmpty, "\(bytes)")
        }
    }
}

struct SearchPassageTests {
    @Test(arguments: [
        ("帯広の森・ハグクームの指定管理者", "はぐくーむ", ["…森・[ハグクーム]の指…"]),
        ("町内会と町内会", "町内会", ["[町内会]と町…", "…会と[町内会]"]),
        ("ｶﾞｲﾄﾞの町内会", "町内会", ["…ﾄﾞの[町内会]"]),
        ("e\u{301}町内会", "町内会", ["e\u{301}[町内会]"]),
        ("関係なし", "町内会", []),
        ("認定ＮＰＯ法人", "npo", ["認定[ＮＰＯ]法人"]),
        ("市の認定ＮＰＯ", "npo", ["…認定[ＮＰＯ]"]),
        ("NPO", "ｎｐｏ", ["[NPO]"]),
    ])
    func passagesMarkEachMatch(text: String, query: String, expected: [String]) {
        #expect(SearchMatch.passages(of: SearchNormalizer.normalize(query), in: text, context: 2) { "[\($0)]" } == expected)
    }
}

struct ByteSearchTests {
    @Test(arguments: [
        ("資源集団回収", "集団", 6), ("町内会と町内会", "町内会", 0), ("abc", "abcd", nil), ("", "a", nil),
        ("abc", "", 0), ("xxab\u{1D}ab", "b\u{1D}a", 3), ("協働", "働", 3), ("協働", "協働です", nil),
    ] as [(String, String, Int?)])
    func findsTheFirstOccurrence(haystack: String, needle: String, expected: Int?) {
        let found = Array(haystack.utf8).withUnsafeBufferPointer { h in
            Array(needle.utf8).withUnsafeBufferPointer { n in ByteSearch.firstOffset(of: n, in: h) }
        }
        #expect(found == expected)
    }

    @Test func findsOneByteFromAnOffset() {
        Array("a\u{1E}b\u{1E}".utf8).withUnsafeBufferPointer { bytes in
            #expect(ByteSearch.firstOffset(of: 0x1E, in: bytes, from: 0) == 1)
            #expect(ByteSearch.firstOffset(of: 0x1E, in: bytes, from: 2) == 3)
            #expect(ByteSearch.firstOffset(of: 0x1E, in: bytes, from: 4) == nil)
            #expect(ByteSearch.firstOffset(of: 0x1F, in: bytes, from: 0) == nil)
        }
    }
}
