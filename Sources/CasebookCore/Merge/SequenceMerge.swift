/// The three-way merge of one sequence — list items, paragraphs, actors, flows — pure.
///
/// Each side's change from the base is read from its shortest edit script as changes to the
/// base's *slots* (each base element is kept, removed, or replaced by what was typed in its place)
/// and *gaps* (new elements between two base elements, or at either end). Because a replacement
/// belongs to the element it replaced, an edit of the last item and an append on the other side
/// touch different places (slot n-1 and gap n) and merge cleanly, in order.
public enum SequenceMerge {
    /// How the two sides' changes to the same place are combined.
    public enum Mode: Sendable {
        /// List items: nothing conflicts. Deletions are kept, and both sides' additions are added,
        /// mine then theirs, an item both added only once.
        case list
        /// Paragraphs: the same slot or gap changed differently on both sides is a conflict.
        case text
    }

    /// The merged sequence, or `nil` when `mode` is `.text` and both sides changed one place differently.
    public static func merge<T: Equatable>(base: [T], mine: [T], theirs: [T], mode: Mode) -> [T]? {
        if mine == theirs || theirs == base { return mine }
        if mine == base { return theirs }
        let mineEdits = Edits(base: base, side: mine)
        let theirEdits = Edits(base: base, side: theirs)
        // In a list, an item both sides added is added once, where mine put it.
        var mineAdded = mineEdits.added
        func theirsNotAlsoMine(_ items: [T]) -> [T] {
            guard mode == .list else { return items }
            return items.filter { item in
                guard let index = mineAdded.firstIndex(of: item) else { return true }
                mineAdded.remove(at: index)
                return false
            }
        }
        func combine(_ mine: [T]?, _ theirs: [T]?, original: [T]) -> [T]? {
            switch (mine, theirs) {
            case (nil, nil): return original
            case (let m?, nil): return m
            case (nil, let t?): return theirsNotAlsoMine(t)
            case (let m?, let t?) where m == t:
                _ = theirsNotAlsoMine(t)
                return m
            case (let m?, let t?): return mode == .list ? m + theirsNotAlsoMine(t) : nil
            }
        }
        var result: [T] = []
        for position in 0...base.count {
            guard let inserted = combine(mineEdits.gaps[position], theirEdits.gaps[position], original: []) else { return nil }
            result += inserted
            guard position < base.count else { break }
            guard let slot = combine(mineEdits.slots[position], theirEdits.slots[position], original: [base[position]]) else {
                return nil
            }
            result += slot
        }
        return result
    }

    /// One side's change from the base, by place.
    struct Edits<T: Equatable> {
        /// Base index → what stands in its place (`[]` when removed); absent when kept.
        var slots: [Int: [T]] = [:]
        /// Gap index (0 before the first base element, `base.count` after the last) → new elements.
        var gaps: [Int: [T]] = [:]

        init(base: [T], side: [T]) {
            var deleted: [Int] = []
            var inserted: [T] = []
            var position = 0
            func flush() {
                if let last = deleted.last {
                    for index in deleted { slots[index] = [] }
                    slots[last] = inserted
                } else if !inserted.isEmpty {
                    gaps[position] = inserted
                }
                deleted = []
                inserted = []
            }
            for operation in SequenceDiff.operations(base, side) {
                switch operation {
                case .equal(let oldIndex, _):
                    flush()
                    position = oldIndex + 1
                case .delete(let index):
                    // Deletions come before insertions within a run, so a deletion starts the run.
                    if deleted.isEmpty, !inserted.isEmpty { flush() }
                    if deleted.isEmpty { position = index }
                    deleted.append(index)
                case .insert(let index):
                    inserted.append(side[index])
                }
            }
            flush()
        }

        /// Everything this side put in, in order: the list items it added.
        var added: [T] {
            (slots.sorted { $0.key < $1.key }.flatMap(\.value)) + gaps.sorted { $0.key < $1.key }.flatMap(\.value)
        }
    }
}
