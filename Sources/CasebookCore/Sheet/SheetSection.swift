/// The sections of the sheet: 基本情報 and the seven parts under it.
public enum SheetSection: String, CaseIterable, Sendable {
    case basics
    case overview
    case origin
    case roles
    case strengths
    case results
    case points
    case diagram

    /// The key commands accept.
    public var key: String { rawValue }

    /// The Japanese label printed on the sheet.
    public var label: String {
        switch self {
        case .basics: "基本情報"
        case .overview: "取り組みの概要"
        case .origin: "協働のきっかけ"
        case .roles: "役割"
        case .strengths: "強み"
        case .results: "協働の成果"
        case .points: "協働のポイント"
        case .diagram: "協働の図"
        }
    }

    /// The fields of the section, in sheet order.
    public var fields: [SheetField] {
        SheetField.allCases.filter { $0.section == self }
    }
}
