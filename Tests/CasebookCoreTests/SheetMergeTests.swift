import Foundation
import Testing
@testable import CasebookCore

/// The field-level three-way merge (issue 10, SPEC §8), as a table: each row changes one base sheet
/// on my side and on their side and says what the merge must give. Every row is also run with the
/// sides swapped, which must give the same verdict.
struct SheetMergeTests {
    typealias Change = @Sendable (inout CaseSheet) -> Void

    /// What a row expects.
    enum Expected: Sendable {
        /// A clean merge: the base with `change` applied, and which parts came from their side.
        case clean(Change, fromTheirs: [SheetMergeSubject])
        /// These parts conflict.
        case conflicts([SheetMergeSubject])
    }

    /// One row of the table.
    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var mine: Change
        var theirs: Change
        var expected: Expected
        var testDescription: String { name }
    }

    /// The sheet every row starts from.
    static func base(_ change: Change = { _ in }) -> CaseSheet {
        var sheet = CaseSheet()
        sheet.title = "資源集団回収"
        sheet.departments = ["清掃事業課"]
        sheet.partners = ["町内会", "NPO法人"]
        sheet.form = "補助・助成"
        sheet.started = EraYear(era: .showa, year: 60)
        sheet.domain = "市民等と連携・協力"
        sheet.overview = ["第一段落。", "第二段落。", "第三段落。"]
        sheet.origin = ["きっかけ。"]
        sheet.roles.city = ["実績管理", "奨励金支給", "広報"]
        sheet.points = ["□ 継続"]
        sheet.diagram = Diagram(actors: ["市", "町内会"], flows: [.init(from: "町内会", to: "市", label: "申請")], notes: ["注記"])
        change(&sheet)
        return sheet
    }

    static let rows: [Row] = [
        Row(name: "a line changed on their side is taken", mine: { _ in }, theirs: { $0.title = "新しい名前" },
            expected: .clean({ $0.title = "新しい名前" }, fromTheirs: [.field(.title)])),
        Row(name: "different fields on each side both stay", mine: { $0.form = "共催" }, theirs: { $0.started = EraYear(era: .heisei, year: 2) },
            expected: .clean({ $0.form = "共催"; $0.started = EraYear(era: .heisei, year: 2) }, fromTheirs: [.field(.started)])),
        Row(name: "the same change on both sides is no conflict", mine: { $0.form = "共催" }, theirs: { $0.form = "共催" },
            expected: .clean({ $0.form = "共催" }, fromTheirs: [])),
        Row(name: "a line changed differently on both sides conflicts", mine: { $0.title = "甲" }, theirs: { $0.title = "乙" },
            expected: .conflicts([.field(.title)])),
        Row(name: "a choice changed differently on both sides conflicts", mine: { $0.form = "共催" }, theirs: { $0.form = "委託" },
            expected: .conflicts([.field(.form)])),
        Row(name: "an era year changed differently on both sides conflicts",
            mine: { $0.started = EraYear(era: .heisei, year: nil) }, theirs: { $0.started = nil },
            expected: .conflicts([.field(.started)])),
        Row(name: "list: an append against an edit of the last item is clean",
            mine: { $0.roles.city.append("会場提供") }, theirs: { $0.roles.city[2] = "広報・周知" },
            expected: .clean({ $0.roles.city = ["実績管理", "奨励金支給", "広報・周知", "会場提供"] }, fromTheirs: [.field(.rolesCity)])),
        Row(name: "list: both append, mine first, theirs after",
            mine: { $0.departments.append("企画課") }, theirs: { $0.departments.append("地域福祉課") },
            expected: .clean({ $0.departments = ["清掃事業課", "企画課", "地域福祉課"] }, fromTheirs: [.field(.departments)])),
        Row(name: "list: an item both sides added is added once",
            mine: { $0.departments += ["企画課", "環境課"] }, theirs: { $0.departments.insert("企画課", at: 0) },
            expected: .clean({ $0.departments = ["清掃事業課", "企画課", "環境課"] }, fromTheirs: [])),
        Row(name: "list: a deletion is kept while the other side adds",
            mine: { $0.partners.removeFirst() }, theirs: { $0.partners.append("学校") },
            expected: .clean({ $0.partners = ["NPO法人", "学校"] }, fromTheirs: [.field(.partners)])),
        Row(name: "list: an edited item survives its deletion on the other side",
            mine: { $0.roles.city.remove(at: 1) }, theirs: { $0.roles.city[1] = "奨励金の支給" },
            expected: .clean({ $0.roles.city = ["実績管理", "奨励金の支給", "広報"] }, fromTheirs: [.field(.rolesCity)])),
        Row(name: "list: one item edited differently on both sides keeps both",
            mine: { $0.roles.city[0] = "実績の管理" }, theirs: { $0.roles.city[0] = "実績管理等" },
            expected: .clean({ $0.roles.city = ["実績の管理", "実績管理等", "奨励金支給", "広報"] }, fromTheirs: [.field(.rolesCity)])),
        Row(name: "text: adjacent paragraphs edited on both sides are clean",
            mine: { $0.overview[0] = "第一段落を直した。" }, theirs: { $0.overview[1] = "第二段落を直した。" },
            expected: .clean({ $0.overview = ["第一段落を直した。", "第二段落を直した。", "第三段落。"] }, fromTheirs: [.field(.overview)])),
        Row(name: "text: the same paragraph edited on both sides conflicts",
            mine: { $0.overview[1] = "第二段落（私）。" }, theirs: { $0.overview[1] = "第二段落（相手）。" },
            expected: .conflicts([.field(.overview)])),
        Row(name: "text: a paragraph deleted on one side and edited on the other conflicts",
            mine: { $0.overview.remove(at: 2) }, theirs: { $0.overview[2] = "第三段落を直した。" },
            expected: .conflicts([.field(.overview)])),
        Row(name: "text: different paragraphs added at one place conflict",
            mine: { $0.results.append("成果A。") }, theirs: { $0.results.append("成果B。") },
            expected: .conflicts([.field(.results)])),
        Row(name: "text: a new paragraph beside an edited one is clean",
            mine: { $0.overview.insert("前書き。", at: 0) }, theirs: { $0.overview[0] = "第一段落を直した。" },
            expected: .clean({ $0.overview = ["前書き。", "第一段落を直した。", "第二段落。", "第三段落。"] }, fromTheirs: [.field(.overview)])),
        Row(name: "text conflicts while another field merges: only the text conflicts",
            mine: { $0.origin = ["私の。"]; $0.form = "共催" }, theirs: { $0.origin = ["相手の。"]; $0.title = "改名" },
            expected: .conflicts([.field(.origin)])),
        Row(name: "diagram: actors as a set, each side's new actor kept, one both added kept once",
            mine: { $0.diagram.actors += ["学校", "企業"] }, theirs: { $0.diagram.actors += ["企業", "NPO"] },
            expected: .clean({ $0.diagram.actors = ["市", "町内会", "学校", "企業", "NPO"] }, fromTheirs: [.field(.diagram)])),
        Row(name: "diagram: flows keyed by from, to and label",
            mine: { $0.diagram.flows.append(.init(from: "市", to: "町内会", label: "奨励金")) },
            theirs: { $0.diagram.flows += [.init(from: "市", to: "町内会", label: "奨励金"), .init(from: "市", to: "町内会", label: "広報")] },
            expected: .clean({ $0.diagram.flows += [.init(from: "市", to: "町内会", label: "奨励金"), .init(from: "市", to: "町内会", label: "広報")] },
                             fromTheirs: [.field(.diagram)])),
        Row(name: "diagram: an actor removed on one side while the other adds a note",
            mine: { $0.diagram.actors.removeLast(); $0.diagram.flows = [] }, theirs: { $0.diagram.notes.append("新しい注記") },
            expected: .clean({ $0.diagram = Diagram(actors: ["市"], flows: [], notes: ["注記", "新しい注記"]) }, fromTheirs: [.field(.diagram)])),
    ]

    @Test(arguments: rows)
    func mergeTable(row: Row) {
        let base = Self.base()
        let result = SheetMerge.merge(base: base, mine: Self.base(row.mine), theirs: Self.base(row.theirs))
        switch row.expected {
        case .clean(let change, let fromTheirs):
            #expect(result.conflicts.map(\.subject) == [])
            #expect(result.merged == Self.base(change))
            #expect(result.partsFromTheirs == fromTheirs)
        case .conflicts(let subjects):
            #expect(!result.isClean)
            #expect(result.conflicts.map(\.subject) == subjects)
            // Where a field conflicts, the merged sheet holds mine's value: the edit is never lost.
            let mine = Self.base(row.mine)
            for field in result.conflictingFields {
                #expect(result.merged.value(of: field) == mine.value(of: field))
            }
        }
    }

    /// Swapping the sides gives the same verdict: the same conflicts (with mine and theirs swapped),
    /// and for a clean merge the same sheet up to the order of items both sides added at one place.
    @Test(arguments: rows)
    func mergeIsSymmetric(row: Row) {
        let base = Self.base(), mine = Self.base(row.mine), theirs = Self.base(row.theirs)
        let forward = SheetMerge.merge(base: base, mine: mine, theirs: theirs)
        let backward = SheetMerge.merge(base: base, mine: theirs, theirs: mine)
        #expect(forward.conflicts.map(\.subject) == backward.conflicts.map(\.subject))
        for (one, other) in zip(forward.conflicts, backward.conflicts) {
            #expect(one.base == other.base)
            #expect(one.mine == other.theirs)
            #expect(one.theirs == other.mine)
        }
        for field in SheetField.allCases where !forward.conflictingFields.contains(field) {
            #expect(Self.unordered(forward.merged.value(of: field)) == Self.unordered(backward.merged.value(of: field)), "\(field)")
        }
        #expect(forward.merged.status == backward.merged.status)
    }

    /// A field's value with its items sorted, so that two orders of the same items compare equal.
    static func unordered(_ value: FieldValue) -> FieldValue {
        switch value {
        case .items(let items): .items(items.sorted())
        case .diagram(let d): .diagram(Diagram(actors: d.actors.sorted(), flows: d.flows.sorted { $0.displayText < $1.displayText }, notes: d.notes.sorted()))
        default: value
        }
    }

    @Test func mergingACaseWithItselfChangesNothing() throws {
        for file in try TestPaths.seedFiles() {
            let bytes = Array(try Data(contentsOf: file))
            let sheet = try SheetCodec.decode(try JSONParser.parse(bytes))
            let result = SheetMerge.merge(base: sheet, mine: sheet, theirs: sheet)
            #expect(result.isClean)
            #expect(result.partsFromTheirs.isEmpty)
            #expect(CanonicalJSONWriter.bytes(of: SheetCodec.encode(result.merged)) == bytes, "\(file.lastPathComponent)")
        }
    }

    @Test func aChangeOnOneSideOnlyIsThatSide() throws {
        let files = try TestPaths.seedFiles()
        let sheets = try files.map { try SheetCodec.decode(try JSONParser.parse(Array(try Data(contentsOf: $0)))) }
        for (one, other) in zip(sheets, sheets.dropFirst()) {
            #expect(SheetMerge.merge(base: one, mine: one, theirs: other).merged == other)
            #expect(SheetMerge.merge(base: one, mine: other, theirs: one).merged == other)
            #expect(SheetMerge.merge(base: one, mine: one, theirs: other).isClean)
        }
    }

    @Test func theOutputIsCanonical() throws {
        let row = Self.rows.first { $0.name.hasPrefix("list: an append") }!
        let result = SheetMerge.merge(base: Self.base(), mine: Self.base(row.mine), theirs: Self.base(row.theirs))
        let bytes = CanonicalJSONWriter.bytes(of: SheetCodec.encode(result.merged))
        // Read back and written again, not one byte moves; and it is the same text a saved sheet has.
        let reread = try SheetCodec.decode(try JSONParser.parse(bytes))
        #expect(CanonicalJSONWriter.bytes(of: SheetCodec.encode(reread)) == bytes)
        var expected = Self.base()
        expected.roles.city = ["実績管理", "奨励金支給", "広報・周知", "会場提供"]
        #expect(bytes == CanonicalJSONWriter.bytes(of: SheetCodec.encode(expected)))
    }
}

