/// The fifteen fields of a 協働事例紹介シート, in the order the sheet and every walk use.
public enum SheetField: String, CaseIterable, Sendable {
    case title
    case departments
    case partners
    case form
    case started
    case domain
    case overview
    case origin
    case rolesCity = "roles.city"
    case rolesPartner = "roles.partner"
    case strengthsCity = "strengths.city"
    case strengthsPartner = "strengths.partner"
    case results
    case points
    case diagram

    /// The key commands accept, e.g. `roles.city`.
    public var key: String { rawValue }

    /// The Japanese label shown on the sheet and used as the walk's prompt.
    public var label: String {
        switch self {
        case .title: "事業名"
        case .departments: "担当課"
        case .partners: "協働の相手"
        case .form: "協働の形態"
        case .started: "事業実施（年度）"
        case .domain: "協働の領域"
        case .overview: "取り組みの概要"
        case .origin: "協働のきっかけ"
        case .rolesCity: "役割（市）"
        case .rolesPartner: "役割（相手）"
        case .strengthsCity: "強み（市）"
        case .strengthsPartner: "強み（相手）"
        case .results: "協働の成果"
        case .points: "協働のポイント"
        case .diagram: "協働の図"
        }
    }

    /// The known values of 協働の形態; another value is allowed with a warning.
    public static let knownForms = ["補助・助成", "協議会", "事業協力", "共催", "委託", "実行委員会", "情報提供・情報交換"]

    /// The only allowed values of 協働の領域.
    public static let domains = [
        "市民等が自主的に実施", "市民活動等に行政がサポート", "対等に役割を分担",
        "市民等と連携・協力", "業務を民間やNPOに委託", "計画や事業の企画へ市民等が参画",
    ]

    /// The field's kind.
    public var kind: FieldKind {
        switch self {
        case .title: .line
        case .departments, .partners, .rolesCity, .rolesPartner, .strengthsCity, .strengthsPartner, .points: .list
        case .overview, .origin, .results: .text
        case .form: .choice(choices: Self.knownForms, closed: false)
        case .domain: .choice(choices: Self.domains, closed: true)
        case .started: .eraYear
        case .diagram: .diagram
        }
    }

    /// The section the field belongs to.
    public var section: SheetSection {
        switch self {
        case .title, .departments, .partners, .form, .started, .domain: .basics
        case .overview: .overview
        case .origin: .origin
        case .rolesCity, .rolesPartner: .roles
        case .strengthsCity, .strengthsPartner: .strengths
        case .results: .results
        case .points: .points
        case .diagram: .diagram
        }
    }
}
