import CasebookCore

/// One line of the table of contents (`index.html`, `index.md`): what it shows of a case.
public struct ContentsEntry: Sendable {
    let id: CaseID
    let title: String
    let form: String
    let departments: [String]
    let started: EraYear?
    let status: SheetStatus

    /// The entry of a case from its summary (the store's index), without decoding its file: how
    /// every export makes its table of contents.
    public init(id: CaseID, summary: CaseSummary) {
        self.id = id
        title = summary.title
        form = summary.form
        departments = summary.departments
        started = EraYear(editingText: summary.started)
        status = summary.status
    }

    /// The entry of an exported case: made from its summary, as the export makes it, so that the
    /// tests of a table made of sheets are tests of that one too.
    public init(_ exported: ExportedCase) {
        self.init(id: exported.id, summary: CaseSummary(of: exported.sheet))
    }
}
