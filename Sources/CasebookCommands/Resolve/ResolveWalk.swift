import CasebookCore
import CasebookStore

/// The questions `resolve` asks, case by case and part by part, and what it writes.
struct ResolveWalk {
    let session: Session
    let git: GitStore
    /// Whether a case was written (or deleted) and staged in this run.
    private(set) var settledAny = false

    init(session: Session, git: GitStore) {
        self.session = session
        self.git = git
    }

    /// How many conflicts are left in `files`: each case's conflicting parts, one for any other file.
    func remaining(_ files: [ConflictedFile]) -> Int {
        files.reduce(0) { count, file in
            if case .fields(_, let result) = CaseConflict.of(file) { return count + max(result.conflicts.count, 1) }
            return count + 1
        }
    }

    /// Settles one file; false when the person stopped.
    mutating func settle(_ file: ConflictedFile) throws -> Bool {
        switch CaseConflict.of(file) {
        case .otherFile:
            return true
        case .notMergeable(let name, let reason):
            session.say(ResolveMessage.notMergeable(name: name, reason: CaseConflict.describe(reason)))
            return true
        case .deletedOnOneSide(let id, let mineDeleted, let remaining):
            if !mineDeleted, let renamed = git.incomingRename(of: file) {
                return try settleRenamed(id, to: renamed, remaining: remaining)
            }
            session.say(ResolveMessage.deletedOnOneSide(id: id.rawValue, title: session.shownTitle(remaining.title), mineDeleted: mineDeleted))
            while true {
                session.say(ResolveMessage.deletedChoices(mineDeleted: mineDeleted))
                guard let answer = ask(ResolveMessage.prompt(label: session.shownTitle(remaining.title)), prefill: "") else { return false }
                switch answer {
                case "m", "t":
                    let keepsCase = (answer == "m") != mineDeleted
                    if keepsCase { try write(remaining, as: id) } else { try delete(id) }
                    return true
                case ".": return false
                default: session.say(ResolveMessage.unknownChoice(typed: answer, choices: ["m", "t", "."]))
                }
            }
        case .fields(let id, let result):
            let incoming = git.incomingAuthor(of: file.name)
            let theirsName = incoming.map { session.text(ResolveMessage.theirs(name: $0.name, date: $0.date)) }
                ?? session.text(ResolveMessage.theirsUnnamed)
            if !result.conflicts.isEmpty {
                session.say(ResolveMessage.caseHeader(id: id.rawValue, title: session.shownTitle(result.merged.title), count: result.conflicts.count))
            }
            var decisions: [ConflictDecision?] = Array(repeating: nil, count: result.conflicts.count)
            var index = 0
            while index < result.conflicts.count {
                let conflict = result.conflicts[index]
                show(conflict, index: index, total: result.conflicts.count, theirsName: theirsName)
                switch try decide(conflict) {
                case .decided(let decision):
                    decisions[index] = decision
                    index += 1
                case .back:
                    if index == 0 { session.say(ResolveMessage.atFirst) } else { index -= 1 }
                case .stop:
                    return false
                }
            }
            let settled = ConflictDecision.settle(result.merged, zip(result.conflicts, decisions.map { $0 ?? .mine }).map { ($0, $1) })
            try write(settled, as: id)
            return true
        }
    }

    /// Settles a case changed here and renamed to `renamed` by the shared change: the change can
    /// move to the new id, as the person meant; false when the person stopped.
    private mutating func settleRenamed(_ id: CaseID, to renamed: CaseID, remaining: CaseSheet) throws -> Bool {
        session.say(ResolveMessage.renamedOnTheirSide(id: id.rawValue, title: session.shownTitle(remaining.title), to: renamed.rawValue))
        while true {
            session.say(ResolveMessage.renamedChoices(id: id.rawValue, to: renamed.rawValue))
            guard let answer = ask(ResolveMessage.prompt(label: session.shownTitle(remaining.title)), prefill: "") else { return false }
            switch answer {
            case "r":
                try write(remaining, as: renamed)
                try delete(id)
                return true
            case "m":
                try write(remaining, as: id)
                return true
            case "t":
                try delete(id)
                return true
            case ".": return false
            default: session.say(ResolveMessage.unknownChoice(typed: answer, choices: ["r", "m", "t", "."]))
            }
        }
    }

    // MARK: Showing

    private func show(_ conflict: SheetMergeConflict, index: Int, total: Int, theirsName: String) {
        let output = session.output
        session.say(ResolveMessage.conflictHeader(index: index + 1, total: total, label: conflict.subject.label))
        output.line("  " + session.text(ResolveMessage.mine) + ":")
        for line in entries(conflict.mine) { output.line("    " + line) }
        output.line("  " + theirsName + ":")
        for line in entries(conflict.theirs) { output.line("    " + line) }
        if let field = conflict.field, case .field(let mine) = conflict.mine, case .field(let theirs) = conflict.theirs {
            var before = CaseSheet(), after = CaseSheet()
            before.setValue(mine, of: field)
            after.setValue(theirs, of: field)
            if let change = SheetDiff.changes(from: before, to: after, fields: [field]).first {
                output.line("  " + session.text(ResolveMessage.difference) + ":")
                for line in SheetDiff.lines(for: change, colour: session.usesColour) { output.line(line) }
            }
        }
        session.say(ResolveMessage.choices(both: ConflictDecision.offersBoth(conflict), edit: ConflictDecision.offersEdit(conflict)))
    }

