import Foundation
import Testing
@testable import CasebookCore

/// A summary made without the texts it does not show (`CaseSummary.decoding`, what `list` does on
/// first use) is the summary of the whole sheet, and refuses exactly the files a whole read refuses.
struct SummaryDecodingTests {
    /// The summary a whole read gives, or `nil` when the whole read refuses the file.
    static func wholeSummary(_ bytes: [UInt8]) -> CaseSummary? {
        wholeSheet(bytes).map(CaseSummary.init(of:))
    }

    static func wholeSheet(_ bytes: [UInt8]) -> CaseSheet? {
        guard let document = try? JSONParser.parse(bytes) else { return nil }
        return try? SheetCodec.decode(document)
    }

    static func seeds() throws -> [(String, [UInt8])] {
        try TestPaths.seedFiles().map { ($0.lastPathComponent, Array(try Data(contentsOf: $0))) }
    }

    @Test func everySeedSheetGivesTheSameSummaryWithoutItsTexts() throws {
        let seeds = try Self.seeds()
        #expect(seeds.count == 27)
        for (name, bytes) in seeds {
            let summary = CaseSummary.decoding(bytes)
            #expect(summary != nil, "\(name) is an ordinary sheet: its summary is made without its texts")
            #expect(summary == Self.wholeSummary(bytes), "\(name)")
        }
    }

    @Test func everySeedSheetIsReadByTheCanonicalScan() throws {
        // The quick way is taken for a file as casebook writes it, and as `jq .` prints it.
        for (name, bytes) in try Self.seeds() {
            let scanned = CanonicalCaseScan.summary(of: bytes)
            #expect(scanned != nil, "\(name)")
            #expect(scanned == Self.wholeSummary(bytes), "\(name)")
            let written = CanonicalJSONWriter.bytes(of: try SheetCodec.encode(SheetCodec.decode(JSONParser.parse(bytes))))
            #expect(CanonicalCaseScan.summary(of: written) == scanned, "\(name) as casebook writes it")
            // find's first use: the search record, made straight from the bytes, is the whole sheet's.
            let both = CanonicalCaseScan.summaryAndRecord(of: bytes)
            #expect(both?.summary == scanned, "\(name)")
            #expect(both?.record == Self.wholeSheet(bytes).map(SearchRecord.init(of:)), "\(name)")
        }
    }

    @Test func theTextsAreNotRead() throws {
        // What makes it quick: the stood-in arrays come out empty, every field a summary shows does not.
        let (_, bytes) = try #require(try Self.seeds().first)
        let sheet = try SheetCodec.decode(try JSONParser.parse(bytes, standingIn: CaseSummary.standIns))
        #expect(sheet.overview.isEmpty && sheet.origin.isEmpty && sheet.results.isEmpty && sheet.points.isEmpty)
        #expect(sheet.roles.city.isEmpty && sheet.strengths.partner.isEmpty)
        #expect(sheet.diagram.actors.isEmpty && sheet.diagram.flows.isEmpty && sheet.diagram.notes.isEmpty)
        #expect(!sheet.title.isEmpty && !sheet.departments.isEmpty && !sheet.partners.isEmpty && sheet.started != nil)
    }

