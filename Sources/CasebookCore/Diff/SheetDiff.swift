/// What changed in one case between two versions (the last commit and now), field by field (SPEC §3.2 `diff`, `status`).
///
/// Pure: versions in, labelled changes and lines out. Field labels are always Japanese.
public struct SheetDiff {
    /// One changed part: a field, or the case's status or review verdicts.
    public struct Change: Sendable, Equatable {
        /// The label shown: a field's label, `状態` or `レビュー`.
        public var label: String
        /// The field, when the change is in one.
        public var field: SheetField?
        /// The part's content before, one entry per item or paragraph (a line is one entry, an empty one none).
        public var before: [String]
        /// The same, after.
        public var after: [String]
    }

    /// The label under which a change of status is shown.
    public static let statusLabel = "状態"
    /// The label under which a change of review verdicts is shown.
    public static let reviewLabel = "レビュー"

    /// The changes from `before` to `after`; a missing version counts as empty (a new or deleted case).
    public static func changes(from before: CaseSheet?, to after: CaseSheet?, fields: [SheetField] = SheetField.allCases) -> [Change] {
        var changes: [Change] = []
        for field in fields {
            let old = before.map { entries(of: field, in: $0) } ?? []
            let new = after.map { entries(of: field, in: $0) } ?? []
            if old != new || (before != nil && after != nil && before!.value(of: field) != after!.value(of: field)) {
                changes.append(Change(label: field.label, field: field, before: old, after: new))
            }
        }
        guard fields == SheetField.allCases else { return changes }
        let oldStatus = before.map { [$0.status.rawValue] } ?? []
        let newStatus = after.map { [$0.status.rawValue] } ?? []
        if oldStatus != newStatus, before != nil, after != nil {
            changes.append(Change(label: statusLabel, field: nil, before: oldStatus, after: newStatus))
        }
        let oldReview = before.map(reviewEntries) ?? []
        let newReview = after.map(reviewEntries) ?? []
        if oldReview != newReview {
            changes.append(Change(label: reviewLabel, field: nil, before: oldReview, after: newReview))
        }
        return changes
    }

    /// The labels of what changed, for `status` and commit messages: fields first, then 状態 and レビュー.
    public static func changedLabels(from before: CaseSheet, to after: CaseSheet) -> [String] {
        changes(from: before, to: after).map(\.label)
    }

    /// A field's content as comparable, printable entries.
    public static func entries(of field: SheetField, in sheet: CaseSheet) -> [String] {
        switch sheet.value(of: field) {
        case .line(let value): return value.isEmpty ? [] : [value]
        case .items(let items): return items
        case .eraYear(let era): return era.map { [$0.displayText] } ?? []
        case .diagram(let diagram):
            return diagram.actors.map { "登場者：" + $0 } + diagram.flows.map(\.displayText) + diagram.notes.map(Diagram.shownNote)
        }
    }

    /// The review verdicts as one entry per section.
    static func reviewEntries(_ sheet: CaseSheet) -> [String] {
        SheetSection.allCases.compactMap { section in
            guard let verdict = sheet.review[section] else { return nil }
            var text = "\(section.label): \(verdict.state.rawValue)（\(verdict.by)、\(verdict.at)）"
            if !verdict.note.isEmpty { text += " " + verdict.note }
            return text
        }
    }

    /// The lines showing `change`: unchanged entries left out, a changed entry with its changed
    /// characters marked (`~`), a removed one (`-`), an added one (`+`). Each line starts with `indent`.
    public static func lines(for change: Change, colour: Bool, indent: String = "    ",
                             safe: (String) -> String = { TerminalSafeText.make($0) }) -> [String] {
        var lines: [String] = []
        var removed: [String] = []
        var added: [String] = []
        func removedLine(_ text: String) -> String {
            indent + (colour ? "\u{1B}[31m-\u{1B}[0m " : "- ") + CharacterDiff.render([.removed(text)], colour: colour, safe: safe)
        }
        func addedLine(_ text: String) -> String {
            indent + (colour ? "\u{1B}[32m+\u{1B}[0m " : "+ ") + CharacterDiff.render([.added(text)], colour: colour, safe: safe)
        }
        func flush() {
            // Pair removed and added entries in order; a pair that shares enough is one changed entry.
            let paired = min(removed.count, added.count)
            var trailingRemoved: [String] = []
            var trailingAdded: [String] = []
            for index in 0..<paired {
                let segments = CharacterDiff.segments(removed[index], added[index])
                if CharacterDiff.similarity(segments) >= 0.4 {
                    lines.append(indent + (colour ? "\u{1B}[33m~\u{1B}[0m " : "~ ") + CharacterDiff.render(CharacterDiff.elided(segments), colour: colour, safe: safe))
                } else {
                    trailingRemoved.append(removed[index])
                    trailingAdded.append(added[index])
                }
            }
            lines += (trailingRemoved + removed.dropFirst(paired)).map(removedLine)
            lines += (trailingAdded + added.dropFirst(paired)).map(addedLine)
            removed = []; added = []
        }
        for operation in SequenceDiff.operations(change.before, change.after) {
            switch operation {
            case .equal: flush()
            case .delete(let index): removed.append(change.before[index])
            case .insert(let index): added.append(change.after[index])
            }
        }
        flush()
        return lines
    }
}
