/// Where a section stands in review, derived from its verdict and current content.
public enum SectionReviewState: Sendable, Equatable {
    /// No verdict.
    case notReviewed
    /// An `ok` that still matches the content.
    case ok(ReviewVerdict)
    /// A flag that still matches the content.
    case flagged(ReviewVerdict)
    /// A verdict given to content that has changed since; counts as not reviewed.
    case changedSinceReview(ReviewVerdict)

    /// The state of `section` in `sheet`.
    public static func of(_ section: SheetSection, in sheet: CaseSheet) -> SectionReviewState {
        guard let verdict = sheet.review[section] else { return .notReviewed }
        guard verdict.hash == SectionHash.of(section, in: sheet) else { return .changedSinceReview(verdict) }
        return verdict.state == .ok ? .ok(verdict) : .flagged(verdict)
    }
}

extension CaseSheet {
    /// The sections without a current `ok`: what stands between this case and approval.
    public var sectionsBlockingApproval: [SheetSection] {
        SheetSection.allCases.filter {
            if case .ok = SectionReviewState.of($0, in: self) { return false }
            return true
        }
    }

    /// How many sections carry a current flag.
    public var flagCount: Int {
        SheetSection.allCases.filter {
            if case .flagged = SectionReviewState.of($0, in: self) { return true }
            return false
        }.count
    }
}
