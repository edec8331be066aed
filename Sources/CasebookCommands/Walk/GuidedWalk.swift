import CasebookCore
import LineEditor

/// A guided walk through fields (SPEC §3.3): one field at a time with its label as the prompt,
/// current values on the line ready to edit, `<` back, `.` stop, every accepted field saved at once.
final class GuidedWalk {
    /// How a walk ended.
    enum Outcome {
        /// Every field was visited.
        case finished
        /// `.` or end of input: the rest kept as it is.
        case stopped
        /// Ctrl-C.
        case interrupted
    }

    private let session: Session
    private let fields: [SheetField]
    private let prefill: Bool
    /// The case, once it exists on disk (a new case exists from its title on).
    private(set) var id: CaseID?
    private var newID: CaseID?
    /// For a new case without an id: picks one once the title is known (a readable id, to accept or edit).
    private let chooseID: ((String) -> CaseID?)?
    private var sheet: CaseSheet
    /// Fields already answered in this walk: going back (`<`) to one shows what was entered.
    private var answered = Set<String>()

    /// A walk editing `id`'s `fields`, each pre-filled with its current value.
    init(session: Session, editing id: CaseID, sheet: CaseSheet, fields: [SheetField]) {
        self.session = session
        self.fields = fields
        self.prefill = true
        self.id = id
        self.newID = nil
        self.chooseID = nil
        self.sheet = sheet
    }

    /// A walk drafting a new case to be saved as `newID` once its title is given.
    convenience init(session: Session, creating newID: CaseID) {
        self.init(session: session, newID: newID, chooseID: nil)
    }

    /// A walk drafting a new case whose id `chooseID` picks from its title once that is given;
    /// `nil` from it (Ctrl-C at the id's prompt) ends the walk with nothing created.
    convenience init(session: Session, choosingIDWith chooseID: @escaping (String) -> CaseID?) {
        self.init(session: session, newID: nil, chooseID: chooseID)
    }

    private init(session: Session, newID: CaseID?, chooseID: ((String) -> CaseID?)?) {
        self.session = session
        self.fields = SheetField.allCases
        self.prefill = false
        self.id = nil
        self.newID = newID
        self.chooseID = chooseID
        self.sheet = CaseSheet()
    }

    /// What a step of the walk asks the walk to do next.
    private enum Step {
        case next
        case back
        case stop
        case interrupt
    }

    /// Runs the walk to its end.
    func run() throws -> Outcome {
        do {
            return try walkFields()
        } catch is NoIDChosen {
            return .interrupted
        }
    }

    /// Ctrl-C at a new case's id prompt: the walk ends before anything is created.
    private struct NoIDChosen: Error {}

    private func walkFields() throws -> Outcome {
        var index = 0
        while index < fields.count {
            let field = fields[index]
            let step: Step
            switch field.kind {
            case .line, .choice, .eraYear: step = try askSingleLine(field)
            case .list, .text: step = try askItems(field)
            case .diagram: step = try askDiagram()
            }
            switch step {
            case .next:
                answered.insert(field.key)
                index += 1
            case .back:
                if index == 0 { session.say(WalkMessage.atFirstField) } else { index -= 1 }
            case .stop: return .stopped
            case .interrupt: return .interrupted
            }
        }
        return .finished
    }

    // MARK: Asking

    private enum Answer {
        case text(String)
        case back
        case stop
        case interrupt
    }

    private func read(_ prompt: String, prefill: String, history: LineHistory?, completer: Completer?) -> Answer {
        switch session.lineReader.readLine(prompt: prompt + "> ", prefill: prefill, history: history, completer: completer) {
        case .interrupted: return .interrupt
        case .endOfInput: return .stop
        case .line(let line):
            let typed = line.trimmingWhitespace()
            switch typed {
            case "<", "＜": return .back
            case ".", "。", "．": return .stop
            default: break
            }
            // Typed at the end of a value left on the line as it was: the value is kept, and `<`
            // or `.` does what it does on an empty line, rather than being saved as part of it.
            // (Not 。 or ．, which end a Japanese sentence: a value may well be given one.)
            let kept = prefill.trimmingWhitespace()
            if !kept.isEmpty, typed.hasPrefix(kept) {
                switch String(typed.dropFirst(kept.count)).trimmingWhitespace() {
                case "<", "＜": return .back
                case ".": return .stop
                default: break
                }
            }
            return .text(line)
        }
    }

    private func completer(for field: SheetField) -> Completer {
        let values = session.valuesInStore(of: field)
        return { text in
            let reply = FieldCompletion.complete(text, field: field, storeValues: values)
            return CompletionReply(replacing: reply.replacing, candidates: reply.candidates, appendSpaceWhenUnique: reply.endsWord)
        }
    }

    private func history(for field: SheetField) -> LineHistory {
        session.history(for: field.key) { session.valuesInStore(of: field) }
    }

