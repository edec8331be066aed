/// Where a case is in its life: drafted, under review, approved (SPEC §4).
public enum SheetStatus: String, CaseIterable, Sendable {
    case draft
    case review
    case approved
}
