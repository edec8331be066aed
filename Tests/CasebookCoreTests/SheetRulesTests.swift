import Testing
@testable import CasebookCore

struct FieldInputTests {
    @Test(arguments: [("・町内会", "町内会"), ("  □ 情報発信 ", "情報発信"), ("- item", "item"), ("* x", "x"), ("○ 地域", "地域"), ("・", ""), ("ー長音", "ー長音")])
    func bulletsAreNotContent(typed: String, item: String) {
        #expect(FieldInput.listItem(typed) == item)
    }

    @Test func emptyItemsAreDropped() {
        #expect(FieldInput.items(["a", "  ", "・", "b"], for: .points) == ["a", "b"])
        #expect(FieldInput.items([" 段落 ", ""], for: .overview) == ["段落"])
    }

    @Test func choicesByNumberOrValue() throws {
        #expect(try FieldInput.singleLineValue("2", for: .domain, currentWesternYear: 2026).value == .line("市民活動等に行政がサポート"))
        #expect(try FieldInput.singleLineValue("対等に役割を分担", for: .domain, currentWesternYear: 2026).value == .line("対等に役割を分担"))
        #expect(throws: FieldInput.Problem.self) { try FieldInput.singleLineValue("なんでも", for: .domain, currentWesternYear: 2026) }
        #expect(throws: FieldInput.Problem.choiceNumberOutOfRange(.domain, number: 7, count: 6)) {
            try FieldInput.singleLineValue("7", for: .domain, currentWesternYear: 2026)
        }
        let open = try FieldInput.singleLineValue("指定管理", for: .form, currentWesternYear: 2026)
        #expect(open.value == .line("指定管理"))
        #expect(open.warning?.kind == .unknownChoice("指定管理"))
    }

    @Test func titleIsRequiredAndOneLine() {
        #expect(throws: FieldInput.Problem.required(.title)) { try FieldInput.singleLineValue("  ", for: .title, currentWesternYear: 2026) }
        #expect(throws: FieldInput.Problem.lineBreak(.title)) { try FieldInput.singleLineValue("a\nb", for: .title, currentWesternYear: 2026) }
    }

    @Test func textIsKeptAsTypedInside() throws {
        #expect(try FieldInput.singleLineValue(" ＡＢＣ　ｶﾅ ", for: .title, currentWesternYear: 2026).value == .line("ＡＢＣ　ｶﾅ"))
    }

    @Test(arguments: [("abc\u{1B}[31m", 0x1B), ("x\u{7}", 0x07), ("\u{0}nul", 0x00), ("a\u{7F}", 0x7F), ("a\u{85}b", 0x85),
                      ("市\u{202E}民", 0x202E), ("\u{2066}x", 0x2066), ("ab\u{FFFD}cd", 0xFFFD)])
    func controlAndDirectionCharactersAreRefused(typed: String, code: UInt32) {
        #expect(FieldInput.unacceptableCharacter(in: typed)?.value == code)
        #expect(throws: FieldInput.Problem.unacceptableCharacter(.title, Unicode.Scalar(code)!)) {
            try FieldInput.singleLineValue(typed, for: .title, currentWesternYear: 2026)
        }
    }

    @Test(arguments: ["資源集団回収", "ＮＰＯ法人　とかち", "𠮷野家", "家族👨‍👩‍👧", "か\u{3099}", "葛\u{E0100}", "a\tb", "二行\n目"])
    func ordinaryTextIsAccepted(_ typed: String) {
        #expect(FieldInput.unacceptableCharacter(in: typed) == nil)
    }
}

