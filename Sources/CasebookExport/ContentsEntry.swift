import CasebookCore

/// One line of the table of contents (`index.html`, `index.md`): what it shows of a case.
public struct ContentsEntry: Sendable {
    let id: CaseID
    let title: String
    let form: String
    let departments: [String]
    let started: EraYear?
    let status: SheetStatus

    /// The entry of an exported case.
    public init(_ exported: ExportedCase) {
        let sheet = exported.sheet
        self.init(id: exported.id, title: sheet.title, form: sheet.form, departments: sheet.departments,
                  started: sheet.started, status: sheet.status)
    }

    /// The entry of a case from its summary (the store's index), without decoding its file.
    public init(id: CaseID, summary: CaseSummary) {
        self.init(id: id, title: summary.title, form: summary.form, departments: summary.departments,
                  started: EraYear(editingText: summary.started), status: summary.status)
    }

    private init(id: CaseID, title: String, form: String, departments: [String], started: EraYear?, status: SheetStatus) {
        self.id = id
        self.title = title
        self.form = form
        self.departments = departments
        self.started = started
        self.status = status
    }
}
