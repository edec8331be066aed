extension SheetStatus {
    /// The Japanese names a person types for each status, as the shell shows them and shorter.
    public static let japaneseNames: [SheetStatus: [String]] = [
        .draft: ["下書き", "下書"],
        .review: ["レビュー中", "レビュー", "確認中"],
        .approved: ["承認済み", "承認済", "承認"],
    ]

    /// The status `name` names: its key (`draft`, any case, full-width letters too) or its
    /// Japanese name (`下書き`); `nil` for anything else.
    public static func named(_ name: String) -> SheetStatus? {
        let wanted = SearchNormalizer.normalize(name.trimmingWhitespace())
        for status in allCases {
            if wanted == status.rawValue { return status }
            if japaneseNames[status, default: []].contains(where: { SearchNormalizer.normalize($0) == wanted }) { return status }
        }
        return nil
    }
}