struct ValidationTests {
    @Test func findsEachKindOfProblem() {
        var sheet = CaseSheet()
        sheet.domain = "なにか"
        sheet.form = "指定管理"
        sheet.started = EraYear(era: .showa, year: 70)
        sheet.diagram = Diagram(actors: ["市"], flows: [.init(from: "市", to: "町内会", label: "x")])
        sheet.overview = ["一つ目の段落", "二つ目の段落は、とても長い一文の途中で\n改行されています"]
        let kinds = SheetValidator.issues(of: sheet, currentWesternYear: 2026).map(\.kind)
        #expect(kinds.contains(.missing))
        #expect(kinds.contains(.notAChoice("なにか")))
        #expect(kinds.contains(.unknownChoice("指定管理")))
        #expect(kinds.contains(.eraYearOutOfRange(EraYear(era: .showa, year: 70))))
        #expect(kinds.contains(.unknownActor("町内会")))
        // The paragraph with the line break is named by how it starts, not the one before it.
        #expect(kinds.contains(.lineBreak(start: "二つ目の段落は、とても長い一文…")))
        #expect(!kinds.contains(.lineBreak(start: "一つ目の段落")))
        // One that starts with its break, and two that start alike, are told apart by where it comes.
        sheet.overview = ["\n先頭が改行", "同じ書き出し\nA", "同じ書き出し\nB"]
        let starts = SheetValidator.issues(of: sheet, currentWesternYear: 2026).compactMap { issue -> String? in
            if case .lineBreak(let start) = issue.kind { return start }
            return nil
        }
        #expect(starts == ["⏎先頭が改行", "同じ書き出し⏎A", "同じ書き出し⏎B"])
    }
}

struct SheetPartTests {
    @Test(arguments: [
        ("overview", SheetPart.field(.overview)), ("取り組みの概要", .field(.overview)), ("roles", .section(.roles)),
        ("役割", .section(.roles)), ("roles.city", .field(.rolesCity)), ("役割（市）", .field(.rolesCity)),
        ("役割(相手)", .field(.rolesPartner)), ("basics", .section(.basics)), ("基本情報", .section(.basics)),
    ])
    func namesResolve(name: String, part: SheetPart) {
        #expect(SheetPart.named(name) == part)
    }

    @Test func unknownNamesDoNot() {
        #expect(SheetPart.named("nothing") == nil)
    }
}

