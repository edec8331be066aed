/// A part of a case that a three-way merge decides on its own: a field, the status, one section's
/// review verdict, or a key this version of casebook does not know.
public enum SheetMergeSubject: Sendable, Hashable {
    /// One of the fifteen fields.
    case field(SheetField)
    /// `status` (never a conflict: see `SheetMerge`).
    case status
    /// The review verdict of one section.
    case review(SheetSection)
    /// A member this version does not know, by its path of keys from the top (`["extra"]`,
    /// `["roles", "note"]`).
    case unknownKey([String])

    /// How the part is named to a person: the field's label, `状態`, `レビュー（基本情報）`, or the
    /// key path joined with dots.
    public var label: String {
        switch self {
        case .field(let field): field.label
        case .status: SheetDiff.statusLabel
        case .review(let section): "\(SheetDiff.reviewLabel)（\(section.label)）"
        case .unknownKey(let path): path.joined(separator: ".")
        }
    }
}

/// One side's value of a conflicting part, in the shape the part has.
public enum SheetMergeValue: Sendable, Equatable {
    /// A field's value.
    case field(FieldValue)
    /// A section's verdict, or `nil` when that side has none.
    case verdict(ReviewVerdict?)
    /// An unknown member's value, or `nil` when that side does not have the key.
    case json(JSONValue?)
}

/// A part that both sides changed in ways the merge cannot combine.
public struct SheetMergeConflict: Sendable, Equatable {
    /// What conflicts.
    public var subject: SheetMergeSubject
    /// The part as it was in the common base.
    public var base: SheetMergeValue
    /// The part in my version (the edit being saved, git's OURS).
    public var mine: SheetMergeValue
    /// The part in their version (the file on disk now, git's THEIRS).
    public var theirs: SheetMergeValue

    /// Makes a conflict.
    public init(subject: SheetMergeSubject, base: SheetMergeValue, mine: SheetMergeValue, theirs: SheetMergeValue) {
        self.subject = subject
        self.base = base
        self.mine = mine
        self.theirs = theirs
    }

    /// The field, when the conflict is in one.
    public var field: SheetField? {
        if case .field(let field) = subject { return field }
        return nil
    }
}

/// What `SheetMerge.merge` decided.
public struct SheetMergeResult: Sendable {
    /// The merged case. Where a part conflicts it holds mine's value of that part, so that a
    /// refused save keeps the edit as it was typed.
    public var merged: CaseSheet
    /// The parts that both sides changed incompatibly, in sheet order.
    public var conflicts: [SheetMergeConflict]
    /// Every part whose merged value differs from mine's because of their side, in sheet order:
    /// what a save tells the user came from the file.
    public var partsFromTheirs: [SheetMergeSubject]

    /// Makes a result.
    public init(merged: CaseSheet, conflicts: [SheetMergeConflict], partsFromTheirs: [SheetMergeSubject]) {
        self.merged = merged
        self.conflicts = conflicts
        self.partsFromTheirs = partsFromTheirs
    }

    /// The fields among `partsFromTheirs`: the ones a save names ("協働の形態は他で変更されていました").
    public var takenFromTheirs: [SheetField] {
        partsFromTheirs.compactMap { if case .field(let field) = $0 { field } else { nil } }
    }

    /// The fields among `conflicts`.
    public var conflictingFields: [SheetField] {
        conflicts.compactMap(\.field)
    }

    /// Whether nothing conflicts, so `merged` can be written as it is.
    public var isClean: Bool { conflicts.isEmpty }
}