    private func askSingleLine(_ field: SheetField) throws -> Step {
        if case .choice(let choices, _) = field.kind {
            session.say(WalkMessage.choicesHeader)
            for (number, choice) in choices.enumerated() { session.output.line("  \(number + 1). \(choice)") }
        }
        if case .eraYear = field.kind { session.output.line("  (" + session.text(WalkMessage.eraHint) + ")") }
        var current = ""
        if showsCurrentValue(field) {
            switch sheet.value(of: field) {
            case .line(let value): current = value
            case .eraYear(let era): current = era?.editingText ?? ""
            default: break
            }
        }
        while true {
            switch read(field.label, prefill: current, history: history(for: field), completer: completer(for: field)) {
            case .back: return .back
            case .stop: return .stop
            case .interrupt: return .interrupt
            case .text(let typed) where PastedInput.isPaste(typed):
                // A paste with line breaks into a one-line field: back on the line without them.
                session.say(EditingMessage.pastedIntoOneLine)
                current = PastedText.oneLine(typed)
            case .text(let typed):
                do {
                    let accepted = try FieldInput.singleLineValue(typed, for: field, currentWesternYear: session.currentWesternYear)
                    if let warning = accepted.warning { session.output.line(session.describe(warning: warning)) }
                    sheet.setValue(accepted.value, of: field)
                    if !typed.trimmingWhitespace().isEmpty { history(for: field).add(typed.trimmingWhitespace()) }
                    try persist()
                    return .next
                } catch let problem as FieldInput.Problem {
                    session.say(WalkMessage.invalid(reason: MessageText(verbatim: session.describe(problem))))
                    current = typed
                }
            }
        }
    }

    /// Reads items of `field` one per line: existing ones pre-filled (Enter keeps, erased removes),
    /// then new ones until an empty line; one holding a character no value may hold is refused.
    /// Returns the items as they stand and how the reading ended: going back (`<`), stopping or an
    /// interruption keep the items accepted so far, and the ones not reached.
    ///
    /// `save` is given the items as they stand after each accepted line, so that a walk that is cut
    /// off (a lost terminal, SIGTERM) loses at most the line being typed (SPEC §3.3).
    private func readItems(_ field: SheetField, prompt: String, existing: [String], history: LineHistory?, completer: Completer?,
                           paragraphs: Bool = false, check: (String) -> String? = { _ in nil },
                           save: ([String]) throws -> Void) throws -> ([String], Step) {
        var kept: [String] = []
        var index = 0
        /// Takes one item, typed or pasted: checked, kept and remembered; false when refused.
        func accept(_ item: String, remembered: String) -> Bool {
            if let scalar = FieldInput.unacceptableCharacter(in: item) {
                session.say(WalkMessage.invalid(reason: MessageText(verbatim: session.describe(FieldInput.Problem.unacceptableCharacter(field, scalar)))))
                return false
            }
            if let problem = check(remembered) {
                session.say(WalkMessage.invalid(reason: MessageText(verbatim: problem)))
                return false
            }
            kept.append(item)
            history?.add(remembered)
            return true
        }
        while true {
            let isExisting = index < existing.count
            let answer = read(prompt, prefill: isExisting ? existing[index] : "", history: history, completer: completer)
            switch answer {
            case .back: return (kept + existing.dropFirst(index), .back)
            case .interrupt: return (kept + existing.dropFirst(index), .interrupt)
            case .stop: return (kept + existing.dropFirst(index), .stop)
            case .text(let typed) where PastedInput.isPaste(typed):
                // Pasted paragraphs stay in this field, in place of the item on the line.
                // Said after each is checked: a refused item is not counted as taken.
                let taken = PastedInput(session: session).items(from: typed).filter { accept($0, remembered: $0) }
                session.say(EditingMessage.pastedItems(count: taken.count, paragraphs: paragraphs))
            case .text(let typed):
                let trimmed = typed.trimmingWhitespace()
                if trimmed.isEmpty && !isExisting { return (kept, .next) }
                if !trimmed.isEmpty, !accept(typed, remembered: trimmed) { continue }
            }
            index += 1
            try save(kept + existing.dropFirst(index))
        }
    }

    private func askItems(_ field: SheetField) throws -> Step {
        if case .text = field.kind {
            session.output.line("  (" + session.text(WalkMessage.textHint) + ")")
        } else {
            session.output.line("  (" + session.text(WalkMessage.listHint) + ")")
        }
        var existing: [String] = []
        if showsCurrentValue(field), case .items(let items) = sheet.value(of: field) {
            existing = items
            if !items.isEmpty { session.output.line("  (" + session.text(WalkMessage.editHint) + ")") }
        }
        func store(_ items: [String]) throws {
            let value = FieldValue.items(FieldInput.items(items, for: field))
            guard value != sheet.value(of: field) else { return }
            sheet.setValue(value, of: field)
            try persist()
        }
        let (typed, step) = try readItems(field, prompt: field.label, existing: existing, history: history(for: field),
                                          completer: completer(for: field), paragraphs: field.kind == .text, save: store)
        try store(typed)
        // Going back keeps what was typed; coming forward again shows it.
        if step == .back, !typed.isEmpty { answered.insert(field.key) }
        return step
    }

