/// The field-level three-way merge of a case (SPEC §8): base (the case as it was read, or the
/// common ancestor), mine (the edit, git's OURS), theirs (the file on disk now, git's THEIRS).
///
/// Pure. Each part is decided by its kind, and a part that only one side changed always takes that
/// side, so `merge(b, b, t) == t`, `merge(b, m, b) == m` and `merge(x, x, x) == x`:
/// - a line, choice or era year changed differently on both sides is a conflict;
/// - a list keeps deletions and adds both sides' additions (mine, then theirs, no duplicates);
/// - text merges paragraph by paragraph; the same paragraph changed on both sides is a conflict;
/// - the diagram's actors merge as a set, its flows as a set keyed by (from, to, label), its notes as a list;
/// - review verdicts merge per section; two different verdicts on one section are a conflict unless
///   exactly one of them was given to the merged content (its hash matches), which then stands;
/// - the status takes the side that changed it, or the further one when both did; an approval that
///   the merged content no longer earns (content combined from both sides, and a section without a
///   current `ok`) goes back to `review`;
/// - keys this version does not know are merged generically and kept (`UnknownKeyMerge`).
///
/// The result is symmetric in mine and theirs up to the order of items both sides added at one place
/// and up to which side's value `merged` holds where they conflict.
public enum SheetMerge {
    /// Merges `mine` and `theirs`, both descended from `base`.
    public static func merge(base: CaseSheet, mine: CaseSheet, theirs: CaseSheet) -> SheetMergeResult {
        var merged = mine
        var conflicts: [SheetMergeConflict] = []
        var fromTheirs: [SheetMergeSubject] = []

        for field in SheetField.allCases {
            let b = base.value(of: field), m = mine.value(of: field), t = theirs.value(of: field)
            if let value = mergeField(field, base: b, mine: m, theirs: t) {
                merged.setValue(value, of: field)
                if value != m { fromTheirs.append(.field(field)) }
            } else {
                conflicts.append(SheetMergeConflict(subject: .field(field), base: .field(b), mine: .field(m), theirs: .field(t)))
            }
        }

        for section in SheetSection.allCases {
            let b = base.review[section], m = mine.review[section], t = theirs.review[section]
            if let verdict = mergeVerdict(section, base: b, mine: m, theirs: t, merged: merged) {
                merged.review[section] = verdict.value
                if verdict.value != m { fromTheirs.append(.review(section)) }
            } else {
                conflicts.append(SheetMergeConflict(subject: .review(section), base: .verdict(b), mine: .verdict(m), theirs: .verdict(t)))
            }
        }

        merged.status = mergedStatus(base: base, mine: mine, theirs: theirs, merged: merged)
        if merged.status != mine.status { fromTheirs.append(.status) }

        let unknown = UnknownKeyMerge.merge(base: SheetCodec.encode(base), mine: SheetCodec.encode(mine),
                                            theirs: SheetCodec.encode(theirs))
        merged.original = unknown.document
        conflicts += unknown.conflicts
        fromTheirs += unknown.fromTheirs.map { .unknownKey($0) }
        return SheetMergeResult(merged: merged, conflicts: conflicts, partsFromTheirs: fromTheirs)
    }

    /// The merged value of one field, or `nil` for a conflict.
    static func mergeField(_ field: SheetField, base: FieldValue, mine: FieldValue, theirs: FieldValue) -> FieldValue? {
        if mine == theirs || theirs == base { return mine }
        if mine == base { return theirs }
        switch (field.kind, base, mine, theirs) {
        case (.list, .items(let b), .items(let m), .items(let t)):
            return SequenceMerge.merge(base: b, mine: m, theirs: t, mode: .list).map(FieldValue.items)
        case (.text, .items(let b), .items(let m), .items(let t)):
            return SequenceMerge.merge(base: b, mine: m, theirs: t, mode: .text).map(FieldValue.items)
        case (.diagram, .diagram(let b), .diagram(let m), .diagram(let t)):
            return .diagram(mergeDiagram(base: b, mine: m, theirs: t))
        default:
            // A line, a choice or an era year that both sides changed, to different values.
            return nil
        }
    }

    /// Actors and flows as sets (each kept once), notes as a list; a diagram never conflicts.
    static func mergeDiagram(base: Diagram, mine: Diagram, theirs: Diagram) -> Diagram {
        let actors = SequenceMerge.merge(base: base.actors, mine: mine.actors, theirs: theirs.actors, mode: .list) ?? mine.actors
        let flows = SequenceMerge.merge(base: base.flows, mine: mine.flows, theirs: theirs.flows, mode: .list) ?? mine.flows
        let notes = SequenceMerge.merge(base: base.notes, mine: mine.notes, theirs: theirs.notes, mode: .list) ?? mine.notes
        return Diagram(actors: uniqued(actors), flows: uniqued(flows), notes: notes)
    }

    /// A decided verdict (which may be none); `nil` from `mergeVerdict` is a conflict.
    struct DecidedVerdict {
        var value: ReviewVerdict?
    }

    /// One section's verdict, checked against the merged content when both sides gave one.
    static func mergeVerdict(_ section: SheetSection, base: ReviewVerdict?, mine: ReviewVerdict?, theirs: ReviewVerdict?,
                             merged: CaseSheet) -> DecidedVerdict? {
        if mine == theirs || theirs == base { return DecidedVerdict(value: mine) }
        if mine == base { return DecidedVerdict(value: theirs) }
        guard let mine, let theirs else {
            // One side withdrew the verdict, the other gave a new one: the new one stands only if it
            // is about the merged content.
            let given = mine ?? theirs
            return given?.hash == SectionHash.of(section, in: merged) ? DecidedVerdict(value: given) : nil
        }
        // The same judgement of the same content by two people, or on two days: not a disagreement.
        if mine.state == theirs.state, mine.hash == theirs.hash, mine.note == theirs.note {
            return DecidedVerdict(value: mine)
        }
        let current = SectionHash.of(section, in: merged)
        switch (mine.hash == current, theirs.hash == current) {
        case (true, false): return DecidedVerdict(value: mine)
        case (false, true): return DecidedVerdict(value: theirs)
        default: return nil
        }
    }

    /// The merged status: the side that changed it, the further one when both did, and an approval
    /// withdrawn when the merge made content that no approving side saw and a section lacks a current `ok`.
    static func mergedStatus(base: CaseSheet, mine: CaseSheet, theirs: CaseSheet, merged: CaseSheet) -> SheetStatus {
        let status: SheetStatus
        if mine.status == theirs.status || theirs.status == base.status {
            status = mine.status
        } else if mine.status == base.status {
            status = theirs.status
        } else {
            status = rank(mine.status) >= rank(theirs.status) ? mine.status : theirs.status
        }
        guard status == .approved else { return status }
        let approving = [base, mine, theirs].filter { $0.status == .approved }
        let seenByAnApprover = approving.contains { side in
            SheetField.allCases.allSatisfy { side.value(of: $0) == merged.value(of: $0) }
        }
        return seenByAnApprover || merged.sectionsBlockingApproval.isEmpty ? .approved : .review
    }

    private static func rank(_ status: SheetStatus) -> Int {
        switch status {
        case .draft: 0
        case .review: 1
        case .approved: 2
        }
    }

    private static func uniqued<T: Equatable>(_ items: [T]) -> [T] {
        var result: [T] = []
        for item in items where !result.contains(item) { result.append(item) }
        return result
    }
}
