import ArgumentParser
import CasebookCore
import CasebookStore
import Foundation

/// `edit [CASE] [FIELD or SECTION]`: a guided walk with current values pre-filled, or `--editor`.
struct EditCommand: StoreCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "edit",
            abstract: Help.text("Edit a field, a section, or the whole sheet, with current values on the line.",
                                "項目・セクション・シート全体を、現在の値を表示した状態で編集します。"),
            discussion: Help.text("Examples: edit 資源 title; edit roles.city; edit 資源 overview --editor",
                                  "例: edit 資源 title、edit roles.city、edit 資源 overview --editor"))
    }

    @Argument(help: ArgumentHelp(Help.text("[CASE] [FIELD or SECTION]", "[事例] [項目またはセクション]"), valueName: "case-or-field"))
    var arguments: [String] = []

    @Flag(name: .customLong("editor"), help: ArgumentHelp(Help.text("Edit the field as plain text in $VISUAL or $EDITOR.", "$VISUAL か $EDITOR でテキストとして編集")))
    var useEditor = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if arguments.count > 2 { throw ValidationError(Help.text("edit takes at most a case and a field.", "edit に指定できるのは事例と項目だけです。")) }
    }

    func run(in session: Session) throws {
        let (id, part) = try CaseAndPart.resolve(arguments, in: session)
        guard let sheet = session.sheet(id) else { throw CommandFailure(StoreMessage.caseNotFound(reference: id.rawValue), in: session) }
        if let stored = session.store.cases[id], stored.isReadOnly {
            throw CommandFailure(StoreMessage.readOnlyNewer(fileName: id.fileName, schema: stored.schemaVersion), in: session)
        }
        let fields = part?.fields ?? SheetField.allCases
        if useEditor {
            try ExternalEditor.edit(fields, of: sheet, id: id, in: session)
            return
        }
        let walk = GuidedWalk(session: session, editing: id, sheet: sheet, fields: fields)
        WalkReport.report(try walk.run(), id: id, in: session)
    }
}
