import ArgumentParser
import CasebookCore

/// `approve [CASE]`: marks a case approved when every section has a current `ok` (SPEC §4);
/// otherwise lists, by label, the sections not reviewed, flagged, or changed since review.
struct ApproveCommand: StoreCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "approve",
            abstract: Help.text("Approve a case whose every section has a current ok.", "すべてのセクションが ok の事例を承認します。"),
            discussion: Help.text("Otherwise lists the sections still to review. Example: approve shigen-shudan-kaishu",
                                  "そうでなければ、残りのセクションを一覧にします。例: approve shigen-shudan-kaishu"))
    }

    @Argument(help: ArgumentHelp(Help.text("The case; the open case when left out.", "事例（省略すると開いている事例）"), valueName: "case"))
    var reference: String?

    @OptionGroup var storeOptions: StoreOptions

    func run(in session: Session) throws {
        let id = try session.resolveCase(reference)
        guard let sheet = session.sheet(id) else { throw CommandFailure(session.text(.caseNotFound, id.rawValue)) }
        if let stored = session.store.cases[id], stored.isReadOnly {
            throw CommandFailure(session.text(.readOnlyNewer, id.fileName, String(stored.schemaVersion)))
        }
        if sheet.status == .approved, sheet.sectionsBlockingApproval.isEmpty {
            session.output.line(session.text(.approveAlready, id.rawValue))
            return
        }
        let approved: CaseSheet
        do {
            approved = try SheetLifecycle.approving(sheet)
        } catch {
            var lines = [session.text(.approveRefused, id.rawValue)]
            for section in error.blocking {
                switch SectionReviewState.of(section, in: sheet) {
                case .flagged(let verdict): lines.append(session.text(.approveFlagged, section.label, TerminalSafeText.make(verdict.note)))
                case .changedSinceReview: lines.append(session.text(.approveChanged, section.label))
                case .notReviewed, .ok: lines.append(session.text(.approveMissing, section.label))
                }
            }
            throw CommandFailure(lines.joined(separator: "\n"))
        }
        try session.save(approved, as: id)
        session.output.line(session.text(.approveDone, id.rawValue, session.safeTitle(sheet.title)))
    }
}
