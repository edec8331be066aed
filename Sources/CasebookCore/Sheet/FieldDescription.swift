/// Everything casebook knows about one field of the sheet, said once (SPEC §1): where it sits in
/// the JSON, its label, its kind, its section, and how its value is read from and written to a
/// `CaseSheet`. The codec, setting a value, section hashes, the walk, `--editor` text, diff,
/// search records, completion and the exports all read this description, so adding a field is one
/// entry in `SheetField.description` plus the stored property it names.
public struct FieldDescription: Sendable {
    /// The key commands accept and the JSON key path joined by dots, e.g. `roles.city`.
    public let key: String
    /// The Japanese label shown on the sheet and used as the walk's prompt.
    public let label: String
    /// What sort of value the field holds.
    public let kind: FieldKind
    /// The section the field belongs to.
    public let section: SheetSection
    /// Where the value lives in a `CaseSheet`, and so the shape of its `FieldValue`.
    public let storage: FieldStorage

    /// The JSON key path, e.g. `["roles", "city"]`.
    public let path: [String]

    /// The description of a field with these properties; its path is its key split at the dots.
    public init(key: String, label: String, kind: FieldKind, section: SheetSection, storage: FieldStorage) {
        self.key = key
        self.label = label
        self.kind = kind
        self.section = section
        self.storage = storage
        path = key.split(separator: ".").map(String.init)
    }
}

/// Where a field's value lives in a `CaseSheet`, by the shape of the value. The shape decides how
/// the value is read and written, encoded and decoded, compared and searched; there are four
/// shapes, however many fields there are.
public enum FieldStorage: @unchecked Sendable {
    // Key paths into a value type are immutable and safe to share; Swift 6 does not yet mark
    // WritableKeyPath Sendable, hence @unchecked.

    /// One line: a line or a choice.
    case line(WritableKeyPath<CaseSheet, String>)
    /// Items or paragraphs.
    case items(WritableKeyPath<CaseSheet, [String]>)
    /// An era year, or unknown.
    case eraYear(WritableKeyPath<CaseSheet, EraYear?>)
    /// The diagram.
    case diagram(WritableKeyPath<CaseSheet, Diagram>)

    /// The value in `sheet`.
    func read(_ sheet: CaseSheet) -> FieldValue {
        switch self {
        case .line(let path): .line(sheet[keyPath: path])
        case .items(let path): .items(sheet[keyPath: path])
        case .eraYear(let path): .eraYear(sheet[keyPath: path])
        case .diagram(let path): .diagram(sheet[keyPath: path])
        }
    }

    /// Writes `value` into `sheet`; a value of another shape is not written and `false` returned.
    func write(_ value: FieldValue, into sheet: inout CaseSheet) -> Bool {
        switch (self, value) {
        case (.line(let path), .line(let v)): sheet[keyPath: path] = v
        case (.items(let path), .items(let v)): sheet[keyPath: path] = v
        case (.eraYear(let path), .eraYear(let v)): sheet[keyPath: path] = v
        case (.diagram(let path), .diagram(let v)): sheet[keyPath: path] = v
        case (.line, _), (.items, _), (.eraYear, _), (.diagram, _): return false
        }
        return true
    }
}

/// The sheet's description as a whole: what an index or a cache must agree on.
public enum SheetSchema {
    /// A fingerprint of every field's key, kind and section, in order: an index written by a
    /// casebook with other fields has another fingerprint, and is rebuilt rather than read with
    /// shifted field codes.
    public static let fingerprint: String = {
        var text = "schema \(SheetCodec.schemaVersion)"
        for field in SheetField.allCases {
            let d = field.description
            text += "|\(d.key):\(d.kind.name):\(d.section.key)"
        }
        return String(FNV1a.hash(Array(text.utf8)), radix: 16)
    }()
}

extension FieldKind {
    /// The kind's name, for the schema's fingerprint.
    var name: String {
        switch self {
        case .line: "line"
        case .list: "list"
        case .text: "text"
        case .choice(let choices, let closed): "choice(\(closed ? "closed" : "open"):\(choices.joined(separator: ",")))"
        case .eraYear: "eraYear"
        case .diagram: "diagram"
        }
    }
}
