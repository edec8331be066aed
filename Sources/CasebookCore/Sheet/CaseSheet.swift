/// One 協働事例紹介シート: the fifteen fields, its status and its review verdicts.
///
/// A value type with no identity: the id is the file name, kept by the store.
public struct CaseSheet: Sendable, Equatable {
    /// The role or strength pair: the city's side and the partner's.
    public struct Pair: Sendable, Equatable {
        /// 市.
        public var city: [String]
        /// 相手.
        public var partner: [String]

        /// Makes a pair.
        public init(city: [String] = [], partner: [String] = []) {
            self.city = city
            self.partner = partner
        }
    }

    /// 事業名.
    public var title: String = ""
    /// 担当課.
    public var departments: [String] = []
    /// 協働の相手.
    public var partners: [String] = []
    /// 協働の形態.
    public var form: String = ""
    /// 事業実施（年度）, or `nil` when unknown.
    public var started: EraYear?
    /// 協働の領域.
    public var domain: String = ""
    /// 取り組みの概要, one string a paragraph.
    public var overview: [String] = []
    /// 協働のきっかけ.
    public var origin: [String] = []
    /// 役割.
    public var roles = Pair()
    /// 強み.
    public var strengths = Pair()
    /// 協働の成果.
    public var results: [String] = []
    /// 協働のポイント.
    public var points: [String] = []
    /// 協働の図.
    public var diagram = Diagram()
    /// The case's status.
    public var status: SheetStatus = .draft
    /// Verdicts by section key, in section order when written.
    public var review: [SheetSection: ReviewVerdict] = [:]
    /// The document as it was read, so that keys this version does not know survive a save.
    public var original: JSONValue?

    /// An empty draft.
    public init() {}

    public static func == (lhs: CaseSheet, rhs: CaseSheet) -> Bool {
        SheetCodec.encode(lhs) == SheetCodec.encode(rhs)
    }

    /// The value of a field.
    public func value(of field: SheetField) -> FieldValue {
        switch field {
        case .title: .line(title)
        case .departments: .items(departments)
        case .partners: .items(partners)
        case .form: .line(form)
        case .started: .eraYear(started)
        case .domain: .line(domain)
        case .overview: .items(overview)
        case .origin: .items(origin)
        case .rolesCity: .items(roles.city)
        case .rolesPartner: .items(roles.partner)
        case .strengthsCity: .items(strengths.city)
        case .strengthsPartner: .items(strengths.partner)
        case .results: .items(results)
        case .points: .items(points)
        case .diagram: .diagram(diagram)
        }
    }

    /// Sets a field; a value of the wrong shape for the field is ignored (a programming error upstream).
    public mutating func setValue(_ value: FieldValue, of field: SheetField) {
        switch (field, value) {
        case (.title, .line(let v)): title = v
        case (.form, .line(let v)): form = v
        case (.domain, .line(let v)): domain = v
        case (.started, .eraYear(let v)): started = v
        case (.departments, .items(let v)): departments = v
        case (.partners, .items(let v)): partners = v
        case (.overview, .items(let v)): overview = v
        case (.origin, .items(let v)): origin = v
        case (.rolesCity, .items(let v)): roles.city = v
        case (.rolesPartner, .items(let v)): roles.partner = v
        case (.strengthsCity, .items(let v)): strengths.city = v
        case (.strengthsPartner, .items(let v)): strengths.partner = v
        case (.results, .items(let v)): results = v
        case (.points, .items(let v)): points = v
        case (.diagram, .diagram(let v)): diagram = v
        default: assertionFailure("\(value) does not fit \(field)")
        }
    }

    /// Every string of the sheet, with the field it is in, in sheet order: what `find` searches.
    public var searchableTexts: [(field: SheetField, text: String)] {
        var texts: [(SheetField, String)] = []
        for field in SheetField.allCases {
            switch value(of: field) {
            case .line(let s): texts.append((field, s))
            case .items(let items): texts.append(contentsOf: items.map { (field, $0) })
            case .eraYear(let e): if let e { texts.append((field, e.displayText)) }
            case .diagram(let d):
                texts.append(contentsOf: d.actors.map { (field, $0) })
                texts.append(contentsOf: d.flows.map { (field, $0.displayText) })
                texts.append(contentsOf: d.notes.map { (field, $0) })
            }
        }
        return texts
    }
}

/// A field's value, in one of the shapes a field can have.
public enum FieldValue: Sendable, Equatable {
    /// A line or a choice.
    case line(String)
    /// List items or paragraphs.
    case items([String])
    /// An era year, or unknown.
    case eraYear(EraYear?)
    /// A diagram.
    case diagram(Diagram)
}
