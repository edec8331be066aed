import Testing
@testable import CasebookCore

/// Every field, whatever its kind, goes through the codec, the `--editor` text, the walk's input
/// and the diff: a field the description forgets to serve fails here.
struct FieldDescriptionTests {
    /// A value for `field` that no other field has, and the lines a walk would type for it.
    private static func sample(for field: SheetField) -> (value: FieldValue, typed: [String]) {
        let tag = field.key
        switch field.kind {
        case .line: return (.line("値-\(tag)"), ["値-\(tag)"])
        case .choice(let choices, _): return (.line(choices[1]), [choices[1]])
        case .eraYear: return (.eraYear(EraYear(era: .heisei, year: 13)), ["H13"])
        case .list, .text: return (.items(["一-\(tag)", "二-\(tag)"]), ["一-\(tag)", "二-\(tag)"])
        case .diagram:
            let diagram = Diagram(actors: ["市", "町内会"], flows: [Diagram.Flow(from: "町内会", to: "市", label: "申請")], notes: ["メモ"])
            return (.diagram(diagram), [])
        }
    }

    @Test(arguments: SheetField.allCases)
    func everyFieldServesEveryUse(field: SheetField) throws {
        let (value, typed) = Self.sample(for: field)
        var sheet = CaseSheet()
        let written = sheet.setValue(value, of: field)
        #expect(written)
        #expect(sheet.value(of: field) == value)

        // The codec: the value is written at the field's key path and read back.
        let document = SheetCodec.encode(sheet)
        var node: JSONValue? = document
        for key in field.description.path { node = node?[key] }
        #expect(node != nil && node != .null)
        let decoded = try SheetCodec.decode(JSONParser.parse(CanonicalJSONWriter.text(of: document)))
        #expect(decoded.value(of: field) == value)

        // The editor text of the field alone reads back to the same value.
        var edited = CaseSheet()
        try EditorText.apply(EditorText.render([field], of: sheet), to: &edited, fields: [field], currentWesternYear: 2026)
        #expect(edited.value(of: field) == value)

        // What a walk accepts for the field gives the value.
        switch field.kind {
        case .line, .choice, .eraYear:
            #expect(try FieldInput.singleLineValue(typed[0], for: field, currentWesternYear: 2026).value == value)
        case .list, .text:
            #expect(FieldValue.items(FieldInput.items(typed, for: field)) == value)
        case .diagram:
            break  // the diagram's walk reads actors, flows and notes: covered by the editor text above
        }

        // The diff names the field, and only it.
        let changes = SheetDiff.changes(from: CaseSheet(), to: sheet)
        #expect(changes.map(\.label) == [field.label])
        #expect(changes.first?.field == field)

        // The field is searchable, under its own field.
        #expect(sheet.searchableTexts.contains { $0.field == field })
    }

    @Test func keysLabelsAndPathsAreUnique() {
        let keys = SheetField.allCases.map(\.key)
        #expect(Set(keys).count == keys.count)
        #expect(Set(SheetField.allCases.map(\.label)).count == keys.count)
        for field in SheetField.allCases { #expect(SheetField(key: field.key) == field) }
    }
}