    /// Changes to a seed file, each replacing one piece of text by another: in the texts a summary
    /// does not read, in those it does, and in the structure around them.
    static let changes: [(String, String)] = [
        // Not JSON, or not UTF-8, inside a stood-in array.
        ("\"overview\": [\n    \"", "\"overview\": [\n    \"\u{01}"),
        ("\"overview\": [\n    \"", "\"overview\": [\n    \"\\x"),
        ("\"overview\": [\n    \"", "\"overview\": [\n    \"\\u00"),
        ("\"overview\": [\n    \"", "\"overview\": [\n    \"\\ud800"),
        ("\"overview\": [\n    \"", "\"overview\": [,\n    \""),
        ("\"overview\": [\n    \"", "\"overview\": [\n    \"\"\""),
        // Valid JSON of the wrong shape in a stood-in place.
        ("\"overview\": [", "\"overview\": [1, "),
        ("\"overview\": [", "\"overview\": [null, "),
        ("\"overview\": [", "\"overview\": [[], "),
        ("\"overview\": [", "\"overview\": [{}, "),
        ("\"overview\": [", "\"overview\": 7, \"x\": ["),
        ("\"actors\": [", "\"actors\": [{\"a\": \"b\"}, "),
        ("\"flows\": [", "\"flows\": [\"a\", "),
        ("\"flows\": [", "\"flows\": [{\"from\": 1}, "),
        ("\"flows\": [", "\"flows\": [{\"from\": \"a\", \"note\": [\"x\"]}, "),
        ("\"flows\": [", "\"flows\": [{\"from\": \"a\" \"to\": \"b\"}, "),
        ("\"roles\": {", "\"roles\": {\"city\": \"not a list\", \"x\": "),
        // Escapes and duplicates, read in full and still the same.
        ("\"overview\": [\n    \"", "\"overview\": [\n    \"\\u3042\\n"),
        ("\"points\": [", "\"points\": [\"a\"], \"points\": [1, "),
        ("\"points\": [", "\"points\": 1, \"points\": ["),
        ("\"overview\": [", "\"overview\": null, \"overview2\": ["),
        // Changes to what a summary shows.
        ("\"title\": \"", "\"title\": \"\\\"q\\\" "),
        ("\"title\": \"", "\"title\": 5, \"t\": \""),
        ("\"departments\": [", "\"departments\": [\"\\u0041\", "),
        ("\"era\": \"", "\"era\": \"x"),
        ("\"status\": \"draft\"", "\"status\": \"approved\""),
        ("\"status\": \"draft\"", "\"status\": \"gone\""),
        ("\"schema\": 1", "\"schema\": \"1\""),
        // Laid out otherwise than casebook writes it: read the long way, and still the same.
        ("\"departments\": [", "\"partners\": [], \"departments\": ["),
        ("\"form\": \"", "\"extra\": {\"kept\": true}, \"form\": \""),
        ("\"title\": \"", "\"tit\\u006ce\": \""),
        ("\"title\": \"", "\"title\": null, \"x\": \""),
        ("{\n  \"schema\": 1", "\u{FEFF}{\n  \"schema\": 1"),
        ("{\n  \"schema\": 1", "{\"schema\":1"),
        ("\"schema\": 1", "\"schema\": 2"),
        ("\"schema\": 1", "\"schema\": 1.0"),
        ("\"schema\": 1", "\"schema\": 01"),
        ("\"year\": ", "\"year\": -"),
        ("\"year\": ", "\"year\": 0"),
        ("\"year\": ", "\"year\": 1000"),
        ("\"year\": ", "\"year\": null, \"y\": "),
        ("\"year\": 1", "\"year\": 1e"),
        ("\"era\": \"", "\"year\": 5, \"era\": \""),
        ("\"status\": \"draft\"", "\"status\": \"draft\", \"status\": \"approved\""),
        ("\"status\": \"draft\",", ""),
        ("\"review\": {}", "\"review\": {\"unknown\": 1}"),
        ("\"review\": {}\n}", "\"review\": {}\n}\n}"),
        ("\"review\": {}\n}", "\"review\": {}\n} x"),
        ("\"review\": {}\n}", "\"review\": {}"),
        ("\"flows\": [", "\"flows\": [{\"to\": \"a\", \"from\": \"b\", \"label\": \"c\"}, "),
        ("\"notes\": [", "\"notes\": [\"\t\"], \"n\": ["),
        ("\"actors\": [", "\"actors\": [\"\u{7F}\u{85}\u{2028}\", "),
        // Texts that need Foundation's normalisation (half-width kana, circled digits, compatibility
        // ideographs, full-width capitals, a character beyond U+FFFF), in the record's texts and the title.
        ("\"overview\": [\n    \"", "\"overview\": [\n    \"ﾎﾞﾗﾝﾃｨｱ①ＮＰＯ豈Ａ𠮷㍻ "),
        ("\"title\": \"", "\"title\": \"ﾊﾟｰﾄﾅｰ① "),
        ("\"notes\": [", "\"notes\": [\"ｶﾀｶﾅ〜～\", "),
        ("\"flows\": [", "\"flows\": [{\"from\": \"市\", \"to\": \"ＮＰＯ\", \"label\": \"\"}, "),
        ("\"flows\": [", "\"flows\": [{\"from\": \"市\", \"to\": \"町内会\", \"label\": \"補助金\"}, "),
        // A review, whose flags are checked against every text: made from the whole sheet.
        ("\"review\": {}", "\"review\": {\"overview\": {\"state\": \"flagged\", \"by\": \"a\", \"at\": \"2026-01-01\", \"note\": \"\", \"hash\": \"sha256:0\"}}"),
    ]

