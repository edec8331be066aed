/// The rules of a case's status (SPEC §4), in one place: a new case is a draft; a verdict moves a
/// draft to review; approval needs a current `ok` on every section; an edit of an approved case's
/// content, or a verdict that leaves a section open, sends it back to review.
public enum SheetLifecycle {
    /// Why a case cannot be approved: the sections without a current `ok`.
    public struct ApprovalRefused: Error, Sendable, Equatable {
        /// The sections in the way, in sheet order.
        public var blocking: [SheetSection]
    }

    /// The status of `edited` when it replaces `before`: an approved case whose content (anything
    /// but its status and verdicts) changed goes back to review; every other status is kept.
    public static func status(of edited: CaseSheet, replacing before: CaseSheet?) -> SheetStatus {
        guard let before, before.status == .approved, edited.status == .approved,
              SheetCodec.encode(contentOnly(before)) != SheetCodec.encode(contentOnly(edited)) else { return edited.status }
        return .review
    }

    /// `sheet` with `verdict` recorded for `section`: a draft moves to review, and an approved case
    /// that no longer has every section ok goes back to review.
    public static func recording(_ verdict: ReviewVerdict, for section: SheetSection, in sheet: CaseSheet) -> CaseSheet {
        var sheet = sheet
        sheet.review[section] = verdict
        if sheet.status == .draft || (sheet.status == .approved && !sheet.sectionsBlockingApproval.isEmpty) {
            sheet.status = .review
        }
        return sheet
    }

    /// `sheet` approved, or the sections that stand in the way.
    public static func approving(_ sheet: CaseSheet) throws(ApprovalRefused) -> CaseSheet {
        let blocking = sheet.sectionsBlockingApproval
        guard blocking.isEmpty else { throw ApprovalRefused(blocking: blocking) }
        var sheet = sheet
        sheet.status = .approved
        return sheet
    }

    /// A case's status after a merge brought verdicts and content together: an approved case whose
    /// sections are no longer all ok goes back to review.
    public static func status(afterMerging sheet: CaseSheet) -> SheetStatus {
        effectiveStatus(of: sheet)
    }

    /// The status a case has as it stands: an approved case whose sections are no longer all ok
    /// (its file edited outside casebook since the approval) counts as in review. What is
    /// published as approved is what was approved.
    public static func effectiveStatus(of sheet: CaseSheet) -> SheetStatus {
        effectiveStatus(recorded: sheet.status, everySectionOK: sheet.sectionsBlockingApproval.isEmpty)
    }

    /// The status a case has as it stands, from the status its file records and whether every
    /// section has a current ok.
    public static func effectiveStatus(recorded: SheetStatus, everySectionOK: Bool) -> SheetStatus {
        recorded == .approved && !everySectionOK ? .review : recorded
    }

    /// The sheet without what review and status record, to compare content alone.
    private static func contentOnly(_ sheet: CaseSheet) -> CaseSheet {
        var copy = sheet
        copy.review = [:]
        copy.status = .draft
        return copy
    }
}
