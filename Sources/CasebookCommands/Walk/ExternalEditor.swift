import CasebookCore
import CasebookStore
import Foundation

/// `edit … --editor`: the fields as plain text in `$VISUAL` or `$EDITOR`, one item or paragraph a line.
///
/// Several fields (a section) are separated by `# label` lines; the diagram by `# 登場者`, `# 流れ`, `# メモ`.
enum ExternalEditor {
    static func edit(_ fields: [SheetField], of sheet: CaseSheet, id: CaseID, in session: Session) throws {
        guard let editor = [session.environment["VISUAL"], session.environment["EDITOR"]].compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
            throw CommandFailure(WalkMessage.editorNoEditor, in: session)
        }
        let text = EditorText.render(fields, of: sheet)
        var directory = NSTemporaryDirectory()
        while directory.count > 1 && directory.hasSuffix("/") { directory.removeLast() }
        let name = "casebook-\(id.rawValue)-\(UUID().uuidString.prefix(8)).txt"
        let path = directory + "/" + name
        // Mode 0600 whatever the umask: the case may not be public yet, and /tmp is shared.
        do {
            try FileSystem.replaceAtomically(directory: directory, name: name, with: Array(text.utf8), newFileMode: 0o600, durable: false)
        } catch {
            throw CommandFailure(session.text(WalkMessage.editorFailed) + " (\(error.reason))")
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        // The editor command may carry its own arguments ("code -w"), so a shell reads it; the file
        // path is passed as "$1", never spliced into the command text.
        // The editor works on casebook's terminal (its standard input, output and error), and
        // casebook waits for it. The environment is the process's own, as a shell would pass it.
        let status = ChildProcess.runOnTerminal("/bin/sh", ["-c", editor + " \"$1\"", "sh", path],
                                                environment: ProcessInfo.processInfo.environment)
        guard status == 0, let data = FileManager.default.contents(atPath: path),
              let edited = String(data: data, encoding: .utf8) else {
            throw CommandFailure(WalkMessage.editorFailed, in: session)
        }
        var updated = sheet
        do {
            try EditorText.apply(edited, to: &updated, fields: fields, currentWesternYear: session.currentWesternYear)
        } catch {
            throw CommandFailure(session.describe(error))
        }
        try session.save(updated, as: id)
        session.say(StoreMessage.saved(id: id))
    }
}
