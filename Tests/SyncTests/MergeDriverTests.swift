// `casebook merge-driver` run as git runs it: the result in OURS only, canonical (byte-equal to
// `jq .`), markers around the conflicting field's lines, a text merge for what is not a case.
import CasebookCore
import Foundation
@testable import CasebookTestSupport
import Testing

@Suite struct MergeDriverTests {
    /// A clone, and a directory outside its work tree for the three versions git would hand over.
    static func setUp() throws -> (SyncFixture, SyncFixture.Clone, URL) {
        let fixture = try SyncFixture()
        let clone = try fixture.clone("hanako", user: "花子")
        let versions = fixture.root.appendingPathComponent("versions")
        try FileManager.default.createDirectory(at: versions, withIntermediateDirectories: true)
        return (fixture, clone, versions)
    }

    /// Writes base, ours and theirs, runs the driver in the clone's work tree, and returns its exit
    /// status, what OURS holds afterwards, and what it said.
    static func drive(_ fixture: SyncFixture, _ clone: SyncFixture.Clone, _ versions: URL,
                      base: [UInt8], ours: [UInt8], theirs: [UInt8], markerSize: String = "7") throws -> (Int32, [UInt8], String) {
        for (name, bytes) in [("base", base), ("ours", ours), ("theirs", theirs)] {
            try Data(bytes).write(to: versions.appendingPathComponent(name))
        }
        let result = try fixture.run("/bin/sh", ["-c", "cd \"$1\" && exec \"$2\" merge-driver \"$3/base\" \"$3/ours\" \"$3/theirs\" \"$4\" 'Store/shigen-shudan-kaishu.json'",
                                                 "sh", clone.work.path, BuiltProgram.casebook, versions.path, markerSize], allowFailure: true)
        return (result.status, [UInt8](try Data(contentsOf: versions.appendingPathComponent("ours"))), result.all)
    }

    static func encoded(_ sheet: CaseSheet) -> [UInt8] { CanonicalJSONWriter.bytes(of: SheetCodec.encode(sheet)) }

    @Test func aCleanMergeIsCanonicalLikeJqAndChangesNothingButOurs() throws {
        let (fixture, clone, versions) = try Self.setUp()
        let base = try clone.sheet()
        var ours = base, theirs = base
        ours.form = "共催"
        theirs.points.append("相手の追加")
        // OURS as a hand editor might leave it: not canonical (four-space indent, escaped slashes).
        let messy = Array(String(decoding: Self.encoded(ours), as: UTF8.self).replacingOccurrences(of: "\n  ", with: "\n    ").utf8)
        let statusBefore = try clone.porcelain()
        let filesBefore = try clone.snapshot()
        let indexBefore = try clone.git(["ls-files", "--stage"]).out
        let theirsBytes = Self.encoded(theirs)
        let (status, result, words) = try Self.drive(fixture, clone, versions, base: Self.encoded(base), ours: messy, theirs: theirsBytes)
        #expect(status == 0, "\(words)")
        #expect(try clone.porcelain() == statusBefore)
        #expect(try clone.snapshot() == filesBefore)
        #expect(try clone.git(["ls-files", "--stage"]).out == indexBefore)
        #expect([UInt8](try Data(contentsOf: versions.appendingPathComponent("theirs"))) == theirsBytes, "THEIRS untouched")
        // jq itself where it is installed; else the writer that CanonicalJSONTests pins to jq's output.
        let jq = try fixture.run("/bin/sh", ["-c", "command -v jq >/dev/null && jq . \"$1\"", "sh", versions.appendingPathComponent("ours").path],
                                 allowFailure: true)
        let canonical = jq.status == 0 ? jq.out : CanonicalJSONWriter.text(of: try JSONParser.parse(result))
        #expect(canonical == String(decoding: result, as: UTF8.self), "byte-equal to jq .")
        let merged = try JSONParser.parse(result)
        #expect(merged["form"]?.stringValue == "共催")
        #expect(merged["points"]?.arrayElements?.last?.stringValue == "相手の追加")
    }

