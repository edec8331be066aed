import ArgumentParser
import CasebookCore
import CasebookStore

/// `list`: a table of the cases, filtered.
struct ListCommand: PagedCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "list",
            abstract: Help.text("List the cases: id, 事業名, 形態, 担当課, 事業実施, status.",
                                "事例の一覧（ID・事業名・形態・担当課・事業実施・状態）を表示します。"),
            discussion: Help.text("An option given twice takes either value: list --form 共催 --form 事業協力. Example: list --form 共催 --status draft",
                                  "同じオプションを二度指定すると、どちらかに当てはまる事例を表示します（list --form 共催 --form 事業協力）。例: list --form 共催 --status draft"))
    }

    @Option(name: .customLong("form"), help: ArgumentHelp(Help.text("Only cases whose 協働の形態 contains F.", "協働の形態に F を含む事例のみ"), valueName: "F"))
    var form: [String] = []

    @Option(name: .customLong("department"), help: ArgumentHelp(Help.text("Only cases with a 担当課 containing D.", "担当課に D を含む事例のみ"), valueName: "D"))
    var department: [String] = []

    @Option(name: .customLong("domain"), help: ArgumentHelp(Help.text("Only cases whose 協働の領域 contains D.", "協働の領域に D を含む事例のみ"), valueName: "D"))
    var domain: [String] = []

    @Option(name: .customLong("status"), help: ArgumentHelp(Help.text("Only cases with status S (draft, review, approved, or 下書き, レビュー中, 承認済み).", "状態が S の事例のみ（下書き・レビュー中・承認済み、または draft, review, approved）"), valueName: "S"))
    var status: [String] = []

    @Flag(name: .customLong("wide"), help: ArgumentHelp(Help.text("Whole ids and cells, however wide the terminal.", "端末の幅にかかわらず、ID と各欄を省略せずに表示")))
    var wide = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        // An empty filter would match no case and say "No cases", as if the store were empty.
        for (option, values, example) in [("--form", form, "共催"), ("--department", department, "みどりの課"), ("--domain", domain, "連携")]
        where values.contains(where: { $0.trimmingWhitespace().isEmpty }) {
            throw ValidationError(Help.text("\(option) needs the text to look for, as in list \(option) \(example).",
                                            "\(option) には探す文字を指定してください（例: list \(option) \(example)）。"))
        }
        if let status = status.first(where: { SheetStatus.named($0) == nil }) {
            throw ValidationError(Help.text("--status takes draft, review or approved (下書き, レビュー中, 承認済み), not “\(status)”.",
                                            "--status には 下書き・レビュー中・承認済み（draft、review、approved）のいずれかを指定してください（「\(status)」は使えません）。"))
        }
    }

    func run(in session: Session) throws {
        // Each option narrows the list; an option given more than once takes any of its values.
        let wantedStatuses = Set(status.compactMap(SheetStatus.named))
        let (formFilters, domainFilters, departmentFilters) = (form.map(SearchNormalizer.normalize),
                                                               domain.map(SearchNormalizer.normalize),
                                                               department.map(SearchNormalizer.normalize))
        @Sendable func matches(_ values: [String], _ filters: [String]) -> Bool {
            guard !filters.isEmpty else { return true }
            let normalized = values.map(SearchNormalizer.normalize)
            return filters.contains { filter in normalized.contains { $0.contains(filter) } }
        }
        @Sendable func wanted(_ sheet: CaseSummary) -> Bool {
            matches([sheet.form], formFilters) && matches([sheet.domain], domainFilters)
                && matches(sheet.departments, departmentFilters)
                && (wantedStatuses.isEmpty || wantedStatuses.contains(sheet.status))
        }
        let statusNames = Dictionary(uniqueKeysWithValues: SheetStatus.allCases.map { ($0, session.text(SheetMessage.status($0))) })
        let language = session.language
        // Each case is chosen and made into a row, its cells measured, on every core, straight
        // from its summary: at 10,000 cases this is most of list's work.
        let body = session.store.summaryList.compactMap { id, sheet -> (cells: [String], widths: [Int])? in
            guard wanted(sheet) else { return nil }
            func cell(_ text: String) -> String { TerminalSafeText.make(text) }
            var state = statusNames[sheet.status]!
            if sheet.flagCount > 0 { state += "・" + SheetMessage.flags(count: sheet.flagCount).text(in: language) }
            let cells = [
                id.rawValue,
                cell(sheet.title),
                cell(sheet.form),
                cell(sheet.departments.joined(separator: "、")),
                sheet.started,
                state,
            ]
            return (cells, cells.map(DisplayWidth.of))
        }
        guard !body.isEmpty else {
            session.say(ListMessage.noCases)
            return
        }
        // On a terminal the table fits its width; `--wide` and a pipe give every cell whole.
        let fits = session.outputIsTerminal && !wide
        let header = ["id", "事業名", "形態", "担当課", "事業実施", session.text(ListMessage.statusHeader)]
        let rows = [header] + body.map(\.cells)
        // A table fitted to the terminal is measured again as it shrinks; a whole one is not.
        let table = fits ? TableLayout.renderUTF8(fitted(rows, width: session.width, in: session))
                         : TableLayout.renderUTF8(rows, cellWidths: [header.map(DisplayWidth.of)] + body.map(\.widths))
        session.output.raw(utf8: table)
        if session.outputIsTerminal { session.say(ListMessage.count(body.count)) }
    }
}

extension ListCommand {
    /// The columns that give up room, and how far: 事業名, 形態 and 担当課 shrink with `…`.
    static let minimums: [Int?] = [nil, 12, 6, 8, nil, nil]

    /// The columns a terminal too narrow for all of them at their narrowest goes without, in that
    /// order: 事業実施, 形態, 担当課. The id, 事業名 and status stay.
    static let droppedWhenNarrow = [4, 2, 3]

    /// `rows` laid out for `width` columns: whole ids when they fit, else the shortest unique start
    /// of each (which still names its case); then the text columns shrink.
    func fitted(_ rows: [[String]], width: Int, in session: Session) -> [[String]] {
        var rows = rows
        func tooWide(_ widths: [Int]) -> Bool { widths.reduce(0, +) + 2 * (widths.count - 1) > width }
        var widths = TableFitting.columnWidths(rows, width: width, minimums: Self.minimums)
        if tooWide(widths) || widths[1] < DisplayWidth.of("事業名") + 8 {
            let prefixes = UniquePrefix.shortest(session.store.ids.map(\.rawValue), minimumLength: 6)
            for index in rows.indices.dropFirst() { rows[index][0] = prefixes[rows[index][0]] ?? rows[index][0] }
            widths = TableFitting.columnWidths(rows, width: width, minimums: Self.minimums)
        }
        var minimums = Self.minimums
        var dropped: [Int] = []
        for column in Self.droppedWhenNarrow where tooWide(widths) {
            let index = column - dropped.filter { $0 < column }.count
            for row in rows.indices { rows[row].remove(at: index) }
            minimums.remove(at: index)
            dropped.append(column)
            widths = TableFitting.columnWidths(rows, width: width, minimums: minimums)
        }
        return TableFitting.fitted(rows, widths: widths, minimums: minimums)
    }
}
