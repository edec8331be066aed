import CasebookCore
import CasebookStore
import LineEditor

/// What the shell remembers of values typed into fields: each field's history, seeded from the
/// store, and the values the store uses, for history and completion.
public final class FieldMemory {
    private let store: CaseStore
    /// The histories of values typed into each field, seeded from the store on first use.
    private var histories: [String: LineHistory] = [:]
    /// Values used in the store, by field, with the store generation they were read at.
    private var storeValues: [SheetField: (generation: Int, values: [String])] = [:]

    /// The memory of fields of `store`.
    public init(store: CaseStore) {
        self.store = store
    }

    /// The history of values typed into `field` (or a diagram sub-part), seeded with the store's values.
    public func history(for name: String, seed: () -> [String]) -> LineHistory {
        if let history = histories[name] { return history }
        let history = LineHistory()
        var seen = Set<String>()
        for value in seed() where seen.insert(value).inserted { history.add(value) }
        histories[name] = history
        return history
    }

    /// Every distinct value of `field` used in the store, in store order (for history and completion).
    ///
    /// The fields people pick from (事業名, 担当課, 協働の相手, 形態, 領域) come from the summaries,
    /// which a large store keeps indexed; other fields need every case decoded, once per session.
    public func valuesInStore(of field: SheetField) -> [String] {
        if let cached = storeValues[field], cached.generation == store.generation { return cached.values }
        var seen = Set<String>()
        var values: [String] = []
        func add(_ value: String) {
            if !value.isEmpty, seen.insert(value).inserted { values.append(value) }
        }
        switch field {
        case .title, .departments, .partners, .form, .domain:
            for (_, summary) in store.orderedSummaries {
                switch field {
                case .title: add(summary.title)
                case .departments: summary.departments.forEach(add)
                case .partners: summary.partners.forEach(add)
                case .form: add(summary.form)
                default: add(summary.domain)
                }
            }
        default:
            for stored in store.orderedCases {
                switch stored.sheet.value(of: field) {
                case .line(let value): add(value)
                case .items(let items): items.forEach(add)
                case .eraYear, .diagram: break
                }
            }
        }
        storeValues[field] = (store.generation, values)
        return values
    }
}
