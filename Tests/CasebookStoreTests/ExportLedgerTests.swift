import CasebookCore
import Foundation
import Testing
@testable import CasebookStore

/// The export ledger is a cache of what an export left in a folder: it must never make an export
/// skip a page that is not as the export would make it.
struct ExportLedgerTests {
    let now: Int64 = 1_800_000_000_000_000_000

    func file(size: Int64 = 8_000, changedAgo seconds: Double, inode: UInt64 = 42) -> FileFingerprint {
        let changed = now - Int64(seconds * 1e9)
        return FileFingerprint(size: size, modifiedSeconds: changed / 1_000_000_000, modifiedNanoseconds: changed % 1_000_000_000,
                               changedSeconds: changed / 1_000_000_000, changedNanoseconds: changed % 1_000_000_000, inode: inode)
    }

    @Test func aPageIsCurrentOnlyWhileItsSourceAndFileAreAsRecorded() {
        var ledger = ExportLedger(renderer: 7)
        let page = file(changedAgo: 10)
        ledger.record("a.html", source: 0xABC, content: 1, file: page, since: now)
        #expect(ledger.isCurrent("a.html", source: 0xABC, file: page))
        #expect(!ledger.isCurrent("a.html", source: 0xABD, file: page), "the case changed")
        #expect(!ledger.isCurrent("a.html", source: 0xABC, file: file(changedAgo: 9)), "the page was touched")
        #expect(!ledger.isCurrent("a.html", source: 0xABC, file: file(changedAgo: 10, inode: 43)), "the page was replaced")
        #expect(!ledger.isCurrent("a.html", source: 0xABC, file: nil), "the page is gone or is not a regular file")
        #expect(!ledger.isCurrent("b.html", source: 0xABC, file: page), "never recorded")
        ledger.forget("a.html")
        #expect(!ledger.isCurrent("a.html", source: 0xABC, file: page))
    }

    /// A file changed within the racy window may change again within the same tick of the clock
    /// and keep its times: it is not recorded, and a record it had is dropped.
    @Test func aFileChangedWithinTheRacyWindowIsKnownButNotSettled() {
        var ledger = ExportLedger(renderer: 7)
        let old = file(changedAgo: 2.5)
        ledger.record("a.html", source: 1, content: 9, file: old, since: now)
        #expect(ledger.isCurrent("a.html", source: 1, file: old))
        let recent = file(changedAgo: 1.9)
        ledger.record("a.html", source: 1, content: 9, file: recent, since: now)
        #expect(!ledger.isCurrent("a.html", source: 1, file: recent), "it may change again in the same tick")
        #expect(ledger.pages["a.html"]?.content == 9 && ledger.pages["a.html"]?.settled == false, "still known as made")
        ledger.record("b.html", source: 1, content: 9, file: nil, since: now)
        #expect(ledger.pages["b.html"] == nil, "a missing file is forgotten")
        // Found up to date by a later export, once old enough, it is settled as it was recorded.
        ledger.settle("a.html", file: recent, since: now + 1_000_000_000)
        #expect(ledger.isCurrent("a.html", source: 1, file: recent) && ledger.pages["a.html"]?.content == 9)
        ledger.settle("b.html", file: recent, since: now + 1_000_000_000)
        #expect(ledger.pages["b.html"] == nil, "nothing to settle")
    }

    @Test func theFileReadsBackAsWrittenAndOnlyForItsRenderer() {
        var ledger = ExportLedger(renderer: 0xFEED)
        ledger.record("index.html", source: .max, content: .max, file: file(changedAgo: 30), since: now)
        ledger.record("shigen-shudan-kaishu.html", source: 0, content: 0, file: file(size: 0, changedAgo: 5, inode: .max), since: now)
        ledger.record("recent.html", source: 3, content: 4, file: file(changedAgo: 1), since: now)
        // A file from before 1970 (times are signed).
        ledger.record("old.html", source: 12, content: 13, file: FileFingerprint(size: 1, modifiedSeconds: -86_400, modifiedNanoseconds: 5,
                                                                                  changedSeconds: -86_400, changedNanoseconds: 5, inode: 1), since: now)
        #expect(ledger.pages.count == 4)
        let bytes = ledger.bytes
        #expect(ExportLedger.reading(bytes, renderer: 0xFEED) == ledger)
        // Under another renderer every page is still known as made, and none is up to date.
        let other = ExportLedger.reading(bytes, renderer: 0xFEEE)
        #expect(other.pages.count == 4 && other.pages.values.allSatisfy { !$0.settled })
        #expect(other.pages.mapValues(\.content) == ledger.pages.mapValues(\.content))
        #expect(!other.isCurrent("index.html", source: .max, file: file(changedAgo: 30)))
    }

    @Test func aDamagedFileReadsAsEmpty() {
        var ledger = ExportLedger(renderer: 3)
        ledger.record("a.html", source: 5, content: 6, file: file(changedAgo: 30), since: now)
        let bytes = ledger.bytes
        // The renderer's digit names another renderer when changed to another digit: the pages are
        // then known but none is up to date. Any other change makes the whole ledger unread.
        let rendererDigit = "casebook-export-ledger 2 ".utf8.count
        for position in bytes.indices {
            var changed = bytes
            changed[position] ^= 0x01
            let read = ExportLedger.reading(changed, renderer: 3)
            if position == rendererDigit {
                #expect(read.pages.values.allSatisfy { !$0.settled }, "byte \(position) changed")
            } else {
                #expect(read.pages.isEmpty, "byte \(position) changed")
            }
        }
        #expect(ExportLedger.reading(Array(bytes.dropLast(3)), renderer: 3).pages.isEmpty, "cut short")
        #expect(ExportLedger.reading([], renderer: 3).pages.isEmpty)
    }

    @Test func aLedgerIsKeptPerFolderInTheCacheAndWrittenWhole() throws {
        let root = NSTemporaryDirectory() + "casebook-ledger-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/site", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/other", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: root + "/site")
        let environment = ["XDG_CACHE_HOME": root + "/cache"]
        let path = try #require(ExportLedger.path(ofFolder: root + "/site", format: "html", environment: environment))
        #expect(path.hasPrefix(root + "/cache/casebook/export-"))
        #expect(ExportLedger.path(ofFolder: root + "/link", format: "html", environment: environment) == path, "one folder, two names")
        #expect(ExportLedger.path(ofFolder: root + "/other", format: "html", environment: environment) != path)
        #expect(ExportLedger.path(ofFolder: root + "/site", format: "md", environment: environment) != path, "one ledger a format")
        #expect(ExportLedger.path(ofFolder: root + "/missing", format: "html", environment: environment) == nil)
        #expect(ExportLedger.path(ofFolder: root + "/site", format: "html", environment: [:]) == nil)

        #expect(ExportLedger.read(path, renderer: 1).pages.isEmpty, "none yet")
        var ledger = ExportLedger(renderer: 1)
        ledger.record("a.html", source: 2, content: 3, file: file(changedAgo: 30), since: now)
        ledger.write(to: path)
        #expect(ExportLedger.read(path, renderer: 1) == ledger)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/cache/casebook").count == 1, "no temporary file left")
    }
}