    @Test(arguments: changes.indices)
    func aChangedFileGivesWhatAWholeReadGives(_ change: Int) throws {
        let (from, to) = Self.changes[change]
        var changedAny = false
        for (name, bytes) in try Self.seeds() {
            let text = String(decoding: bytes, as: UTF8.self)
            guard let range = text.range(of: from) else { continue }
            changedAny = true
            let changed = Array(text.replacingCharacters(in: range, with: to).utf8)
            let whole = Self.wholeSummary(changed)
            let quick = CaseSummary.decoding(changed)
            // Quick is nil only where it hands the file to a whole read; never a different summary.
            #expect(quick == nil || quick == whole, "\(name): \(to)")
            let scanned = CanonicalCaseScan.summary(of: changed)
            #expect(scanned == nil || scanned == whole, "\(name): the canonical scan of \(to)")
            if let both = CanonicalCaseScan.summaryAndRecord(of: changed) {
                #expect(both.summary == whole, "\(name): \(to)")
                #expect(both.record == Self.wholeSheet(changed).map(SearchRecord.init(of:)), "\(name): the record of \(to)")
            }
            if whole == nil { #expect(quick == nil, "\(name): a file a whole read refuses is refused: \(to)") }
            // The parse with stand-ins refuses exactly what the whole parse refuses, with the same error.
            let wholeError = Result { () throws(JSONParseError) -> JSONValue in try JSONParser.parse(changed) }.failureError
            let standInError = Result { () throws(JSONParseError) -> JSONValue in try JSONParser.parse(changed, standingIn: CaseSummary.standIns) }.failureError
            #expect(wholeError == standInError, "\(name): \(to)")
        }
        #expect(changedAny, "the change \(from) applies to some seed file")
    }

    @Test func invalidUTF8InAStoodInTextIsRefusedAsInAWholeRead() throws {
        let (_, bytes) = try #require(try Self.seeds().first)
        let text = String(decoding: bytes, as: UTF8.self)
        let range = try #require(text.range(of: "\"overview\": [\n    \""))
        let start = text.utf8.distance(from: text.utf8.startIndex, to: range.upperBound)
        for bad: [UInt8] in [[0xFF], [0xC0, 0xAF], [0xE3, 0x81], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80]] {
            var changed = bytes
            changed.insert(contentsOf: bad, at: start)
            #expect(Self.wholeSummary(changed) == nil)
            #expect(CaseSummary.decoding(changed) == nil, "\(bad)")
            let wholeError = Result { () throws(JSONParseError) -> JSONValue in try JSONParser.parse(changed) }.failureError
            #expect(wholeError?.reason == .notUTF8)
            #expect(Result { () throws(JSONParseError) -> JSONValue in try JSONParser.parse(changed, standingIn: CaseSummary.standIns) }.failureError == wholeError)
        }
    }
}

/// `JSONPlainString.end` finds the closing quote exactly when the bytes before it are what the
/// standard library's strict decoding accepts and hold no backslash, quote or control character.
struct JSONPlainStringTests {
    static func standard(_ bytes: [UInt8]) -> Bool {
        String(validating: bytes, as: UTF8.self) != nil && !bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
    }
    static func ours(_ bytes: [UInt8]) -> Bool {
        let closed = bytes + [0x22]
        return closed.withUnsafeBufferPointer { JSONPlainString.end(in: $0, from: 0) } == bytes.count
    }

    @Test func everyASCIIByteAtEveryPlaceOfAnEightByteStep() {
        for byte in 0..<0x80 {
            for place in 0..<16 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 16)
                bytes[place] = UInt8(byte)
                #expect(Self.ours(bytes) == Self.standard(bytes), "\(byte) at \(place)")
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: place / 8 * 8, as: UInt64.self) }
                #expect(JSONPlainString.hasQuoteBackslashOrControl(word) == (byte < 0x20 || byte == 0x22 || byte == 0x5C), "\(byte)")
            }
        }
    }

    @Test func anUnclosedStringHasNoEnd() {
        for bytes: [UInt8] in [[], Array("abcdefghijk".utf8), Array("協働".utf8)] {
            #expect(bytes.withUnsafeBufferPointer { JSONPlainString.end(in: $0, from: 0) } == nil)
        }
    }

    @Test func everyOneAndTwoByteSequence() {
        for a in 0...255 {
            #expect(Self.ours([UInt8(a)]) == Self.standard([UInt8(a)]), "\(a)")
            for b in 0...255 {
                let bytes = [UInt8(a), UInt8(b)]
                if Self.ours(bytes) != Self.standard(bytes) { Issue.record("\(bytes)") }
            }
        }
    }

    @Test func everyThreeByteSequenceWithALeadAbove0xDF() {
        for a in 0xE0...0xFF {
            for b in 0x70...0xC5 {
                for c in [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0xA0, 0xBF, 0xC0, 0xFF] {
                    let bytes = [UInt8(a), UInt8(b), UInt8(c)]
                    if Self.ours(bytes) != Self.standard(bytes) { Issue.record("\(bytes)") }
                    let four = bytes + [0x80]
                    if Self.ours(four) != Self.standard(four) { Issue.record("\(four)") }
                }
            }
        }
    }

    @Test func textAtEveryAlignmentAndCut() {
        // ASCII runs (read eight bytes a step) next to characters of every length, cut anywhere.
        let text = Array("abcdefgh協働𠮷é12345678の事例ｶﾞ".utf8)
        var generator = SystemRandomNumberGenerator()
        for start in 0..<text.count {
            for end in start...text.count {
                let slice = Array(text[start..<end])
                #expect(Self.ours(slice) == Self.standard(slice), "\(start)..<\(end)")
            }
        }
        for _ in 0..<20_000 {
            var bytes = Array(text.shuffled(using: &generator).prefix(Int.random(in: 0...24, using: &generator)))
            if !bytes.isEmpty, Bool.random(using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            if Self.ours(bytes) != Self.standard(bytes) { Issue.record("\(bytes)") }
        }
    }
}

extension Result {
    /// The error, when this is a failure.
    var failureError: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

