import ArgumentParser
import CasebookCore
import CasebookStore

/// `list`: a table of the cases, filtered.
struct ListCommand: StoreCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "list",
            abstract: Help.text("List the cases: id, 事業名, 形態, 担当課, 事業実施, status.",
                                "事例の一覧（ID・事業名・形態・担当課・事業実施・状態）を表示します。"),
            discussion: Help.text("Example: list --form 共催 --status draft", "例: list --form 共催 --status draft"))
    }

    @Option(name: .customLong("form"), help: ArgumentHelp(Help.text("Only cases whose 協働の形態 contains F.", "協働の形態に F を含む事例のみ"), valueName: "F"))
    var form: String?

    @Option(name: .customLong("department"), help: ArgumentHelp(Help.text("Only cases with a 担当課 containing D.", "担当課に D を含む事例のみ"), valueName: "D"))
    var department: String?

    @Option(name: .customLong("domain"), help: ArgumentHelp(Help.text("Only cases whose 協働の領域 contains D.", "協働の領域に D を含む事例のみ"), valueName: "D"))
    var domain: String?

    @Option(name: .customLong("status"), help: ArgumentHelp(Help.text("Only cases with status S (draft, review, approved).", "状態が S の事例のみ（draft, review, approved）"), valueName: "S"))
    var status: String?

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if let status, SheetStatus(rawValue: status) == nil {
            throw ValidationError(Help.text("--status takes draft, review or approved, not “\(status)”.",
                                            "--status には draft、review、approved のいずれかを指定してください（「\(status)」は使えません）。"))
        }
    }

    func run(in session: Session) throws {
        let wantedStatus = status.flatMap(SheetStatus.init(rawValue:))
        let (formFilter, domainFilter, departmentFilter) = (form.map(SearchNormalizer.normalize),
                                                            domain.map(SearchNormalizer.normalize),
                                                            department.map(SearchNormalizer.normalize))
        func matches(_ value: String, _ filter: String?) -> Bool {
            guard let filter else { return true }
            return SearchNormalizer.normalize(value).contains(filter)
        }
        let selected = session.store.orderedSummaries.filter { entry in
            let sheet = entry.summary
            return matches(sheet.form, formFilter) && matches(sheet.domain, domainFilter)
                && (departmentFilter == nil || sheet.departments.contains { matches($0, departmentFilter) })
                && (wantedStatus == nil || sheet.status == wantedStatus)
        }
        guard !selected.isEmpty else {
            session.say(ListMessage.noCases)
            return
        }
        let onTerminal = session.outputIsTerminal
        let statusNames = Dictionary(uniqueKeysWithValues: SheetStatus.allCases.map { ($0, session.text(SheetMessage.status($0))) })
        let language = session.language
        // Rows are made on every core: at 10,000 cases this is most of list's work.
        let rows = [["id", "事業名", "形態", "担当課", "事業実施", session.text(ListMessage.statusHeader)]] + Parallel.map(selected.count) { position in
            let (id, sheet) = selected[position]
            func cell(_ text: String, _ columns: Int) -> String {
                let safe = TerminalSafeText.make(text)
                return onTerminal ? DisplayWidth.truncated(safe, to: columns) : safe
            }
            var state = statusNames[sheet.status]!
            if sheet.flagCount > 0 { state += "・" + SheetMessage.flags(count: sheet.flagCount).text(in: language) }
            return [
                id.rawValue,
                cell(sheet.title, 32),
                cell(sheet.form, 12),
                cell(sheet.departments.joined(separator: "、"), 20),
                sheet.started,
                state,
            ]
        }
        session.output.raw(utf8: TableLayout.renderUTF8(rows))
        if onTerminal { session.say(ListMessage.count(selected.count)) }
    }
}