    /// Whether `field`'s current value goes on the line: always in `edit`; in `new`, once it was answered.
    private func showsCurrentValue(_ field: SheetField) -> Bool {
        prefill || answered.contains(field.key)
    }

    private func askDiagram() throws -> Step {
        let label = SheetField.diagram.label
        let prefill = showsCurrentValue(.diagram)
        session.output.line("  (" + session.text(WalkMessage.listHint) + ")")
        let actorsPrompt = "\(label)（\(session.text(WalkMessage.diagramActors))）"
        let storeActors = storingDiagramItems(\.actors)
        let (actors, actorStep) = try readItems(.diagram, prompt: actorsPrompt, existing: prefill ? sheet.diagram.actors : [],
                                                history: session.history(for: "diagram.actors") { [] }, completer: nil,
                                                save: storeActors)
        try storeActors(actors)
        if actorStep != .next { return actorStep }

        let flowsPrompt = "\(label)（\(session.text(WalkMessage.diagramFlows))）"
        session.say(EditingMessage.flowFormHint)
        func storeFlows(_ lines: [String]) throws {
            var diagram = sheet.diagram
            diagram.flows = lines.compactMap(Diagram.Flow.parse)
            // A flow kept as it was may name an actor the file lacks: the flow needs it. (A typed
            // flow's new actor was confirmed by the check below.)
            for flow in diagram.flows {
                for name in [flow.from, flow.to] where !diagram.actors.contains(name) { diagram.actors.append(name) }
            }
            guard diagram != sheet.diagram else { return }
            sheet.diagram = diagram
            try persist()
        }
        let (flows, flowStep) = try readItems(
            .diagram, prompt: flowsPrompt, existing: prefill ? sheet.diagram.flows.map(\.displayText) : [],
            history: nil, completer: FlowInput.completer(actors: { self.sheet.diagram.actors }),
            check: { line in
                guard let flow = Diagram.Flow.parse(line) else { return self.session.describe(FieldInput.Problem.badFlow(line)) }
                // A name that is no actor may be a typo: it becomes an actor only when the user says so.
                for name in [flow.from, flow.to] where !self.sheet.diagram.actors.contains(name) {
                    guard FlowInput.confirmNewActor(name, in: self.session) else {
                        return self.session.text(EditingMessage.flowActorMissing(name: name))
                    }
                    self.sheet.diagram.actors.append(name)
                }
                return nil
            },
            save: storeFlows)
        try storeFlows(flows)
        if flowStep != .next { return flowStep }

        let notesPrompt = "\(label)（\(session.text(WalkMessage.diagramNotes))）"
        let storeNotes = storingDiagramItems(\.notes)
        let (notes, noteStep) = try readItems(.diagram, prompt: notesPrompt, existing: prefill ? sheet.diagram.notes : [],
                                              history: nil, completer: nil, save: storeNotes)
        try storeNotes(notes)
        return noteStep
    }

    /// What saves the diagram's actors or notes as typed so far, when they changed.
    private func storingDiagramItems(_ part: WritableKeyPath<Diagram, [String]>) -> ([String]) throws -> Void {
        { lines in
            let items = FieldInput.items(lines, for: .diagram)
            guard items != self.sheet.diagram[keyPath: part] else { return }
            self.sheet.diagram[keyPath: part] = items
            try self.persist()
        }
    }

    // MARK: Saving

    /// Saves what has been accepted so far; a new case is created when its title is first given.
    /// A save that fails ends the walk, and a script too (`endsScript`): the lines after it were
    /// meant as the walk's values, not as commands.
    private func persist() throws {
        do {
            try save()
        } catch var failure as CommandFailure {
            failure.endsScript = true
            throw failure
        }
    }

    private func save() throws {
        if let id {
            // The walk goes on from what was written: its next save is based on it, and a field
            // merged in from the file shows when the walk comes to it.
            sheet = try session.save(sheet, as: id).stored.sheet
            return
        }
        guard !sheet.title.isEmpty else { return }
        if newID == nil, let chooseID {
            guard let chosen = chooseID(sheet.title) else { throw NoIDChosen() }
            newID = chosen
        }
        guard let newID else { return }
        sheet.status = .draft
        session.willChange(newID)
        do {
            sheet = try session.store.create(sheet, as: newID).sheet
        } catch {
            // Not created (a full disk): what was typed is kept in memory under its id, as an
            // edit whose save was refused is, for `save` once there is room (or `quit` to ask).
            if case .system = error {
                session.unsavedEdits[newID] = sheet
                throw CommandFailure(session.describe(error) + "\n" + session.text(WalkMessage.newCaseKept(id: newID)))
            }
            throw CommandFailure(session.describe(error))
        }
        id = newID
        session.say(WalkMessage.created(id: newID))
        if let stored = session.store.cases[newID] { sheet = stored.sheet }
    }
}