/// Review verdicts merge per section and are checked against the section hashes.
struct SheetMergeReviewTests {
    static func verdict(_ state: ReviewVerdict.State, _ section: SheetSection, of sheet: CaseSheet, by: String = "佐藤", note: String = "") -> ReviewVerdict {
        ReviewVerdict(state: state, by: by, at: "2026-12-01", note: note, hash: SectionHash.of(section, in: sheet))
    }

    /// The base sheet, approved: every section has a current `ok`.
    static func approved() -> CaseSheet {
        var sheet = SheetMergeTests.base()
        for section in SheetSection.allCases { sheet.review[section] = verdict(.ok, section, of: sheet) }
        sheet.status = .approved
        return sheet
    }

    @Test func aVerdictGivenOnOneSideIsTaken() {
        let base = SheetMergeTests.base()
        var theirs = base
        theirs.review[.roles] = Self.verdict(.flagged, .roles, of: theirs, note: "要確認")
        theirs.status = .review
        var mine = base
        mine.form = "共催"
        let result = SheetMerge.merge(base: base, mine: mine, theirs: theirs)
        #expect(result.isClean)
        #expect(result.merged.review[.roles] == theirs.review[.roles])
        #expect(result.merged.status == .review)
        #expect(result.partsFromTheirs == [.review(.roles), .status])
    }

