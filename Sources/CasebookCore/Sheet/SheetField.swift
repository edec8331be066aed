/// The fifteen fields of a 協働事例紹介シート, in the order the sheet and every walk use.
public enum SheetField: Int, CaseIterable, Sendable {
    case title
    case departments
    case partners
    case form
    case started
    case domain
    case overview
    case origin
    case rolesCity
    case rolesPartner
    case strengthsCity
    case strengthsPartner
    case results
    case points
    case diagram

    /// The field's one description: key, label, kind, section and where its value lives.
    /// Made once per field (the codec reads it for every field of every file it decodes).
    public var description: FieldDescription { Self.descriptions[rawValue] }

    private static let descriptions: [FieldDescription] = allCases.map(\.describedOnce)

    /// This switch is the only list of the fields' properties; everything else reads it.
    private var describedOnce: FieldDescription {
        switch self {
        case .title: FieldDescription(key: "title", label: "事業名", kind: .line, section: .basics, storage: .line(\.title))
        case .departments: FieldDescription(key: "departments", label: "担当課", kind: .list, section: .basics, storage: .items(\.departments))
        case .partners: FieldDescription(key: "partners", label: "協働の相手", kind: .list, section: .basics, storage: .items(\.partners))
        case .form: FieldDescription(key: "form", label: "協働の形態", kind: .choice(choices: Self.knownForms, closed: false),
                                     section: .basics, storage: .line(\.form))
        case .started: FieldDescription(key: "started", label: "事業実施（年度）", kind: .eraYear, section: .basics, storage: .eraYear(\.started))
        case .domain: FieldDescription(key: "domain", label: "協働の領域", kind: .choice(choices: Self.domains, closed: true),
                                       section: .basics, storage: .line(\.domain))
        case .overview: FieldDescription(key: "overview", label: "取り組みの概要", kind: .text, section: .overview, storage: .items(\.overview))
        case .origin: FieldDescription(key: "origin", label: "協働のきっかけ", kind: .text, section: .origin, storage: .items(\.origin))
        case .rolesCity: FieldDescription(key: "roles.city", label: "役割（市）", kind: .list, section: .roles, storage: .items(\.roles.city))
        case .rolesPartner: FieldDescription(key: "roles.partner", label: "役割（相手）", kind: .list, section: .roles, storage: .items(\.roles.partner))
        case .strengthsCity: FieldDescription(key: "strengths.city", label: "強み（市）", kind: .list, section: .strengths,
                                              storage: .items(\.strengths.city))
        case .strengthsPartner: FieldDescription(key: "strengths.partner", label: "強み（相手）", kind: .list, section: .strengths,
                                                 storage: .items(\.strengths.partner))
        case .results: FieldDescription(key: "results", label: "協働の成果", kind: .text, section: .results, storage: .items(\.results))
        case .points: FieldDescription(key: "points", label: "協働のポイント", kind: .list, section: .points, storage: .items(\.points))
        case .diagram: FieldDescription(key: "diagram", label: "協働の図", kind: .diagram, section: .diagram, storage: .diagram(\.diagram))
        }
    }

    /// The key commands accept, e.g. `roles.city`.
    public var key: String { description.key }

    /// The field whose key is `key`.
    public init?(key: String) {
        guard let field = Self.allCases.first(where: { $0.key == key }) else { return nil }
        self = field
    }

    /// The Japanese label shown on the sheet and used as the walk's prompt.
    public var label: String { description.label }

    /// The field's kind.
    public var kind: FieldKind { description.kind }

    /// The section the field belongs to.
    public var section: SheetSection { description.section }

    /// The known values of 協働の形態; another value is allowed with a warning.
    public static let knownForms = ["補助・助成", "協議会", "事業協力", "共催", "委託", "実行委員会", "情報提供・情報交換"]

    /// The only allowed values of 協働の領域.
    public static let domains = [
        "市民等が自主的に実施", "市民活動等に行政がサポート", "対等に役割を分担",
        "市民等と連携・協力", "業務を民間やNPOに委託", "計画や事業の企画へ市民等が参画",
    ]
}
