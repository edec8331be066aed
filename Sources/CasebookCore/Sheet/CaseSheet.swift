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
        field.description.storage.read(self)
    }

    /// Sets a field. A value of another shape than the field's (a line for a list, say) is not
    /// written, and `false` is returned.
    @discardableResult
    public mutating func setValue(_ value: FieldValue, of field: SheetField) -> Bool {
        field.description.storage.write(value, into: &self)
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