    @Test func aConflictMarksJustTheFieldsLinesWithTheGivenMarkerSize() throws {
        let (fixture, clone, versions) = try Self.setUp()
        let base = try clone.sheet()
        var ours = base, theirs = base
        ours.title = "資源集団回収（自分）"
        theirs.title = "資源集団回収（相手）"
        theirs.form = "委託"
        let (status, result, words) = try Self.drive(fixture, clone, versions, base: Self.encoded(base), ours: Self.encoded(ours),
                                                     theirs: Self.encoded(theirs), markerSize: "9")
        #expect(status == 1)
        #expect(words.contains("事業名"), "\(words)")
        let text = String(decoding: result, as: UTF8.self)
        var expected = Self.encoded(ours)
        expected = Array(String(decoding: expected, as: UTF8.self)
            .replacingOccurrences(of: "  \"form\": \"補助・助成\",", with: "  \"form\": \"委託\",")
            .replacingOccurrences(of: "  \"title\": \"資源集団回収（自分）\",\n",
                                  with: "<<<<<<<<< ours\n  \"title\": \"資源集団回収（自分）\",\n=========\n  \"title\": \"資源集団回収（相手）\",\n>>>>>>>>> theirs\n").utf8)
        #expect(text == String(decoding: expected, as: UTF8.self), "\(text)")
    }

    @Test func aVersionThatIsNotACaseOrNewerGetsATextMerge() throws {
        let (fixture, clone, versions) = try Self.setUp()
        let base = try clone.sheet()
        var ours = base
        ours.form = "共催"
        // Theirs does not parse: git's line merge, git's markers, exit 1.
        let broken = Array((String(decoding: Self.encoded(base), as: UTF8.self).replacingOccurrences(of: "\"form\": \"補助・助成\",", with: "\"form\": 委託,")).utf8)
        let (status, result, words) = try Self.drive(fixture, clone, versions, base: Self.encoded(base), ours: Self.encoded(ours), theirs: broken)
        #expect(status == 1)
        #expect(words.contains("not a case"), "\(words)")
        let text = String(decoding: result, as: UTF8.self)
        #expect(text.contains("<<<<<<< ours\n  \"form\": \"共催\",\n=======\n  \"form\": 委託,\n>>>>>>> theirs\n"), "\(text)")

        // A newer schema: also a text merge, even when it would merge cleanly as text.
        let newer = Array(String(decoding: Self.encoded(base), as: UTF8.self).replacingOccurrences(of: "\"schema\": 1,", with: "\"schema\": 2,")
            .replacingOccurrences(of: "\"status\": \"draft\"", with: "\"status\": \"review\"").utf8)
        let (status2, result2, words2) = try Self.drive(fixture, clone, versions, base: Self.encoded(base), ours: Self.encoded(ours), theirs: newer)
        #expect(status2 == 1)
        #expect(words2.contains("newer casebook"), "\(words2)")
        let text2 = String(decoding: result2, as: UTF8.self)
        #expect(text2.contains("\"schema\": 2,") && text2.contains("\"form\": \"共催\""), "\(text2)")
    }

    @Test func badArgumentsAreAUsageError() throws {
        let (fixture, _, versions) = try Self.setUp()
        let result = try fixture.run(BuiltProgram.casebook, ["merge-driver", versions.appendingPathComponent("a").path, "b", "c", "seven", "p"],
                                     allowFailure: true)
        #expect(result.status == 2, "\(result.all)")
        #expect(result.err.contains("marker-size"), "\(result.err)")
        let missing = try fixture.run(BuiltProgram.casebook, ["merge-driver", "/nonexistent/a", "/nonexistent/b", "/nonexistent/c", "7", "p"],
                                      allowFailure: true)
        #expect(missing.status == 2 && missing.err.contains("cannot read"), "\(missing.all)")
    }
}