    @Test func twoDifferentVerdictsOnTheSameContentConflict() {
        let base = SheetMergeTests.base()
        var mine = base, theirs = base
        mine.review[.overview] = Self.verdict(.ok, .overview, of: base)
        theirs.review[.overview] = Self.verdict(.flagged, .overview, of: base, by: "鈴木", note: "数字が違う")
        let result = SheetMerge.merge(base: base, mine: mine, theirs: theirs)
        #expect(result.conflicts.map(\.subject) == [.review(.overview)])
        #expect(result.conflicts.first?.theirs == .verdict(theirs.review[.overview]))
        #expect(result.merged.review[.overview] == mine.review[.overview])
    }

    @Test func theSameJudgementByTwoPeopleIsNoConflict() {
        let base = SheetMergeTests.base()
        var mine = base, theirs = base
        mine.review[.overview] = Self.verdict(.ok, .overview, of: base)
        theirs.review[.overview] = Self.verdict(.ok, .overview, of: base, by: "鈴木")
        #expect(SheetMerge.merge(base: base, mine: mine, theirs: theirs).isClean)
    }

    @Test func theVerdictGivenToTheMergedContentStands() {
        // Mine changed the overview and reviewed my new text; theirs reviewed the old text.
        let base = SheetMergeTests.base()
        var mine = base
        mine.overview[0] = "直した第一段落。"
        mine.review[.overview] = Self.verdict(.ok, .overview, of: mine)
        var theirs = base
        theirs.review[.overview] = Self.verdict(.flagged, .overview, of: base, note: "古い")
        let result = SheetMerge.merge(base: base, mine: mine, theirs: theirs)
        #expect(result.isClean)
        #expect(result.merged.review[.overview] == mine.review[.overview])
    }

