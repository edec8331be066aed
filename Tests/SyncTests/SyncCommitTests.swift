// The commit sync makes of the store's uncommitted changes: every kind of change in the store, and
// nothing outside it, whichever way git is asked (the changed paths named, or the whole store when
// something outside the store is staged or too many files changed).
import CasebookCore
import Foundation
@testable import CasebookTestSupport
import Testing

@Suite struct SyncCommitTests {
    /// Leaves every kind of change in the store: a case edited, a new case (untracked), a case
    /// deleted on disk, one deleted with `git rm`, and a file staged and then deleted. README.txt,
    /// outside the store, is changed too, and staged when `stagingOutside`.
    private static func changeEverything(in clone: SyncFixture.Clone, stagingOutside: Bool) throws {
        try clone.modify { $0.form = "共催" }
        var added = try clone.sheet("komyuniti-koza")
        added.title = "新しい講座"
        try clone.write(added, as: "atarashii-koza")
        try FileManager.default.removeItem(at: clone.store.appendingPathComponent("chotto-kurashi-sapoto-jigyo.json"))
        try clone.git(["rm", "--quiet", "Store/paku-gorufu-jo-kanri-unei.json"])
        try "{}\n".write(to: clone.store.appendingPathComponent("kieta.json"), atomically: false, encoding: .utf8)
        try clone.git(["add", "Store/kieta.json"])
        try FileManager.default.removeItem(at: clone.store.appendingPathComponent("kieta.json"))
        try "changed outside the store\n".write(to: clone.work.appendingPathComponent("README.txt"), atomically: false, encoding: .utf8)
        if stagingOutside { try clone.git(["add", "README.txt"]) }
    }

    @Test(arguments: [false, true])
    func theStoreCommitHoldsEveryChangeInTheStoreAndNothingOutside(stagingOutside: Bool) throws {
        let fixture = try SyncFixture()
        let clone = try fixture.clone("hanako", user: "花子")
        try Self.changeEverything(in: clone, stagingOutside: stagingOutside)

        let result = try clone.casebook(["sync"])
        #expect(result.status == 0, "\(result.all)")
        #expect(result.out.contains("Went out (4):"), "\(result.out)")
        let committed = try clone.git(["diff", "--name-status", "--no-renames", "HEAD~1", "HEAD"]).out
        #expect(committed == """
            A\tStore/atarashii-koza.json
            D\tStore/chotto-kurashi-sapoto-jigyo.json
            D\tStore/paku-gorufu-jo-kanri-unei.json
            M\tStore/shigen-shudan-kaishu.json

            """, "\(committed)")
        // README.txt stays as it was: changed, and staged only if it was.
        #expect(try clone.porcelain() == (stagingOutside ? "M  README.txt\n" : " M README.txt\n"))
        #expect(try clone.isLevelWithRemote())
    }

    /// A store file that is not a case casebook can read is never committed and sent: sync names
    /// it and changes nothing.
    @Test func aFileThatIsNoCaseIsNotCommittedBySync() throws {
        let fixture = try SyncFixture()
        let clone = try fixture.clone("hanako", user: "花子")
        try clone.modify { $0.form = "共催" }
        for (name, make) in [("passwd.json", { (url: URL) in try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: "/etc/passwd") }),
                             ("garbled.json", { (url: URL) in try Data([0x7B, 0x0A, 0xFF, 0xFE, 0x7D, 0x0A]).write(to: url) }),
                             // A name that is no id: commit refuses it too (the same check).
                             ("Not_An_ID.json", { (url: URL) in try FileManager.default.copyItem(at: clone.store.appendingPathComponent("komyuniti-koza.json"), to: url) })] {
            let file = clone.store.appendingPathComponent(name)
            try make(file)
            let head = try clone.head()
            let snapshot = try clone.porcelain()
            let result = try clone.casebook(["sync"])
            #expect(result.status == 1, "\(result.all)")
            #expect(result.err.contains("\(name) cannot be read as a case"), "\(result.err)")
            #expect(try clone.head() == head && clone.porcelain() == snapshot)
            try FileManager.default.removeItem(at: file)
        }
        #expect(try clone.casebook(["sync"]).status == 0)
    }

    @Test func manyChangedFilesAreCommittedWholeAsWell() throws {
        let fixture = try SyncFixture()
        let clone = try fixture.clone("hanako", user: "花子")
        try clone.modify { $0.form = "共催" }
        let notes = clone.store.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        for number in 1...250 {
            try "note \(number)\n".write(to: notes.appendingPathComponent("\(number).txt"), atomically: false, encoding: .utf8)
        }
        try "changed outside the store\n".write(to: clone.work.appendingPathComponent("README.txt"), atomically: false, encoding: .utf8)

        let result = try clone.casebook(["sync"])
        #expect(result.status == 0, "\(result.all)")
        let committed = try clone.git(["diff", "--name-only", "HEAD~1", "HEAD"]).out.split(separator: "\n")
        #expect(committed.count == 251 && committed.allSatisfy { $0.hasPrefix("Store/") }, "\(committed.count)")
        #expect(try clone.porcelain() == " M README.txt\n")
    }
}
