import ArgumentParser
import CasebookCore
import LineEditor

/// `review [CASE]`: the section-by-section review walk (SPEC §4): each section shown, then
/// `ok`, `flag NOTE`, `edit`, `skip`, `<` or `.`; verdicts saved at once with name, date and hash.
struct ReviewCommand: StoreCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "review",
            abstract: Help.text("Review a case section by section: ok, flag NOTE, edit, skip, < (back), . (stop).",
                                "事例をセクションごとにレビューします: ok、flag 指摘内容、edit、skip、<（前へ）、.（中断）。"),
            discussion: Help.text("Each verdict is saved at once with your name (git user.name, else the login name), the date and a hash of the section, so a later change shows as changed-since-review. Example: review shigen-shudan-kaishu",
                                  "判定は名前（git の user.name、なければログイン名）・日付・セクション内容のハッシュとともにすぐ保存され、後で内容が変わると「レビュー後に変更あり」と表示されます。例: review shigen-shudan-kaishu"))
    }

    @Argument(help: ArgumentHelp(Help.text("The case; the open case when left out.", "事例（省略すると開いている事例）"), valueName: "case"))
    var reference: String?

    @OptionGroup var storeOptions: StoreOptions

    /// What a reviewer typed.
    enum Answer: Equatable {
        case ok(String)
        case flag(String)
        case edit
        case skip
        case back
        case stop
        case empty
        case unknown(String)

        /// Reads one answer line: a word, then for `ok` and `flag` the rest as the note.
        static func parse(_ line: String) -> Answer {
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty { return .empty }
            let word: String
            let rest: String
            if let space = trimmed.firstIndex(where: { $0.isWhitespace }) {
                word = String(trimmed[..<space])
                rest = String(trimmed[space...]).trimmingWhitespace()
            } else {
                word = trimmed
                rest = ""
            }
            switch word.lowercased() {
            case "ok", "o", "ｏｋ": return .ok(rest)
            case "flag", "f": return .flag(rest)
            case "edit", "e": return rest.isEmpty ? .edit : .unknown(trimmed)
            case "skip", "s": return rest.isEmpty ? .skip : .unknown(trimmed)
            case "<", "＜": return rest.isEmpty ? .back : .unknown(trimmed)
            case ".", "。", "．": return rest.isEmpty ? .stop : .unknown(trimmed)
            default: return .unknown(trimmed)
            }
        }
    }

    func run(in session: Session) throws {
        let id = try session.resolveCase(reference)
        guard let sheet = session.sheet(id) else { throw CommandFailure(StoreMessage.caseNotFound(reference: id.rawValue), in: session) }
        if let stored = session.store.cases[id], stored.isReadOnly {
            throw CommandFailure(StoreMessage.readOnlyNewer(fileName: id.fileName, schema: stored.schemaVersion), in: session)
        }
        session.say(ReviewMessage.header(id: id, title: session.shownTitle(sheet.title)))
        let reviewer = session.reviewerName
        let sections = SheetSection.allCases
        // Start where the review is still to do: the first section without a current verdict.
        var index = sections.firstIndex { section in
            switch SectionReviewState.of(section, in: sheet) {
            case .notReviewed, .changedSinceReview: true
            case .ok, .flagged: false
            }
        } ?? 0
        if index > 0 { session.say(EditingMessage.reviewStartsAt(label: sections[index].label)) }
        var stopped = false
        walk: while index < sections.count {
            let section = sections[index]
            show(section, of: id, in: session)
            while true {
                let prompt = session.text(ReviewMessage.prompt(section: section.label)) + "> "
                let result = session.lineReader.readLine(prompt: prompt, prefill: "", history: nil, completer: Self.completer)
                guard case .line(let line) = result else {
                    stopped = true
                    break walk
                }
                switch Answer.parse(line) {
                case .ok(let note):
                    guard Self.isAcceptable(note, in: session) else { continue }
                    try record(.ok, note: note, section: section, of: id, by: reviewer, in: session)
                    session.say(ReviewMessage.recordedOk(section: section.label))
                    index += 1
                    continue walk
                case .flag(let typed):
                    guard Self.isAcceptable(typed, in: session) else { continue }
                    var note = typed
                    // A flag's note is kept until a new one replaces it.
                    if note.isEmpty, let previous = session.sheet(id)?.review[section], previous.state == .flagged,
                       !previous.note.isEmpty {
                        note = previous.note
                    }
                    if note.isEmpty {
                        session.say(ReviewMessage.noteRequired)
                        let asked = session.lineReader.readLine(prompt: session.text(ReviewMessage.notePrompt) + "> ", prefill: "", history: nil, completer: nil)
                        guard case .line(let answer) = asked else { continue }
                        note = answer.trimmingWhitespace()
                        if note.isEmpty || note == "." || note == "<" { continue }
                        guard Self.isAcceptable(note, in: session) else { continue }
                    }
                    try record(.flagged, note: note, section: section, of: id, by: reviewer, in: session)
                    session.say(ReviewMessage.recordedFlag(section: section.label))
                    index += 1
                    continue walk
                case .edit:
                    guard let current = session.sheet(id) else { throw CommandFailure(StoreMessage.caseNotFound(reference: id.rawValue), in: session) }
                    let edit = GuidedWalk(session: session, editing: id, sheet: current, fields: section.fields)
                    if try edit.run() == .interrupted { session.say(WalkMessage.interrupted(id: id)) }
                    continue walk
                case .skip:
                    index += 1
                    continue walk
                case .back:
                    if index == 0 { session.say(ReviewMessage.atFirstSection) } else { index -= 1 }
                    continue walk
                case .stop:
                    stopped = true
                    break walk
                case .empty:
                    session.output.line("  (" + session.text(ReviewMessage.hint) + ")")
                case .unknown(let typed):
                    session.say(ReviewMessage.unknownAnswer(typed: typed))
                }
            }
        }
        if stopped { session.say(ReviewMessage.stopped) }
        summarise(id, in: session)
    }

    /// The section as the sheet shows it, its review state, and the answers.
    private func show(_ section: SheetSection, of id: CaseID, in session: Session) {
        guard let sheet = session.sheet(id) else { return }
        session.output.line()
        let layout = SheetLayout(width: session.width, style: .init(colour: session.usesColour), language: session.language)
        session.output.raw(layout.render(sheet, id: id.rawValue, part: .section(section)))
        switch SectionReviewState.of(section, in: sheet) {
        case .notReviewed: session.output.line("  " + session.text(ReviewMessage.stateNone))
        case .ok(let verdict): session.output.line("  ［✓］" + session.text(ReviewMessage.stateOk(by: verdict.by, on: verdict.at)))
        case .flagged, .changedSinceReview: break // the layout shows these
        }
        session.output.line("  (" + session.text(ReviewMessage.hint) + ")")
    }

    /// Saves a verdict on `section` as it reads now; a draft moves to review, and an approved case
    /// that no longer has every section ok goes back to review.
    /// Whether a typed note may be recorded; says why not. A note is text of the sheet, shown to
    /// every colleague: it is held to the rule of typed values.
    private static func isAcceptable(_ note: String, in session: Session) -> Bool {
        guard let scalar = FieldInput.unacceptableCharacter(in: note) else { return true }
        session.say(ReviewMessage.noteUnacceptableCharacter(code: scalar.codePointName))
        return false
    }

    private func record(_ state: ReviewVerdict.State, note: String, section: SheetSection, of id: CaseID,
                        by reviewer: String, in session: Session) throws {
        guard let sheet = session.sheet(id) else { throw CommandFailure(StoreMessage.caseNotFound(reference: id.rawValue), in: session) }
        let verdict = ReviewVerdict(state: state, by: reviewer, at: session.today, note: note, hash: SectionHash.of(section, in: sheet))
        try session.save(SheetLifecycle.recording(verdict, for: section, in: sheet), as: id)
    }

    private func summarise(_ id: CaseID, in session: Session) {
        guard let sheet = session.sheet(id) else { return }
        var ok = 0, flagged = 0, open = 0
        for section in SheetSection.allCases {
            switch SectionReviewState.of(section, in: sheet) {
            case .ok: ok += 1
            case .flagged: flagged += 1
            case .notReviewed, .changedSinceReview: open += 1
            }
        }
        session.say(ReviewMessage.summary(id: id, ok: ok, flagged: flagged, open: open))
        if sheet.sectionsBlockingApproval.isEmpty, sheet.status != .approved {
            session.say(ReviewMessage.readyToApprove(id: id))
        }
    }

    /// Tab at the review prompt: the answers.
    static var completer: Completer { { text in
        let answers = ["ok", "flag ", "edit", "skip"]
        let word = text.trimmingWhitespace()
        guard !text.contains(" ") else { return .none }
        let matches = answers.filter { $0.hasPrefix(word) }.map { $0.trimmingWhitespace() }
        return CompletionReply(replacing: text.unicodeScalars.count, candidates: matches, appendSpaceWhenUnique: matches == ["flag"])
    } }
}
