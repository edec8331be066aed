import Testing
@testable import CasebookCore

struct SheetLifecycleTests {
    private func verdict(_ state: ReviewVerdict.State, _ section: SheetSection, _ sheet: CaseSheet) -> ReviewVerdict {
        ReviewVerdict(state: state, by: "審査者", at: "2026-12-02", note: state == .flagged ? "要確認" : "", hash: SectionHash.of(section, in: sheet))
    }

    private func approvedSheet() throws -> CaseSheet {
        var sheet = CaseSheet()
        sheet.title = "資源集団回収"
        for section in SheetSection.allCases { sheet = SheetLifecycle.recording(verdict(.ok, section, sheet), for: section, in: sheet) }
        return try SheetLifecycle.approving(sheet)
    }

    @Test func aVerdictMovesADraftToReview() {
        let sheet = CaseSheet()
        #expect(SheetLifecycle.recording(verdict(.ok, .basics, sheet), for: .basics, in: sheet).status == .review)
    }

    @Test func approvalNeedsEverySectionOk() throws {
        var sheet = CaseSheet()
        sheet = SheetLifecycle.recording(verdict(.ok, .basics, sheet), for: .basics, in: sheet)
        sheet = SheetLifecycle.recording(verdict(.flagged, .points, sheet), for: .points, in: sheet)
        #expect(throws: SheetLifecycle.ApprovalRefused(blocking: SheetSection.allCases.filter { $0 != .basics })) {
            try SheetLifecycle.approving(sheet)
        }
        #expect(try approvedSheet().status == .approved)
    }

    @Test func editingAnApprovedCasesContentSendsItBackToReview() throws {
        let approved = try approvedSheet()
        var edited = approved
        edited.points.append("新しい課題")
        #expect(SheetLifecycle.status(of: edited, replacing: approved) == .review)
        // Saving it unchanged keeps it approved.
        #expect(SheetLifecycle.status(of: approved, replacing: approved) == .approved)
        // A draft stays a draft whatever changes.
        var draft = CaseSheet()
        let before = draft
        draft.title = "新しい事業"
        #expect(SheetLifecycle.status(of: draft, replacing: before) == .draft)
    }

    @Test func aFlagOnAnApprovedCaseSendsItBackToReview() throws {
        let approved = try approvedSheet()
        #expect(SheetLifecycle.recording(verdict(.flagged, .origin, approved), for: .origin, in: approved).status == .review)
    }

    @Test func aMergeThatChangedReviewedContentSendsAnApprovedCaseBack() throws {
        var merged = try approvedSheet()
        #expect(SheetLifecycle.status(afterMerging: merged) == .approved)
        merged.results.append("他の人の変更")
        #expect(SheetLifecycle.status(afterMerging: merged) == .review)
    }
}
