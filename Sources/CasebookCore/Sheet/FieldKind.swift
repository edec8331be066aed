/// What sort of value a field of the sheet holds (SPEC §1).
public enum FieldKind: Sendable, Equatable {
    /// One line of text.
    case line
    /// Zero or more one-line items.
    case list
    /// One or more paragraphs.
    case text
    /// A line that should be one of `choices`; `closed` means it must be.
    case choice(choices: [String], closed: Bool)
    /// A Japanese fiscal year (和暦).
    case eraYear
    /// Actors, flows between them, and notes.
    case diagram

    /// Whether a value of this kind is typed on one line (what `set` takes).
    public var isOneLine: Bool {
        switch self {
        case .line, .choice, .eraYear: true
        case .list, .text, .diagram: false
        }
    }
}
