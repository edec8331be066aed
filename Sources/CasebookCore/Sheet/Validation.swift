/// One thing `validate` found wrong (an error) or worth a look (a warning).
public struct ValidationIssue: Sendable, Equatable {
    /// How serious it is.
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    /// What was found.
    public enum Kind: Sendable, Equatable {
        /// A required field is empty.
        case missing
        /// A closed choice holds another value.
        case notAChoice(String)
        /// An open choice holds a value that is not one of the known ones.
        case unknownChoice(String)
        /// An era year outside its era.
        case eraYearOutOfRange(EraYear)
        /// A flow names an actor that is not in `actors`.
        case unknownActor(String)
        /// A line, item or paragraph holds a line break; `start` is how it starts, to find it by.
        case lineBreak(start: String)
    }

    /// Error or warning.
    public var severity: Severity
    /// The field concerned.
    public var field: SheetField
    /// What is wrong.
    public var kind: Kind

    /// Makes an issue.
    public init(severity: Severity, field: SheetField, kind: Kind) {
        self.severity = severity
        self.field = field
        self.kind = kind
    }
}

/// The checks of `validate` (SPEC §3.2) over one sheet.
public enum SheetValidator {
    /// Every issue of `sheet`, in field order.
    public static func issues(of sheet: CaseSheet, currentWesternYear: Int) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if sheet.title.trimmingWhitespace().isEmpty {
            issues.append(ValidationIssue(severity: .error, field: .title, kind: .missing))
        }
        if !sheet.form.isEmpty, !SheetField.knownForms.contains(sheet.form) {
            issues.append(ValidationIssue(severity: .warning, field: .form, kind: .unknownChoice(sheet.form)))
        }
        if let started = sheet.started, let year = started.year,
           year < 1 || year > started.era.lastYear(currentWesternYear: currentWesternYear) {
            issues.append(ValidationIssue(severity: .error, field: .started, kind: .eraYearOutOfRange(started)))
        }
        if sheet.domain.isEmpty {
            issues.append(ValidationIssue(severity: .warning, field: .domain, kind: .missing))
        } else if !SheetField.domains.contains(sheet.domain) {
            issues.append(ValidationIssue(severity: .error, field: .domain, kind: .notAChoice(sheet.domain)))
        }
        for flow in sheet.diagram.flows {
            for name in [flow.from, flow.to] where !sheet.diagram.actors.contains(name) {
                issues.append(ValidationIssue(severity: .error, field: .diagram, kind: .unknownActor(name)))
            }
        }
        for (field, text) in sheet.searchableTexts where text.contains(where: \.isNewline) {
            issues.append(ValidationIssue(severity: .error, field: field, kind: .lineBreak(start: excerpt(of: text))))
        }
        return issues
    }

    /// The first characters of `text`, each line break shown as ⏎: a paragraph is known by how it
    /// starts, and two that start alike by where their break comes (or one that starts with it).
    static func excerpt(of text: String) -> String {
        let shown = String(text.prefix(16).map { $0.isNewline ? "⏎" : $0 })
        return text.count > 16 ? shown.prefix(15) + "…" : shown
    }
}
