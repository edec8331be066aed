import CasebookCore

extension Session {
    /// Why a typed value was refused, in words that say what is accepted.
    public func describe(_ problem: FieldInput.Problem) -> String {
        switch problem {
        case .required(let field): text(FieldMessage.valueRequired(label: field.label))
        case .lineBreak(let field): text(FieldMessage.valueLineBreak(label: field.label))
        case .unacceptableCharacter(let field, let scalar):
            text(FieldMessage.valueUnacceptableCharacter(label: field.label, code: scalar.codePointName))
        case .notAChoice(let field, let value, let choices):
            text(FieldMessage.valueNotAChoice(label: field.label, value: value, choices: choices))
        case .choiceNumberOutOfRange(let field, _, let count): text(FieldMessage.choiceNumberOutOfRange(label: field.label, count: count))
        case .eraYear(let error): describe(error)
        case .notSingleLine(let field): text(FieldMessage.fieldNotSingleLine(label: field.label, key: field.key))
        case .badFlow(let typed): text(FieldMessage.badFlow(typed: typed))
        }
    }

    /// Why an era year was refused.
    public func describe(_ error: EraYear.ParseError) -> String {
        switch error {
        case .unrecognised(let typed): text(FieldMessage.eraUnrecognised(typed: typed))
        case .outOfRange(let era, let year, let last): text(FieldMessage.eraOutOfRange(era: era.rawValue, year: year, last: last))
        case .westernYearOutOfRange(let year, let last): text(FieldMessage.eraWesternOutOfRange(year: year, last: last))
        }
    }

    /// A warning about a value, such as an unusual 協働の形態.
    public func describe(warning: ValidationIssue) -> String {
        switch warning.kind {
        case .unknownChoice(let value):
            text(FieldMessage.unknownChoiceWarning(label: warning.field.label, value: value, known: SheetField.knownForms))
        default:
            describe(issue: warning, id: "")
        }
    }

    /// A validation issue as one line, prefixed with the case id.
    public func describe(issue: ValidationIssue, id: String) -> String {
        let label = issue.field.label
        switch issue.kind {
        case .missing: return text(ValidationMessage.missing(id: id, label: label))
        case .notAChoice(let value): return text(ValidationMessage.notAChoice(id: id, label: label, value: value))
        case .unknownChoice(let value): return text(ValidationMessage.unknownChoice(id: id, label: label, value: value))
        case .eraYearOutOfRange(let era): return text(ValidationMessage.eraOutOfRange(id: id, label: label, year: era.editingText))
        case .unknownActor(let name): return text(ValidationMessage.unknownActor(id: id, label: label, name: name))
        case .lineBreak(let start): return text(ValidationMessage.lineBreak(id: id, label: label, start: TerminalSafeText.make(start)))
        }
    }
}
