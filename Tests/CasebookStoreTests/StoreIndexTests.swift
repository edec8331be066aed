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
        #expect(second.cases(whoseSearchTextContains: SearchNormalizer.normalize("資源集団収集")) == [id])
        #expect(second.resolve("資源集団収集") == .found(id))
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

    @Test func aCorruptIndexIsIgnored() throws {
        let fixture = try StoreFixture(seedCases: 3)
        _ = try CaseStore(path: fixture.path, environment: environment).orderedSummaries
        let location = try #require(StoreIndex.Location(storePath: FileSystem.absolutePath(fixture.path), environment: environment))
        try Data("casebook-index 2 99999999999999999999\n\u{1E}garbage\u{1F}1\u{1E}".utf8).write(to: URL(fileURLWithPath: location.summaryPath))
        let store = try CaseStore(path: fixture.path, environment: environment)
        #expect(store.orderedSummaries.count == 3)
        #expect(store.orderedSummaries.allSatisfy { !$0.summary.title.isEmpty })
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