struct CaseIDTests {
    @Test(arguments: ["shigen-shudan-kaishu", "a", "a1-b2", String(repeating: "a", count: 48)])
    func valid(id: String) { #expect(CaseID(id) != nil) }

    @Test(arguments: ["", "../x", "A", "-n", "a-", "a--b", "a_b", "a.b", "資源", "a b", String(repeating: "a", count: 49), "x/y"])
    func invalid(id: String) { #expect(CaseID(id) == nil) }

    @Test func randomIDsAreValidAndDiffer() {
        var generator = SystemRandomNumberGenerator()
        let ids = (0..<100).map { _ in CaseID.random(using: &generator) }
        #expect(Set(ids).count == 100)
    }
}

struct ReviewStateTests {
    @Test func aVerdictGoesStaleWhenItsSectionChanges() {
        var sheet = CaseSheet()
        sheet.title = "T"
        sheet.overview = ["一"]
        sheet.review[.overview] = ReviewVerdict(state: .ok, by: "a", at: "2026-11-29", note: "", hash: SectionHash.of(.overview, in: sheet))
        #expect(SectionReviewState.of(.overview, in: sheet) == .ok(sheet.review[.overview]!))
        sheet.results = ["other section"]
        #expect(SectionReviewState.of(.overview, in: sheet) == .ok(sheet.review[.overview]!))
        sheet.overview = ["二"]
        #expect(SectionReviewState.of(.overview, in: sheet) == .changedSinceReview(sheet.review[.overview]!))
        #expect(sheet.sectionsBlockingApproval.contains(.overview))
    }

    @Test func sha256KnownAnswers() {
        #expect(SHA256.hex(of: Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: Array(String(repeating: "a", count: 1000).utf8)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}

struct LanguageTests {
    @Test func firstSetVariableDecides() {
        #expect(Language.from(environment: ["LANG": "ja_JP.UTF-8"]) == .japanese)
        #expect(Language.from(environment: ["LC_ALL": "C", "LANG": "ja_JP.UTF-8"]) == .english)
        #expect(Language.from(environment: ["LC_ALL": "", "LC_MESSAGES": "ja_JP", "LANG": "C"]) == .japanese)
        #expect(Language.from(environment: [:]) == .english)
    }

    /// A message of each area, each argument a marker: both languages must show every argument,
    /// and the Japanese text must be Japanese.
    static let samples: [(message: any UserMessage, markers: [String])] = {
        let id = CaseID("marker-id")!
        return [
            (StoreMessage.caseNotFound(reference: "ＲＥＦ"), ["ＲＥＦ"]),
            (StoreMessage.caseAmbiguous(reference: "ＲＥＦ", candidates: [(id, "ＴＩＴＬＥ")]), ["ＲＥＦ", "marker-id", "ＴＩＴＬＥ"]),
            (StoreMessage.problem(fileName: "ＦＩＬＥ", reason: .unreadable(reason: "ＷＨＹ")), ["ＦＩＬＥ", "ＷＨＹ"]),
            (StoreMessage.readOnlyNewer(fileName: "ＦＩＬＥ", schema: 7), ["ＦＩＬＥ", "7"]),
            (StoreMessage.deleteConfirm(id: id, title: "ＴＩＴＬＥ"), ["marker-id", "ＴＩＴＬＥ"]),
            (FieldMessage.valueNotAChoice(label: "ＬＡＢＥＬ", value: "ＶＡＬＵＥ", choices: ["ＣＨＯＩＣＥ"]), ["ＬＡＢＥＬ", "ＶＡＬＵＥ", "ＣＨＯＩＣＥ"]),
            (FieldMessage.eraOutOfRange(era: "ＥＲＡ", year: 77, last: 88), ["ＥＲＡ", "77", "88"]),
            (FieldMessage.unknownChoiceWarning(label: "ＬＡＢＥＬ", value: "ＶＡＬＵＥ", known: ["ＫＮＯＷＮ"]), ["ＬＡＢＥＬ", "ＶＡＬＵＥ", "ＫＮＯＷＮ"]),
            (ValidationMessage.unknownActor(id: "ＩＤ", label: "ＬＡＢＥＬ", name: "ＮＡＭＥ"), ["ＩＤ", "ＬＡＢＥＬ", "ＮＡＭＥ"]),
            (ValidationMessage.summary(checked: 11, withErrors: 22, withWarnings: 33), ["11", "22", "33"]),
            (SheetMessage.flagged(by: "ＢＹ", on: "ＯＮ", note: "ＮＯＴＥ"), ["ＢＹ", "ＯＮ", "ＮＯＴＥ"]),
            (ListMessage.matchCount(matches: 11, cases: 22), ["11", "22"]),
            (ShellMessage.banner(path: "ＰＡＴＨ", cases: 11, uncommitted: 22), ["ＰＡＴＨ", "11", "22"]),
            (WalkMessage.invalid(reason: "ＷＨＹ"), ["ＷＨＹ"]),
            (ReviewMessage.summary(id: id, ok: 11, flagged: 22, open: 33), ["marker-id", "11", "22", "33"]),
            (ReviewMessage.approveFlagged(section: "ＳＥＣＴＩＯＮ", note: "ＮＯＴＥ"), ["ＳＥＣＴＩＯＮ", "ＮＯＴＥ"]),
            (GitMessage.revertConfirmField(id: id, title: "ＴＩＴＬＥ", label: "ＬＡＢＥＬ"), ["marker-id", "ＴＩＴＬＥ", "ＬＡＢＥＬ"]),
            (GitMessage.statusChanged(id: id, title: "ＴＩＴＬＥ", labels: ["ＬＡＢＥＬ"]), ["marker-id", "ＴＩＴＬＥ", "ＬＡＢＥＬ"]),
            (GitMessage.initAlready(path: "ＰＡＴＨ", repository: "ＲＥＰＯ"), ["ＰＡＴＨ", "ＲＥＰＯ"]),
            (JSONMessage.parseError(JSONParseError(.unexpectedEndOfFile, at: 5, in: Array("{\n\"a\"".utf8))), ["2", "4"]),
        ]
    }()

    @Test(arguments: samples.indices)
    func everyMessageShowsItsArgumentsInBothLanguages(index: Int) {
        let (message, markers) = Self.samples[index]
        let japanese = message.text(in: .japanese)
        let english = message.text(in: .english)
        for marker in markers {
            #expect(japanese.contains(marker), "\(message): the Japanese text lacks \(marker)")
            #expect(english.contains(marker), "\(message): the English text lacks \(marker)")
        }
        #expect(japanese.unicodeScalars.contains { $0.value > 0x7F && !"ＲＥＦＴＩＬＦＨＹＷＡＢＬＶＵＣＯＮＫＰＭＳＧＤＩ".unicodeScalars.contains($0) },
                "\(message): the Japanese text is not Japanese")
        #expect(japanese != english)
    }
}
