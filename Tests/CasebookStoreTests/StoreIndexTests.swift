import CasebookCore
import Foundation
import Testing
@testable import CasebookStore

/// The index is a cache: it must never hide a change made behind casebook's back.
struct StoreIndexTests {
    let cache = NSTemporaryDirectory() + "casebook-cache-" + UUID().uuidString
    var environment: [String: String] { ["XDG_CACHE_HOME": cache] }

    func retitle(_ fixture: StoreFixture, _ name: String, from old: String, to new: String) throws {
        let text = String(decoding: try fixture.read(name), as: UTF8.self)
        #expect(text.contains(old))
        try fixture.write(name, Array(text.replacingOccurrences(of: old, with: new).utf8))
    }

    @Test func aSecondOpenUsesTheIndexAndStillSeesAnOutsideChange() throws {
        let fixture = try StoreFixture(seedCases: 27)
        let first = try CaseStore(path: fixture.path, environment: environment)
        #expect(first.orderedSummaries.count == 27)
        let location = try #require(StoreIndex.Location(storePath: first.path, environment: environment))
        #expect(FileManager.default.fileExists(atPath: location.summaryPath))
        #expect(StoreIndex.read(location).entries.count == 27)

        // Same length, so only times, inode and content tell.
        try retitle(fixture, "shigen-shudan-kaishu.json", from: "資源集団回収", to: "資源集団収集")
        let second = try CaseStore(path: fixture.path, environment: environment)
        let id = CaseID("shigen-shudan-kaishu")!
        #expect(second.summary(of: id)?.title == "資源集団収集")
        #expect(second.search(SearchNormalizer.normalize("資源集団収集")).map(\.id) == [id])
        #expect(second.resolve("資源集団収集") == .found(id))
    }

    @Test func aSeparatorInAStoredTextCannotForgeASummaryRecordAndReadsBackExactly() throws {
        // A file edited by hand can hold the summary file's own bytes (FS, GS, RS, US) as escapes,
        // and empty items in a list: every other case's record is read back whole, and this one's
        // summary exactly as made from the file (as list and the export's index show it).
        let fixture = try StoreFixture(seedCases: 27)
        try retitle(fixture, "shigen-shudan-kaishu.json", from: "資源集団回収", to: "資源\\u001e集団\\u001f回\\u001d収\\u001c<")
        let text = String(decoding: try fixture.read("shigen-shudan-kaishu.json"), as: UTF8.self)
        let departments = try #require(text.range(of: "\"departments\": ["))
        try fixture.write("shigen-shudan-kaishu.json", Array(text.replacingCharacters(in: departments, with: "\"departments\": [\"\", \"@\", \"\\u001c@\",").utf8))
        let first = try CaseStore(path: fixture.path, environment: environment)
        let id = CaseID("shigen-shudan-kaishu")!
        let made = try #require(first.summary(of: id))
        #expect(made.title == "資源\u{1E}集団\u{1F}回\u{1D}収\u{1C}<")
        #expect(made.departments.prefix(3) == ["", "@", "\u{1C}@"])
        let location = try #require(StoreIndex.Location(storePath: first.path, environment: environment))
        let index = StoreIndex.read(location)
        #expect(index.entries.count == 27)
        let read = try #require(index.entries[id])
        #expect(read.summary == made)
        #expect(read.title == made.title && read.normalizedTitle == made.normalizedTitle && read.departments == made.departments)
        let others = first.orderedSummaries.filter { $0.id != id }
        #expect(others.allSatisfy { index.entries[$0.id]?.summary == $0.summary })
        // A list of one empty item is not an empty list.
        var other = try #require(try JSONSerialization.jsonObject(with: Data(try fixture.read("komyuniti-koza.json"))) as? [String: Any])
        other["departments"] = [""]
        other["partners"] = [String]()
        try fixture.write("komyuniti-koza.json", Array(try JSONSerialization.data(withJSONObject: other)))
        let second = try CaseStore(path: fixture.path, environment: environment)
        let otherID = CaseID("komyuniti-koza")!
        #expect(second.summary(of: otherID)?.departments == [""] && second.summary(of: otherID)?.partners == [])
        #expect(StoreIndex.read(location).entries[otherID]?.summary == second.summary(of: otherID))
    }

