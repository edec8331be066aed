/// What `list` and completion need of a case, small enough to keep for
/// every case in memory and in the store's index, so that a large store needs no decoding to list.
public struct CaseSummary: Sendable, Equatable {
    /// 事業名.
    public var title: String
    /// 事業名 in search form, for completion and references.
    public var normalizedTitle: String
    /// 協働の形態.
    public var form: String
    /// 担当課.
    public var departments: [String]
    /// 協働の相手.
    public var partners: [String]
    /// 事業実施 as typed (`平成13`), or empty.
    public var started: String
    /// 協働の領域.
    public var domain: String
    /// The status as it stands (`SheetLifecycle.effectiveStatus`): a case approved and then edited
    /// outside casebook is listed, and chosen by `list --status`, as in review.
    public var status: SheetStatus
    /// How many sections carry a current flag.
    public var flagCount: Int

    /// Makes a summary with every part given.
    public init(title: String, normalizedTitle: String, form: String, departments: [String], partners: [String], started: String,
                domain: String, status: SheetStatus, flagCount: Int) {
        self.title = title
        self.normalizedTitle = normalizedTitle
        self.form = form
        self.departments = departments
        self.partners = partners
        self.started = started
        self.domain = domain
        self.status = status
        self.flagCount = flagCount
    }

    /// The summary of `sheet`.
    public init(of sheet: CaseSheet) {
        self.init(
            title: sheet.title,
            normalizedTitle: SearchNormalizer.normalize(sheet.title),
            form: sheet.form,
            departments: sheet.departments,
            partners: sheet.partners,
            started: sheet.started?.editingText ?? "",
            domain: sheet.domain,
            status: SheetLifecycle.effectiveStatus(of: sheet),
            flagCount: sheet.flagCount)
    }
}