    /// A side's value as lines to print, made safe.
    private func entries(_ value: SheetMergeValue) -> [String] {
        let lines: [String]
        switch value {
        case .field(let fieldValue):
            switch fieldValue {
            case .line(let text): lines = text.isEmpty ? [] : [text]
            case .items(let items): lines = items.map { "・" + $0 }
            case .eraYear(let era): lines = era.map { [$0.displayText] } ?? []
            case .diagram(let diagram):
                var sheet = CaseSheet()
                sheet.diagram = diagram
                lines = SheetDiff.entries(of: .diagram, in: sheet)
            }
        case .verdict(let verdict):
            lines = verdict.map { ["\($0.state.rawValue)（\($0.by)、\($0.at)）" + ($0.note.isEmpty ? "" : " " + $0.note)] } ?? []
        case .json(let json):
            lines = json.map { CanonicalJSONWriter.text(of: $0).split(separator: "\n").map(String.init) } ?? []
        }
        return lines.isEmpty ? [session.text(ResolveMessage.empty)] : lines.map(TerminalSafeText.make)
    }

    // MARK: Asking

    private enum Step {
        case decided(ConflictDecision)
        case back
        case stop
    }

    /// One line from the person; `nil` at the end of input or on Ctrl-C.
    private func ask(_ prompt: ResolveMessage, prefill: String) -> String? {
        switch session.lineReader.readLine(prompt: session.text(prompt) + "> ", prefill: prefill, history: nil, completer: nil) {
        case .line(let line): return line.trimmingWhitespace()
        case .interrupted, .endOfInput: return nil
        }
    }

    private func decide(_ conflict: SheetMergeConflict) throws -> Step {
        // The answers this conflict offers, as its choices line shows them.
        let offered = ["m", "t"] + (ConflictDecision.offersBoth(conflict) ? ["b"] : []) + (ConflictDecision.offersEdit(conflict) ? ["e"] : []) + ["<", "."]
        while true {
            guard let answer = ask(ResolveMessage.prompt(label: conflict.subject.label), prefill: "") else { return .stop }
            switch answer.lowercased() {
            case "m", "mine": return .decided(.mine)
            case "t", "theirs": return .decided(.theirs)
            case "b", "both":
                if ConflictDecision.offersBoth(conflict) { return .decided(.both) }
                session.say(ResolveMessage.bothNotHere)
            case "e", "edit":
                guard ConflictDecision.offersEdit(conflict), let field = conflict.field, case .field(let mine) = conflict.mine else {
                    session.say(ResolveMessage.unknownChoice(typed: answer, choices: offered))
                    continue
                }
                if let value = edit(field, startingFrom: mine) { return .decided(.edited(value)) }
                // `<` or `.` while editing: the question again.
                session.say(ResolveMessage.choices(both: ConflictDecision.offersBoth(conflict), edit: true))
            case "<", "＜": return .back
            case ".", "。", "．": return .stop
            default: session.say(ResolveMessage.unknownChoice(typed: answer, choices: offered))
            }
        }
    }

    /// The person's own value for `field`, pre-filled with mine; `nil` when they went back.
    private func edit(_ field: SheetField, startingFrom mine: FieldValue) -> FieldValue? {
        let prompt = field.label + "> "
        switch mine {
        case .items(let existing):
            session.say(ResolveMessage.editListHint)
            var kept: [String] = []
            var index = 0
            while true {
                let isExisting = index < existing.count
                let read = session.lineReader.readLine(prompt: prompt, prefill: isExisting ? existing[index] : "", history: nil, completer: nil)
                guard case .line(let typed) = read else { return nil }
                let trimmed = typed.trimmingWhitespace()
                if trimmed == "<" || trimmed == "." { return nil }
                if trimmed.isEmpty && !isExisting { return .items(FieldInput.items(kept, for: field)) }
                if !trimmed.isEmpty { kept.append(typed) }
                index += 1
            }
        default:
            var current: String = switch mine {
            case .line(let text): text
            case .eraYear(let era): era?.editingText ?? ""
            default: ""
            }
            while true {
                guard case .line(let typed) = session.lineReader.readLine(prompt: prompt, prefill: current, history: nil, completer: nil) else {
                    return nil
                }
                if typed.trimmingWhitespace() == "<" || typed.trimmingWhitespace() == "." { return nil }
                do {
                    let accepted = try FieldInput.singleLineValue(typed, for: field, currentWesternYear: session.currentWesternYear)
                    if let warning = accepted.warning { session.output.line(session.describe(warning: warning)) }
                    return accepted.value
                } catch {
                    session.say(ResolveMessage.invalid(reason: session.describe(error)))
                    current = typed
                }
            }
        }
    }

    // MARK: Writing

    /// Writes the settled case canonically and stages it.
    private mutating func write(_ sheet: CaseSheet, as id: CaseID) throws {
        do {
            try FileSystem.replaceAtomically(directory: session.store.path, name: id.fileName,
                                             with: CanonicalJSONWriter.bytes(of: SheetCodec.encode(sheet)))
        } catch {
            throw CommandFailure(StoreMessage.saveFailed(path: error.path, reason: error.description), in: session)
        }
        let result = git.git.run(["add", "--", id.fileName])
        guard result.succeeded else { throw session.gitFailure(result) }
        settledAny = true
        session.say(ResolveMessage.caseSettled(id: id.rawValue, title: session.shownTitle(sheet.title)))
    }

    /// Deletes the case and stages its deletion.
    private mutating func delete(_ id: CaseID) throws {
        let result = git.git.run(["rm", "--quiet", "--force", "--ignore-unmatch", "--", id.fileName])
        guard result.succeeded else { throw session.gitFailure(result) }
        settledAny = true
        session.say(ResolveMessage.caseDeleted(id: id.rawValue))
    }
}