    @Test func anApprovedCaseWhoseContentChangedGoesBackToReview() {
        let base = Self.approved()
        var mine = base
        mine.overview[0] = "直した。"
        var theirs = base
        theirs.title = "改名した事業"
        let result = SheetMerge.merge(base: base, mine: mine, theirs: theirs)
        #expect(result.isClean)
        #expect(result.merged.title == "改名した事業")
        #expect(result.merged.overview[0] == "直した。")
        #expect(result.merged.status == .review)
        #expect(result.merged.sectionsBlockingApproval == [.basics, .overview])
        #expect(result.partsFromTheirs.contains(.status))
    }

    @Test func anApprovalStandsWhenNothingAboutTheContentChanged() {
        // Their side added a verdict note elsewhere (an unknown key), mine nothing: still approved.
        let base = Self.approved()
        var theirs = base
        theirs.original = .object(SheetCodec.encode(base).objectMembers! + [JSONMember("memo", .string("x"))])
        let result = SheetMerge.merge(base: base, mine: base, theirs: theirs)
        #expect(result.merged.status == .approved)
        #expect(result.partsFromTheirs == [.unknownKey(["memo"])])
    }

    @Test func anApprovalOnBothSidesOfReviewedContentStands() {
        // Both sides reviewed different sections; the merged content is what both approved.
        var base = SheetMergeTests.base()
        for section in SheetSection.allCases where section != .roles && section != .points {
            base.review[section] = Self.verdict(.ok, section, of: base)
        }
        base.status = .review
        var mine = base
        mine.review[.roles] = Self.verdict(.ok, .roles, of: base)
        var theirs = base
        theirs.review[.points] = Self.verdict(.ok, .points, of: base)
        theirs.review[.roles] = Self.verdict(.ok, .roles, of: base)
        theirs.status = .approved
        let result = SheetMerge.merge(base: base, mine: mine, theirs: theirs)
        #expect(result.isClean)
        #expect(result.merged.status == .approved)
    }
}

