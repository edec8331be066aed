import Testing
@testable import CasebookCore

/// Completion is pure: a line before the cursor in, candidates out.
struct CompletionTests {
    static let vocabulary = CompletionVocabulary(
        commands: ["list", "find", "new", "open", "show", "edit", "set", "validate", "delete", "quit", "exit", "help"],
        options: ["list": ["--form", "--department", "--domain", "--status", "--store"], "edit": ["--editor", "--store"]],
        optionValues: ["--status": ["draft", "review", "approved"], "--form": SheetField.knownForms],
        cases: [("shigen-shudan-kaishu", "資源集団回収"), ("shimin-bunko-masuta", "市民文庫マスター"), ("komyuniti-koza", "コミュニティ講座")],
        hasOpenCase: false)

    static let cases: [(String, [String], Int)] = [
        ("ed", ["edit"], 2),
        ("e", ["edit", "exit"], 1),
        ("show 資源", ["資源集団回収"], 2),
        ("show shi", ["shigen-shudan-kaishu", "shimin-bunko-masuta"], 3),
        ("show shigen-shudan-kaishu ro", ["roles.city", "roles.partner", "roles"], 2),
        ("show 資源 役割", ["役割（市）", "役割（相手）", "役割"], 2),
        ("edit 資源 --ed", ["--editor"], 4),
        ("list --status d", ["draft"], 1),
        ("list --form 補助", ["補助・助成"], 2),
        ("show こみゅ", ["コミュニティ講座"], 3),
        ("help sh", ["show"], 2),
        ("open マスター", ["市民文庫マスター"], 4),
        ("list ", [], 0),
        ("set 資源 domain 対等", ["対等に役割を分担"], 2),
        ("rename 資源", ["資源集団回収"], 2),
        ("rename shigen-shudan-kaishu sh", [], 2),
    ]

    @Test(arguments: cases)
    func candidates(line: String, expected: [String], replacing: Int) {
        let reply = CommandCompletion.complete(line, vocabulary: Self.vocabulary)
        #expect(reply.candidates == expected, "\(line)")
        #expect(reply.replacing == replacing, "\(line)")
    }

    @Test func fieldValuesComeFromChoicesAndTheStore() {
        #expect(FieldCompletion.complete("補助", field: .form, storeValues: []).candidates == ["補助・助成"])
        #expect(FieldCompletion.complete("対等", field: .domain, storeValues: []).candidates == ["対等に役割を分担"])
        #expect(FieldCompletion.complete("清掃", field: .departments, storeValues: ["清掃事業課", "みどりの課"]).candidates == ["清掃事業課"])
        #expect(FieldCompletion.complete("平", field: .started, storeValues: []).candidates == ["平成"])
        #expect(FieldCompletion.complete("清掃", field: .departments, storeValues: []).replacing == 2)
    }

    @Test func titlesWithSpacesAreQuoted() {
        var vocabulary = Self.vocabulary
        vocabulary.cases = [("a", "二つの 言葉")]
        #expect(CommandCompletion.complete("show 二つ", vocabulary: vocabulary).candidates == ["'二つの 言葉'"])
    }

    @Test func setIsOfferedOnlyTheFieldsItTakes() {
        // set takes a line, a choice or an era year; show takes every field and section.
        let forSet = CommandCompletion.complete("set 資源 協働の", vocabulary: Self.vocabulary).candidates
        #expect(forSet == ["協働の形態", "協働の領域"])
        let forShow = CommandCompletion.complete("show 資源 協働の", vocabulary: Self.vocabulary).candidates
        #expect(forShow.contains("協働のポイント") && forShow.contains("協働の形態"), "\(forShow)")
        let keys = CommandCompletion.complete("set 資源 ", vocabulary: Self.vocabulary).candidates
        #expect(keys.contains("started") && !keys.contains("overview") && !keys.contains("diagram"), "\(keys)")
    }

    @Test func aWordBegunWithAQuoteKeepsItsQuote() throws {
        // The quote typed before a title is kept and closed, whether or not the title needs it.
        #expect(CommandCompletion.complete("show \"資源", vocabulary: Self.vocabulary).candidates == ["\"資源集団回収\""])
        #expect(CommandCompletion.complete("show '資源", vocabulary: Self.vocabulary).candidates == ["'資源集団回収'"])
        #expect(CommandCompletion.complete("show \"資源", vocabulary: Self.vocabulary).replacing == 3)
        var vocabulary = Self.vocabulary
        vocabulary.cases = [("a", "「市民の\"声\"」と'広報'\\")]
        // What the quote cannot hold as it is, is escaped, or quoted the other way.
        let double = CommandCompletion.complete("show \"「市民", vocabulary: vocabulary).candidates
        #expect(double == ["\"「市民の\\\"声\\\"」と'広報'\\\\\""])
        #expect(try WordSplitter.split("show " + double[0]) == ["show", "「市民の\"声\"」と'広報'\\"])
        // A word begun in double quotes with an escaped quote in it so far.
        vocabulary.cases = [("a", "\"引用\"の事業")]
        #expect(CommandCompletion.complete("show \"\\\"引", vocabulary: vocabulary).candidates == ["\"\\\"引用\\\"の事業\""])
        vocabulary.cases = [("a", "「市民の\"声\"」と'広報'\\")]
        let single = CommandCompletion.complete("show '「市民", vocabulary: vocabulary).candidates
        #expect(try WordSplitter.split("show " + single[0]) == ["show", "「市民の\"声\"」と'広報'\\"])
    }
}
