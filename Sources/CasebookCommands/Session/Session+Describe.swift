import CasebookCore

extension Session {
    /// Why a typed value was refused, in words that say what is accepted.
    public func describe(_ problem: FieldInput.Problem) -> String {
        switch problem {
        case .required(let field): text(.valueRequired, field.label)
        case .lineBreak(let field): text(.valueLineBreak, field.label)
        case .notAChoice(let field, let value, let choices):
            text(.valueNotAChoice, field.label, TerminalSafeText.make(value), choices.joined(separator: "、"))
        case .choiceNumberOutOfRange(let field, _, let count): text(.choiceNumberOutOfRange, field.label, String(count))
        case .eraYear(let error): describe(error)
        case .notSingleLine(let field): text(.fieldNotSingleLine, field.label, field.key)
        case .badFlow(let typed): text(.badFlow, TerminalSafeText.make(typed))
        }
    }

    /// Why an era year was refused.
    public func describe(_ error: EraYear.ParseError) -> String {
        switch error {
        case .unrecognised(let typed): text(.eraUnrecognised, TerminalSafeText.make(typed))
        case .outOfRange(let era, let year, let last): text(.eraOutOfRange, era.rawValue, String(year), String(last))
        case .westernYearOutOfRange(let year, let last): text(.eraWesternOutOfRange, String(year), String(last))
        }
    }

    /// A warning about a value, such as an unusual 協働の形態.
    public func describe(warning: ValidationIssue) -> String {
        switch warning.kind {
        case .unknownChoice(let value):
            text(.unknownChoiceWarning, warning.field.label, TerminalSafeText.make(value), SheetField.knownForms.joined(separator: "、"))
        default:
            describe(issue: warning, id: "")
        }
    }

    /// A validation issue as one line, prefixed with the case id.
    public func describe(issue: ValidationIssue, id: String) -> String {
        let label = issue.field.label
        switch issue.kind {
        case .missing: return text(.validMissing, id, label)
        case .notAChoice(let value): return text(.validNotAChoice, id, label, TerminalSafeText.make(value))
        case .unknownChoice(let value): return text(.validUnknownChoice, id, label, TerminalSafeText.make(value))
        case .eraYearOutOfRange(let era): return text(.validEraOutOfRange, id, label, era.editingText)
        case .unknownActor(let name): return text(.validUnknownActor, id, label, TerminalSafeText.make(name))
        case .lineBreak: return text(.validLineBreak, id, label)
        }
    }
}
