import ArgumentParser
import CasebookCore

/// `show [CASE] [FIELD or SECTION]`: the sheet laid out for the terminal.
struct ShowCommand: PagedCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "show",
            abstract: Help.text("Show a case as its sheet reads, or one field or section of it.",
                                "事例をシートの形で表示します。項目やセクションだけも表示できます。"),
            discussion: Help.text("Examples: show shigen-shudan-kaishu; show 資源 roles; show overview (the open case)",
                                  "例: show shigen-shudan-kaishu、show 資源 役割、show overview（開いている事例）"))
    }

    @Argument(help: ArgumentHelp(Help.text("The case (id, id prefix or part of the title), then a field or section; the open case when left out.",
                                           "事例（ID、ID の先頭、事業名の一部）と項目またはセクション。事例を省くと開いている事例"),
                                 valueName: "case-or-field"))
    var arguments: [String] = []

    @Option(name: .customLong("width"), help: ArgumentHelp(Help.text("Lay out for this many columns.", "この桁数で表示"), valueName: "n"))
    var width: Int?

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if arguments.count > 2 { throw ValidationError(Help.text("show takes at most a case and a field.", "show に指定できるのは事例と項目だけです。")) }
        if let width, width < 20 || width > 1000 { throw ValidationError(Help.text("--width takes 20 to 1000.", "--width は 20 から 1000 です。")) }
    }

    func run(in session: Session) throws {
        let (id, part) = try CaseAndPart.resolve(arguments, in: session)
        guard var sheet = session.sheet(id) else { throw CommandFailure(StoreMessage.caseNotFound(reference: id.rawValue), in: session) }
        // Approved and edited outside casebook since: shown as it counts, in review.
        sheet.status = SheetLifecycle.effectiveStatus(of: sheet)
        let layout = SheetLayout(width: width ?? session.width, style: .init(colour: session.usesColour), language: session.language)
        session.output.raw(layout.render(sheet, id: id.rawValue, part: part))
    }
}

/// Reads `[CASE] [FIELD]` arguments: one argument may be either, so a field name wins only
/// when it is not also a case reference that resolves.
enum CaseAndPart {
    static func resolve(_ arguments: [String], in session: Session) throws -> (CaseID, SheetPart?) {
        switch arguments.count {
        case 0:
            return (try session.resolveCase(nil), nil)
        case 1:
            if let part = SheetPart.named(arguments[0]), session.openCase != nil {
                return (try session.resolveCase(nil), part)
            }
            if case .found = session.store.resolve(arguments[0]) { return (try session.resolveCase(arguments[0]), nil) }
            if let part = SheetPart.named(arguments[0]) { return (try session.resolveCase(nil), part) }
            return (try session.resolveCase(arguments[0]), nil)
        default:
            return (try session.resolveCase(arguments[0]), try session.part(named: arguments[1]))
        }
    }
}
