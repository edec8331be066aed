import ArgumentParser
import CasebookCore
import CasebookStore
import Foundation

/// `resolve [CASE]`: settles the conflicts of a merge under way field by field (SPEC §8) — after
/// `sync`, or after a plain `git pull` or `git merge`. The three versions come from the index's
/// stages, never from the markers in the file. For each conflicting part it shows both values and
/// their difference and asks: keep mine, take theirs, both, edit, `<` back, `.` stop. A settled case
/// is written canonically and staged; when none is left, the merge is committed.
struct ResolveCommand: StoreCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "resolve",
            abstract: Help.text("Settle a merge's conflicts field by field: keep mine, take theirs, both, edit, < (back), . (stop).",
                                "マージの競合を項目ごとに解消します: 自分の変更・共有の変更・両方・編集・<（前へ）・.（中断）。"),
            discussion: Help.text("Works after sync, git pull or git merge left conflicts. A settled case is written and staged; when none is left the merge is committed. Example: resolve shigen-shudan-kaishu",
                                  "sync、git pull、git merge が競合を残したあとに使います。解消した事例は書き込んで git add し、残りがなくなるとマージをコミットします。例: resolve shigen-shudan-kaishu"))
    }

    @Argument(help: ArgumentHelp(Help.text("Only this conflicted case (id or the start of it).", "この競合した事例だけ（id またはその先頭）"), valueName: "case"))
    var reference: String?

    @OptionGroup var storeOptions: StoreOptions

    func run(in session: Session) throws {
        let git = try session.repository()
        let operation = git.operationUnderWay
        if let operation, operation != .merge {
            throw CommandFailure(ResolveMessage.notInMerge(operation: operation.rawValue), in: session)
        }
        var files = git.conflictedFiles()
        if let reference {
            let matching = files.filter { $0.id?.rawValue == reference }
            let prefixed = files.filter { $0.id?.rawValue.hasPrefix(reference) == true }
            files = matching.isEmpty ? prefixed : matching
            guard !files.isEmpty else { throw CommandFailure(StoreMessage.caseNotFound(reference: reference), in: session) }
        }
        var walk = ResolveWalk(session: session, git: git)
        defer { session.store.refresh() }
        for file in files {
            guard try walk.settle(file) else {
                let remaining = walk.remaining(git.conflictedFiles())
                session.say(ResolveMessage.stopped(remaining: remaining))
                // Stopped with conflicts left: not done, as a script must be able to tell.
                if remaining > 0 { session.exitStatus = 1 }
                return
            }
        }
        try finish(git, in: session, settledAny: walk.settledAny || files.isEmpty)
    }

    /// Commits the merge when nothing is conflicted any more, anywhere in the work tree.
    private func finish(_ git: GitStore, in session: Session, settledAny: Bool) throws {
        let left = git.conflictedFiles()
        if !left.isEmpty { return }
        guard git.operationUnderWay == .merge else {
            if !settledAny { session.say(ResolveMessage.noConflicts) }
            return
        }
        let top = GitRunner(directory: git.topLevel ?? session.store.path)
        let outside = top.run(["ls-files", "--unmerged", "-z"]).output.split(separator: "\0")
            .compactMap { $0.split(separator: "\t", maxSplits: 1).last.map(String.init) }
        if !outside.isEmpty {
            session.say(ResolveMessage.otherConflicts(names: Array(Set(outside)).sorted()))
            return
        }
        let result = git.git.run(["commit", "--quiet", "--no-edit"])
        guard result.succeeded else { throw session.gitFailure(result) }
        git.forgetSyncState()
        let hash = git.git.run(["rev-parse", "--short", "HEAD"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        session.say(ResolveMessage.mergeCommitted(hash: hash))
    }
}