    @Test func anIndexWrittenBesideTheWorkIsWholeOnceFinished() throws {
        // As a command run from the command line writes it: on another thread, waited for at exit.
        let fixture = try StoreFixture(seedCases: 27)
        let first = try CaseStore(path: fixture.path, environment: environment)
        first.writesIndexBeside = true
        #expect(first.orderedSummaries.count == 27)
        let query = SearchNormalizer.normalize("町内会")
        let found = first.search(query).map(\.id)
        #expect(!found.isEmpty)
        first.finishIndexWrites()
        let location = try #require(StoreIndex.Location(storePath: first.path, environment: environment))
        #expect(StoreIndex.read(location).entries.count == 27)
        let texts = StoreIndex.readSearchTexts(location)
        #expect(texts.records.count == 27)
        let second = try CaseStore(path: fixture.path, environment: environment)
        #expect(second.search(query).map(\.id) == found)
    }

    /// A store of 81 cases (the seed sheets three times over, as `a-…`, `b-…` and `c-…`, each id cut
    /// to 40 characters): more
    /// than a scan reads one by one, so that a first scan with no index writes it as it reads.
    func storeOf81Cases() throws -> StoreFixture {
        let fixture = try StoreFixture(seedCases: 27)
        for name in try fixture.names() {
            let bytes = try fixture.read(name)
            // Ids are at most 48 characters: the longest seed's is.
            for prefix in ["a-", "b-", "c-"] { try fixture.write(prefix + name.dropLast(5).prefix(40) + ".json", bytes) }
            try FileManager.default.removeItem(atPath: fixture.path + "/" + name)
        }
        return fixture
    }

