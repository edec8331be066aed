import CasebookCore

/// What a reference typed by a person (id, id prefix, part of a title) points to.
public enum CaseResolution: Sendable, Equatable {
    /// Exactly one case.
    case found(CaseID)
    /// Several cases match; nothing should be done.
    case ambiguous([CaseID])
    /// No case matches.
    case notFound
}

/// Resolves references in the order SPEC §2 gives: an exact id, a unique id prefix, a unique part of a title.
public enum CaseReference {
    /// Resolves `reference` among `cases` (id and title of each).
    public static func resolve(_ reference: String, among cases: [(id: CaseID, title: String)]) -> CaseResolution {
        let wanted = reference.trimmingWhitespace()
        guard !wanted.isEmpty else { return .notFound }
        if let exact = cases.first(where: { $0.id.rawValue == wanted }) { return .found(exact.id) }
        let byPrefix = cases.filter { $0.id.rawValue.hasPrefix(wanted) }
        if byPrefix.count == 1 { return .found(byPrefix[0].id) }
        if byPrefix.count > 1 { return .ambiguous(byPrefix.map(\.id)) }
        if let exactTitle = cases.filter({ $0.title == wanted }).onlyElement { return .found(exactTitle.id) }
        let needle = SearchNormalizer.normalize(wanted)
        let byTitle = cases.filter { SearchNormalizer.normalize($0.title).contains(needle) }
        switch byTitle.count {
        case 0: return .notFound
        case 1: return .found(byTitle[0].id)
        default: return .ambiguous(byTitle.map(\.id))
        }
    }
}

extension Collection {
    /// The element, when there is exactly one.
    var onlyElement: Element? { count == 1 ? first : nil }
}