/// Keys this version does not know are merged generically and kept.
struct SheetMergeUnknownKeyTests {
    static func sheet(_ json: String) throws -> CaseSheet {
        try SheetCodec.decode(try JSONParser.parse(json))
    }

    @Test func unknownKeysFromBothSidesAreKept() throws {
        let base = try Self.sheet(#"{"schema": 1, "title": "t", "extra": {"a": 1}, "roles": {"city": [], "partner": [], "memo": "m"}}"#)
        let mine = try Self.sheet(#"{"schema": 1, "title": "t", "extra": {"a": 1, "b": 2}, "mine": true, "roles": {"city": [], "partner": [], "memo": "m"}}"#)
        let theirs = try Self.sheet(#"{"schema": 1, "title": "t2", "extra": {"a": 3}, "roles": {"city": [], "partner": [], "memo": "n"}}"#)
        let result = SheetMerge.merge(base: base, mine: mine, theirs: theirs)
        #expect(result.isClean)
        let document = SheetCodec.encode(result.merged)
        #expect(document["extra"] == .object([JSONMember("a", .number(3)), JSONMember("b", .number(2))]))
        #expect(document["mine"] == .bool(true))
        #expect(document["roles"]?["memo"] == .string("n"))
        #expect(result.merged.title == "t2")
        #expect(Set(result.partsFromTheirs) == [.field(.title), .unknownKey(["extra", "a"]), .unknownKey(["roles", "memo"])])
    }

    @Test func anUnknownKeyChangedDifferentlyOnBothSidesConflicts() throws {
        let base = try Self.sheet(#"{"schema": 1, "extra": 1}"#)
        let mine = try Self.sheet(#"{"schema": 1, "extra": 2}"#)
        let theirs = try Self.sheet(#"{"schema": 1}"#)
        let result = SheetMerge.merge(base: base, mine: mine, theirs: theirs)
        #expect(result.conflicts == [SheetMergeConflict(subject: .unknownKey(["extra"]), base: .json(.number(1)), mine: .json(.number(2)), theirs: .json(nil))])
        #expect(SheetCodec.encode(result.merged)["extra"] == .number(2))
    }

    @Test func anUnknownKeyDeletedOnOneSideIsDeleted() throws {
        let base = try Self.sheet(#"{"schema": 1, "extra": 1, "other": 1}"#)
        let mine = try Self.sheet(#"{"schema": 1, "extra": 1}"#)
        let theirs = try Self.sheet(#"{"schema": 1, "extra": 1, "other": 1, "title": "x"}"#)
        let document = SheetCodec.encode(SheetMerge.merge(base: base, mine: mine, theirs: theirs).merged)
        #expect(document["other"] == nil)
        #expect(document["extra"] == .number(1))
        #expect(document["title"] == .string("x"))
    }
}
