import Foundation
import Testing
@testable import CasebookCore

/// The merge of one case file's bytes for git's driver (issue 11): canonical when clean; when not,
/// markers around just the conflicting parts' lines, such that either side of every marked place
/// is a whole, valid case file again.
struct CaseFileMergeTests {
    static func base() -> CaseSheet {
        var sheet = CaseSheet()
        sheet.title = "資源集団回収"
        sheet.form = "補助・助成"
        sheet.overview = ["第一段落。", "第二段落。"]
        sheet.points = ["継続"]
        return sheet
    }

    static func bytes(_ sheet: CaseSheet) -> [UInt8] { CanonicalJSONWriter.bytes(of: SheetCodec.encode(sheet)) }

    /// The text with every marked place replaced by one side's lines.
    static func side(_ text: String, ours: Bool) -> String {
        var out: [Substring] = []
        var state = 0  // 0 outside, 1 in ours, 2 in theirs
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("<<<<<<<") { state = 1; continue }
            if line.hasPrefix("=======") && state == 1 { state = 2; continue }
            if line.hasPrefix(">>>>>>>") { state = 0; continue }
            if state == 0 || (state == 1 && ours) || (state == 2 && !ours) { out.append(line) }
        }
        return out.joined(separator: "\n")
    }

    @Test func aCleanMergeIsTheCanonicalMergedCase() throws {
        var mine = Self.base(), theirs = Self.base()
        mine.form = "共催"
        theirs.points.append("追加")
        guard case .clean(let bytes) = CaseFileMerge.merge(base: Self.bytes(Self.base()), ours: Self.bytes(mine), theirs: Self.bytes(theirs)) else {
            Issue.record("expected a clean merge"); return
        }
        var expected = mine
        expected.points.append("追加")
        #expect(bytes == Self.bytes(expected))
    }

    typealias Change = @Sendable (inout CaseSheet) -> Void

    /// Two sides that conflict, and how many marked places to expect (`nil`: not counted).
    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var mine: Change
        var theirs: Change
        var places: Int?
        var start: Change = { _ in }
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "a line", mine: { $0.title = "自分" }, theirs: { $0.title = "相手" }, places: 1),
        Row(name: "a paragraph and a choice", mine: { $0.overview[1] = "自分の第二段落。"; $0.form = "共催" },
            theirs: { $0.overview[1] = "相手の第二段落。"; $0.form = "委託" }, places: 2),
        Row(name: "two verdicts given to one empty review", mine: {
            $0.review[.basics] = ReviewVerdict(state: .ok, by: "花子", at: "2026-12-01", note: "", hash: "x")
            $0.review[.overview] = ReviewVerdict(state: .ok, by: "花子", at: "2026-12-01", note: "", hash: "y")
        }, theirs: {
            $0.review[.basics] = ReviewVerdict(state: .flagged, by: "太郎", at: "2026-12-02", note: "要確認", hash: "z")
            $0.review[.overview] = ReviewVerdict(state: .flagged, by: "太郎", at: "2026-12-02", note: "要確認", hash: "w")
        }, places: nil),
        Row(name: "two verdicts withdrawn on one side and changed on the other", mine: { $0.review = [:] }, theirs: {
            $0.review[.basics] = ReviewVerdict(state: .flagged, by: "太郎", at: "2026-12-02", note: "要確認", hash: "z")
            $0.review[.overview] = ReviewVerdict(state: .flagged, by: "太郎", at: "2026-12-02", note: "要確認", hash: "w")
        }, places: 1, start: {
            $0.review[.basics] = ReviewVerdict(state: .ok, by: "花子", at: "2026-12-01", note: "", hash: "x")
            $0.review[.overview] = ReviewVerdict(state: .ok, by: "花子", at: "2026-12-01", note: "", hash: "y")
        }),
    ]

    @Test(arguments: rows)
    func eitherSideOfEveryMarkedPlaceIsAWholeCase(row: Row) throws {
        let name = row.name, change = row.mine, theirChange = row.theirs, places = row.places
        var base = Self.base()
        row.start(&base)
        var mine = base, theirs = base
        change(&mine)
        theirChange(&theirs)
        guard case .conflicted(let bytes, let result) = CaseFileMerge.merge(base: Self.bytes(base), ours: Self.bytes(mine),
                                                                             theirs: Self.bytes(theirs)) else {
            Issue.record("\(name): expected a conflict"); return
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if let places { #expect(text.components(separatedBy: "<<<<<<< ours\n").count - 1 == places, "\(text)") }
        // Mine's side is the merged case as the merge holds it (mine where parts conflict).
        #expect(Self.side(text, ours: true) == String(decoding: Self.bytes(result.merged), as: UTF8.self), "\(text)")
        // Theirs' side reads as a case with theirs' value in every conflicting part.
        let theirSide = try SheetCodec.decode(try JSONParser.parse(Self.side(text, ours: false)))
        for conflict in result.conflicts {
            var expected = theirSide
            CaseFileMerge.set(conflict.subject, to: conflict.theirs, in: &expected)
            #expect(expected == theirSide, "\(conflict.subject.label)")
        }
    }

    @Test func whatIsNotACaseOrIsNewerIsSaidSo() {
        let good = Self.bytes(Self.base())
        #expect({ if case .notMergeable(.unreadable(.theirs, _)) = CaseFileMerge.merge(base: good, ours: good, theirs: Array("{".utf8)) { true } else { false } }())
        let newer = Array(String(decoding: good, as: UTF8.self).replacingOccurrences(of: "\"schema\": 1", with: "\"schema\": 3").utf8)
        #expect({ if case .notMergeable(.newerSchema(.ours, 3)) = CaseFileMerge.merge(base: good, ours: newer, theirs: good) { true } else { false } }())
        // An empty base (both sides added the file) is an empty case, not an error.
        #expect({ if case .clean = CaseFileMerge.merge(base: [], ours: good, theirs: good) { true } else { false } }())
    }
}
