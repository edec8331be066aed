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
        guard let sheet = session.sheet(id) else { throw CommandFailure(StoreMessage.caseNotFound(reference: id.rawValue), in: session) }
        if let stored = session.store.cases[id], stored.isReadOnly {
            throw CommandFailure(StoreMessage.readOnlyNewer(fileName: id.fileName, schema: stored.schemaVersion), in: session)
        }
        if sheet.status == .approved, sheet.sectionsBlockingApproval.isEmpty {
            session.say(ReviewMessage.approveAlready(id: id))
            return
        }
        let approved: CaseSheet
        do {
            approved = try SheetLifecycle.approving(sheet)
        } catch {
            var lines = [session.text(ReviewMessage.approveRefused(id: id))]
            for section in error.blocking {
                switch SectionReviewState.of(section, in: sheet) {
                case .flagged(let verdict): lines.append(session.text(ReviewMessage.approveFlagged(section: section.label, note: verdict.note)))
                case .changedSinceReview: lines.append(session.text(ReviewMessage.approveChanged(section: section.label)))
                case .notReviewed, .ok: lines.append(session.text(ReviewMessage.approveMissing(section: section.label)))
                }
            }
            throw CommandFailure(lines.joined(separator: "\n"))
        }
        try session.save(approved, as: id)
        session.say(ReviewMessage.approveDone(id: id, title: session.shownTitle(sheet.title)))
    }
}
