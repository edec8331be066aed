/// How a person settles one conflict of a merge (`resolve`): keep mine, take theirs, both (lists
/// and text), or a value they edited.
public enum ConflictDecision: Sendable, Equatable {
    case mine
    case theirs
    case both
    case edited(FieldValue)

    /// Whether "both" can settle `conflict`: a list or a text field, where both sides' items can stand.
    public static func offersBoth(_ conflict: SheetMergeConflict) -> Bool {
        guard let field = conflict.field else { return false }
        return field.kind == .list || field.kind == .text
    }

    /// Whether "edit" can settle `conflict`: any field but the diagram (which never conflicts).
    public static func offersEdit(_ conflict: SheetMergeConflict) -> Bool {
        guard let field = conflict.field else { return false }
        return field.kind != .diagram
    }

    /// The value this decision gives the conflicting part; `nil` when it does not apply to it.
    public func value(for conflict: SheetMergeConflict) -> SheetMergeValue? {
        switch self {
        case .mine: return conflict.mine
        case .theirs: return conflict.theirs
        case .both:
            // Both sides' items where each put them (mine first where both changed one place), as a
            // list merges; without a usable base, mine's items then theirs' that mine does not have.
            guard Self.offersBoth(conflict), case .field(.items(let mine)) = conflict.mine,
                  case .field(.items(let theirs)) = conflict.theirs else { return nil }
            if case .field(.items(let base)) = conflict.base,
               let merged = SequenceMerge.merge(base: base, mine: mine, theirs: theirs, mode: .list) {
                return .field(.items(merged))
            }
            return .field(.items(mine + theirs.filter { !mine.contains($0) }))
        case .edited(let value):
            guard Self.offersEdit(conflict) else { return nil }
            return .field(value)
        }
    }

    /// `merged` (a merge's result, holding mine where parts conflict) with each conflict settled by
    /// its decision, and an approval withdrawn when a section no longer has a current `ok`.
    public static func settle(_ merged: CaseSheet, _ decisions: [(SheetMergeConflict, ConflictDecision)]) -> CaseSheet {
        var sheet = merged
        for (conflict, decision) in decisions {
            if let value = decision.value(for: conflict) { CaseFileMerge.set(conflict.subject, to: value, in: &sheet) }
        }
        if sheet.status == .approved, !sheet.sectionsBlockingApproval.isEmpty { sheet.status = .review }
        return sheet
    }
}