    @Test func aFirstFindWithNoIndexSearchesAsItReadsAndWritesTheIndexInStoreOrder() throws {
        let fixture = try storeOf81Cases()
        // One case not as casebook writes it (decoded, not scanned), one that is not a case at all.
        let compact = try JSONSerialization.jsonObject(with: Data(try fixture.read("b-komyuniti-koza.json")))
        try fixture.write("b-komyuniti-koza.json", Array(try JSONSerialization.data(withJSONObject: compact)))
        try fixture.write("d-broken.json", Array("{\"title\": ".utf8))
        let query = SearchNormalizer.normalize("町内会")

        // The same search with no index anywhere (no cache directory): each file read, then searched.
        let unindexed = try CaseStore(path: fixture.path, environment: [:])
        let expected = unindexed.search(query)
        #expect(expected.count > 10 && expected.contains { $0.id.rawValue == "b-komyuniti-koza" })

        let first = try CaseStore(path: fixture.path, environment: environment)
        let found = first.search(query)
        #expect(found.map(\.id) == expected.map(\.id))
        #expect(found.map { $0.texts.map(\.text) } == expected.map { $0.texts.map(\.text) })
        #expect(found.map(\.title) == expected.map(\.title))
        #expect(first.ids == unindexed.ids && first.ids.count == 81)
        #expect(first.problems.map(\.fileName) == ["d-broken.json"])

        // Both files of the index are whole, in store order, and used by the next search as they are.
        let location = try #require(StoreIndex.Location(storePath: first.path, environment: environment))
        let index = StoreIndex.read(location)
        #expect(index.orderedIDs == first.ids)
        #expect(first.ids.allSatisfy { index.entries[$0]?.summary == first.summary(of: $0) })
        let texts = StoreIndex.readSearchTexts(location)
        let textIDs = try texts.records.map { record in String(decoding: UnsafeBufferPointer(rebasing: try #require(texts.file).bytes[record.id]), as: UTF8.self) }
        #expect(textIDs == first.ids.map(\.rawValue))
        #expect(texts.records(of: first.ids, hashes: first.ids.map { index.entries[$0]?.contentHash }).allSatisfy { $0 != nil })
        let second = try CaseStore(path: fixture.path, environment: environment)
        #expect(second.search(query).map { $0.texts.map(\.text) } == expected.map { $0.texts.map(\.text) })
    }

    @Test func aFirstScanWhoseIndexCannotBeWrittenStillReadsEveryCase() throws {
        // The cache directory's place taken by a file: no index can be made there.
        let fixture = try storeOf81Cases()
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: cache + "/casebook"))
        let query = SearchNormalizer.normalize("町内会")
        let expected = try CaseStore(path: fixture.path, environment: [:]).search(query).map(\.id)
        #expect(expected.count > 10)
        #expect(try CaseStore(path: fixture.path, environment: environment).search(query).map(\.id) == expected)
        #expect(try CaseStore(path: fixture.path, environment: environment).orderedSummaries.count == 81)
    }

    @Test func aFirstListWithNoIndexWritesTheSummariesAsItReads() throws {
        let fixture = try storeOf81Cases()
        let first = try CaseStore(path: fixture.path, environment: environment)
        #expect(first.orderedSummaries.count == 81)
        let location = try #require(StoreIndex.Location(storePath: first.path, environment: environment))
        let index = StoreIndex.read(location)
        #expect(index.orderedIDs == first.ids)
        #expect(first.orderedSummaries.allSatisfy { index.entries[$0.id]?.summary == $0.summary })
        #expect(!FileManager.default.fileExists(atPath: location.textPath), "only a search makes search records")
    }

    @Test func theTextFileIsSearchedBlockByBlockAsWhenReadWhole() throws {
        // 4,500 records of real sheets, 12 MB: records cross the 4 MiB blocks the file is read in.
        let fixture = try StoreFixture(seedCases: 27)
        let store = try CaseStore(path: fixture.path, environment: environment)
        let records = store.orderedCases.map { SearchRecord(of: $0.sheet) }
        let location = try #require(StoreIndex.Location(storePath: store.path, environment: environment))
        let ids = (0..<4500).map { CaseID("case-" + String(100_000 + $0))! }
        StoreIndex.writeSearchTexts(ids, to: location) { position, write in
            if position % 97 == 5 { return }
            records[position % records.count].bytes.withUnsafeBufferPointer { write(UInt64(position), $0) }
        }
        let whole = StoreIndex.readSearchTexts(location)
        let bytes = try #require(whole.file).bytes
        #expect(bytes.count > 2 * StoreIndex.checksumBlockSize)
        let hashes = ids.indices.map { UInt64($0) as UInt64? }
        for word in ["町内会", "帯広", "ボランティア", "no such words"] {
            let needle = Array(SearchNormalizer.normalize(word).utf8)
            let searched = StoreIndex.searchTextFile(location, containing: needle)
            #expect(searched.records.count == 4500 - 47)
            #expect(searched.places(of: ids, hashes: hashes) == whole.records(of: ids, hashes: hashes))
            var expected: [Int: [String]] = [:]
            for (place, record) in whole.records.enumerated() {
                let texts = needle.withUnsafeBufferPointer { SearchRecord.texts(containing: $0, in: UnsafeBufferPointer(rebasing: bytes[record.range])) }
                if !texts.isEmpty { expected[place] = texts.map { "\($0.field) \($0.text)" } }
            }
            #expect(searched.matches.mapValues { $0.map { "\($0.field) \($0.text)" } } == expected, "\(word)")
            #expect(word == "no such words" ? expected.isEmpty : expected.count > 100)
        }
        // A byte changed in the last block: nothing of the file is used.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: location.textPath))
        try handle.seek(toOffset: UInt64(bytes.count - 100))
        try handle.write(contentsOf: [0x44])
        try handle.close()
        let damaged = StoreIndex.searchTextFile(location, containing: Array(SearchNormalizer.normalize("帯広").utf8))
        #expect(damaged.records.isEmpty && damaged.matches.isEmpty)
    }

    @Test func aTextFileLargerThanAChecksumBlockIsWrittenAsItStreamsAndReadBack() throws {
        // Records across the 4 MiB blocks the file is checksummed and written in, and one missing.
        let fixture = try StoreFixture(seedCases: 1)
        let location = try #require(StoreIndex.Location(storePath: fixture.path, environment: environment))
        let ids = (0..<5).map { CaseID("case-\($0)")! }
        let records: [[UInt8]?] = [Array(repeating: 0x41, count: 3 << 20), nil, Array(repeating: 0x42, count: 5 << 20),
                                   Array("短い".utf8), Array(repeating: 0x43, count: StoreIndex.checksumBlockSize - 40)]
        StoreIndex.writeSearchTexts(ids, to: location) { position, write in
            guard let record = records[position] else { return }
            record.withUnsafeBufferPointer { write(UInt64(position + 7), $0) }
        }
        let texts = StoreIndex.readSearchTexts(location)
        #expect(texts.records.count == 4)
        let bytes = try #require(texts.file).bytes
        for (record, (position, expected)) in zip(texts.records, records.enumerated().filter { $0.1 != nil }) {
            #expect(String(decoding: UnsafeBufferPointer(rebasing: bytes[record.id]), as: UTF8.self) == ids[position].rawValue)
            #expect(record.hash == UInt64(position + 7))
            #expect(Array(UnsafeBufferPointer(rebasing: bytes[record.range])) == expected)
        }
        // A byte changed anywhere in the body fails the checksum: nothing is read.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: location.textPath))
        try handle.seek(toOffset: UInt64(6 << 20))
        try handle.write(contentsOf: [0x44])
        try handle.close()
        #expect(StoreIndex.readSearchTexts(location).records.isEmpty)
    }

    @Test func numbersAreWrittenAsStringWritesThem() {
        var generator = SystemRandomNumberGenerator()
        let signed: [Int64] = [0, 1, -1, 9, 10, 1_764_806_400, Int64.max, Int64.min] + (0..<200).map { _ in Int64.random(in: .min ... .max, using: &generator) }
        for value in signed {
            var bytes: [UInt8] = Array("x".utf8)
            StoreIndex.appendNumber(value, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "x" + String(value))
        }
        let unsigned: [UInt64] = [0, 15, 16, 255, UInt64.max] + (0..<200).map { _ in UInt64.random(in: 0 ... .max, using: &generator) }
        for value in unsigned {
            var bytes: [UInt8] = []
            StoreIndex.appendNumber(value, radix: 16, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == String(value, radix: 16))
        }
    }

    @Test func aRewriteWithTheSameSizeAndModificationTimeIsSeen() throws {
        let fixture = try StoreFixture(seedCases: 3)
        let store = try CaseStore(path: fixture.path, environment: environment)
        let id = store.ids[0]
        let path = fixture.path + "/" + id.fileName
        let title = store.summary(of: id)!.title
        let before = FileSystem.fingerprint(path)!
        let replacement = String(repeating: "Ｘ", count: title.count)
        try retitle(fixture, id.fileName, from: title, to: replacement)
        // Put the modification time back, as a careless tool might: the change time and content still differ.
        var times = [timespec(tv_sec: Int(before.modifiedSeconds), tv_nsec: Int(before.modifiedNanoseconds)),
                     timespec(tv_sec: Int(before.modifiedSeconds), tv_nsec: Int(before.modifiedNanoseconds))]
        utimensat(AT_FDCWD, path, &times, 0)
        let reopened = try CaseStore(path: fixture.path, environment: environment)
        #expect(reopened.summary(of: id)?.title == replacement)
        // And a running store sees it on refresh.
        store.refresh()
        #expect(store.summary(of: id)?.title == replacement)
        #expect(store.cases[id]?.sheet.title == replacement)
    }

    @Test func addedAndRemovedFilesAreNoticedOnRefresh() throws {
        let fixture = try StoreFixture(seedCases: 2)
        let store = try CaseStore(path: fixture.path, environment: environment)
        #expect(store.count == 2)
        var sheet = CaseSheet()
        sheet.title = "外から追加"
        try fixture.write("added-outside.json", CanonicalJSONWriter.bytes(of: SheetCodec.encode(sheet)))
        try FileManager.default.removeItem(atPath: fixture.path + "/" + store.ids[0].fileName)
        store.refresh()
        #expect(store.count == 2)
        #expect(store.summary(of: CaseID("added-outside")!)?.title == "外から追加")
        let generation = store.generation
        store.refresh()
        #expect(store.generation == generation, "nothing changed, so nothing should be re-read")
    }

    @Test func findUsesTheTextIndexButNeverAStaleRecord() throws {
        let fixture = try StoreFixture(seedCases: 27)
        let needle = SearchNormalizer.normalize("資源集団回収")
        let first = try CaseStore(path: fixture.path, environment: environment)
        let before = first.search(needle)
        #expect(before.contains { $0.id == CaseID("shigen-shudan-kaishu") })
        let location = try #require(StoreIndex.Location(storePath: first.path, environment: environment))
        #expect(StoreIndex.readSearchTexts(location).records.count == 27, "the first find writes every record")

        // Behind casebook's back: the only mention of the words in one case goes, same length.
        let name = "shigen-shudan-kaishu.json"
        let text = String(decoding: try fixture.read(name), as: UTF8.self)
        try fixture.write(name, Array(text.replacingOccurrences(of: "資源集団回収", with: "資源集団収集").utf8))
        let second = try CaseStore(path: fixture.path, environment: environment)
        let after = second.search(needle)
        #expect(!after.contains { $0.id == CaseID("shigen-shudan-kaishu") })
        #expect(second.search(SearchNormalizer.normalize("資源集団収集")).map(\.id) == [CaseID("shigen-shudan-kaishu")!])
        #expect(after.map(\.id) == before.map(\.id).filter { $0 != CaseID("shigen-shudan-kaishu") })
    }

    @Test func searchReportsEachMatchingTextAsWrittenWithItsField() throws {
        let fixture = try StoreFixture(seedCases: 2)
        var sheet = CaseSheet()
        sheet.title = "ハグクーム講座"
        sheet.results = ["ＮＰＯと共に", "関係のない段落", "npoの成果"]
        try fixture.write("written.json", CanonicalJSONWriter.bytes(of: SheetCodec.encode(sheet)))
        for round in 0..<2 {
            // Once decoded from the file, once from the index's text file.
            let store = try CaseStore(path: fixture.path, environment: environment)
            let hits = store.search(SearchNormalizer.normalize("NPO")).filter { $0.id == CaseID("written") }
            #expect(hits.count == 1, "round \(round)")
            #expect(hits.first?.title == "ハグクーム講座")
            #expect(hits.first?.texts.map(\.field) == [.results, .results])
            #expect(hits.first?.texts.map(\.text) == ["ＮＰＯと共に", "npoの成果"])
            #expect(store.search(SearchNormalizer.normalize("はぐくーむ")).map(\.id) == [CaseID("written")!])
        }
    }

    @Test func aLargeIndexFileIsReadWholeInPartsAndEveryBlockIsChecked() throws {
        // A large file is read in 4 MiB parts (on every core from 256 MiB), and checksummed in 4 MiB blocks: every byte
        // must come back in its place, and a byte changed in any block must change the checksum.
        let fixture = try StoreFixture()
        var bytes = [UInt8](repeating: 0, count: (40 << 20) + 12345)
        var generator = SystemRandomNumberGenerator()
        for position in stride(from: 0, to: bytes.count, by: 4093) { bytes[position] = UInt8.random(in: 1...255, using: &generator) }
        try fixture.write("large.bin", bytes)
        let read = try FileSystem.mapFile(fixture.path + "/large.bin")
        #expect(read.bytes.count == bytes.count)
        let firstDifference = zip(read.bytes, bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(firstDifference == nil, "every byte in its place")
        let checksum = bytes.withUnsafeBufferPointer { StoreIndex.checksum(of: $0) }
        for position in [0, (4 << 20) - 1, 4 << 20, 17 << 20, bytes.count - 1] {
            var changed = bytes
            changed[position] ^= 0x40
            #expect(changed.withUnsafeBufferPointer { StoreIndex.checksum(of: $0) } != checksum, "\(position)")
        }
        // Blocks in another order are another file.
        let swapped = Array(bytes[(4 << 20)..<(8 << 20)] + bytes[0..<(4 << 20)] + bytes[(8 << 20)...])
        #expect(swapped.withUnsafeBufferPointer { StoreIndex.checksum(of: $0) } != checksum)
    }

    @Test func aCorruptIndexIsIgnored() throws {
        let fixture = try StoreFixture(seedCases: 3)
        _ = try CaseStore(path: fixture.path, environment: environment).orderedSummaries
        let location = try #require(StoreIndex.Location(storePath: FileSystem.absolutePath(fixture.path), environment: environment))
        try Data("\(StoreIndex.summaryHeader) 99999999999999999999\n\u{1E}garbage\u{1F}1\u{1E}".utf8).write(to: URL(fileURLWithPath: location.summaryPath))
        let store = try CaseStore(path: fixture.path, environment: environment)
        #expect(store.orderedSummaries.count == 3)
        #expect(store.orderedSummaries.allSatisfy { !$0.summary.title.isEmpty })

        // A text file with a forged record for a real case, and one cut short, with a right checksum.
        let id = store.ids[0]
        let hash = String(Checksum.of(try fixture.read(id.fileName)), radix: 16)
        let body = Array("\(id.rawValue)\u{1F}\(hash)\u{1F}\u{1F}\u{1F}zz\u{1E}\(store.ids[1].rawValue)\u{1F}".utf8)
        let checksum = String(body.withUnsafeBufferPointer { StoreIndex.checksum(of: $0) }, radix: 16)
        try Data(Array("\(StoreIndex.textHeader) \(checksum)\n".utf8) + body).write(to: URL(fileURLWithPath: location.textPath))
        let title = try #require(store.summary(of: id)?.title)
        let hits = try CaseStore(path: fixture.path, environment: environment).search(SearchNormalizer.normalize(title))
        #expect(hits.map(\.id).contains(id) == false, "a malformed record has no texts, and is not guessed at")
        #expect(StoreIndex.readSearchTexts(location).records.count <= 3)
        // The same file with a wrong checksum is not read at all: the case is searched in its file.
        try Data(Array("\(StoreIndex.textHeader) 0\n".utf8) + body).write(to: URL(fileURLWithPath: location.textPath))
        #expect(StoreIndex.readSearchTexts(location).records.isEmpty)
        let found = try CaseStore(path: fixture.path, environment: environment).search(SearchNormalizer.normalize(title))
        #expect(found.map(\.id).contains(id))
    }

    @Test func anIndexOfAnotherSchemaIsRebuiltNotRead() throws {
        let fixture = try StoreFixture(seedCases: 3)
        let store = try CaseStore(path: fixture.path, environment: environment)
        let id = store.ids[0]
        let title = try #require(store.summary(of: id)?.title)
        _ = store.search(SearchNormalizer.normalize(title))
        let location = try #require(StoreIndex.Location(storePath: FileSystem.absolutePath(fixture.path), environment: environment))
        // The same index as another casebook's fields would have written it, every title forged and
        // the checksum right: only the schema's fingerprint tells it apart.
        for path in [location.summaryPath, location.textPath] {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let headerEnd = try #require(text.firstIndex(of: "\n"))
            let body = Array(text[text.index(after: headerEnd)...].replacingOccurrences(of: title, with: "偽の題名").utf8)
            var words = text[..<headerEnd].split(separator: " ").map(String.init)
            words[1] = words[1].replacingOccurrences(of: SheetSchema.fingerprint, with: "0ther")
            words[words.count - 1] = String(body.withUnsafeBufferPointer { StoreIndex.checksum(of: $0) }, radix: 16)
            try Data(Array((words.joined(separator: " ") + "\n").utf8) + body).write(to: URL(fileURLWithPath: path))
        }
        let reopened = try CaseStore(path: fixture.path, environment: environment)
        #expect(reopened.summary(of: id)?.title == title)
        #expect(reopened.search(SearchNormalizer.normalize("偽の題名")).isEmpty)
    }

    @Test func savingDoesNotScanTheStore() throws {
        let fixture = try StoreFixture(seedCases: 5)
        let store = try CaseStore(path: fixture.path, environment: environment)
        let id = CaseID("shigen-shudan-kaishu")
        let target = try #require(try fixture.names().compactMap { CaseID(String($0.dropLast(5))) }.first)
        var sheet = try #require(store.cases[target]).sheet
        sheet.points.append("追加")
        try store.save(sheet, as: target)
        #expect(!store.hasScanned, "a save must not read the other cases")
        _ = id
    }
}
