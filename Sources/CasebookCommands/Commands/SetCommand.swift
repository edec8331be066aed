import ArgumentParser
import CasebookCore

/// `set [CASE] FIELD VALUE`: a line, choice or era-year field in one go, for scripts.
struct SetCommand: StoreCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "set",
            abstract: Help.text("Set a line, choice or era-year field in one go.", "一行・選択・年度の項目を一度に設定します。"),
            discussion: Help.text("Examples: set shigen-shudan-kaishu form 共催; set started H30 (the open case)",
                                  "例: set shigen-shudan-kaishu form 共催、set started H30（開いている事例）"))
    }

    @Argument(help: ArgumentHelp(Help.text("[CASE] FIELD VALUE", "[事例] 項目 値"), valueName: "case-field-value"))
    var arguments: [String]

    @Flag(name: .customLong("force"), help: ArgumentHelp(Help.text("Save even if the file changed on disk.", "ディスク上で変更されていても上書き保存")))
    var force = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        guard arguments.count == 2 || arguments.count == 3 else {
            throw ValidationError(Help.text("set takes [CASE] FIELD VALUE (quote a value with spaces).",
                                            "set には [事例] 項目 値 を指定します（空白を含む値は引用符で囲んでください）。"))
        }
        // `set CASE FIELD` with the value left out: the second word names a field, the first does not.
        if arguments.count == 2, SheetPart.named(arguments[0]) == nil, SheetPart.named(arguments[1]) != nil {
            throw ValidationError(Help.text("set \(arguments[0]) \(arguments[1]) needs a VALUE: set [CASE] FIELD VALUE (quote a value with spaces).",
                                            "set \(arguments[0]) \(arguments[1]) には値が必要です: set [事例] 項目 値（空白を含む値は引用符で囲んでください）。"))
        }
    }

    func run(in session: Session) throws {
        let id = try session.resolveCase(arguments.count == 3 ? arguments[0] : nil)
        let fieldName = arguments[arguments.count - 2]
        let typed = arguments[arguments.count - 1]
        guard case .field(let field) = try session.part(named: fieldName) else {
            throw CommandFailure(FieldMessage.fieldNotSingleLine(label: fieldName, key: fieldName), in: session)
        }
        guard var sheet = session.sheet(id) else { throw CommandFailure(StoreMessage.caseNotFound(reference: id.rawValue), in: session) }
        let accepted: (value: FieldValue, warning: ValidationIssue?)
        do {
            accepted = try FieldInput.singleLineValue(typed, for: field, currentWesternYear: session.currentWesternYear)
        } catch {
            throw CommandFailure(session.describe(error))
        }
        if let warning = accepted.warning { session.output.error(session.describe(warning: warning)) }
        sheet.setValue(accepted.value, of: field)
        let before = session.store.cases[id]?.bytesOnDisk
        try session.save(sheet, as: id, force: force)
        let changed = session.store.cases[id]?.bytesOnDisk != before
        session.output.line(changed ? session.text(StoreMessage.saved(id: id)) : session.text(StoreMessage.unchanged(id: id)))
    }
}
