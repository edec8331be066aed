import ArgumentParser
import CasebookCore
import CasebookStore
import Foundation

/// `sync [--abort]`: exchanges the store's commits with the shared remote (SPEC §8) — commits what
/// is uncommitted, fetches, fast-forwards or merges field by field, pushes (again, when the remote
/// moved), and says what came in and went out, by title.
///
/// Exit status: 0 in sync, 1 conflicts left or refused, 2 usage, 3 the remote could not be reached.
struct SyncCommand: StoreCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "sync",
            abstract: Help.text("Exchange the store's changes with the shared remote (commit, fetch, merge field by field, push).",
                                "ストアの変更を共有リモートとやりとりします（コミット、取得、項目ごとのマージ、push）。"),
            discussion: Help.text("Exit status 0 in sync, 1 conflicts left or the push refused, 3 the remote could not be reached (your changes stay committed locally). After conflicts: casebook resolve, or casebook sync --abort to go back. Network steps stop after $CASEBOOK_NETWORK_TIMEOUT seconds (default 60). Example: sync",
                                  "終了コード 0 同期済み、1 競合が残った・push が拒否された、3 リモートに接続できない（変更はこのクローンにコミット済み）。競合のあとは casebook resolve、または casebook sync --abort で元に戻します。ネットワークの処理は $CASEBOOK_NETWORK_TIMEOUT 秒（既定 60）で打ち切ります。例: sync"))
    }

    @Flag(name: .customLong("abort"),
          help: ArgumentHelp(Help.text("Put HEAD and every file back as they were before a sync that stopped with conflicts.",
                                       "競合で止まった sync の前の状態（HEAD とすべてのファイル）に戻します。")))
    var abort = false

    @OptionGroup var storeOptions: StoreOptions

    /// The seconds a fetch or push may take: `CASEBOOK_NETWORK_TIMEOUT`, else 60.
    static func timeLimit(_ environment: [String: String]) -> Double {
        environment["CASEBOOK_NETWORK_TIMEOUT"].flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil } ?? 60
    }

    func run(in session: Session) throws {
        let runner = SyncRunner(storePath: session.store.path, timeLimit: Self.timeLimit(session.environment))
        if abort {
            _ = try session.repository()
            try runAbort(runner, in: session)
            return
        }
        let start: SyncRunner.Start
        switch runner.check() {
        case .success(let found): start = found
        case .failure(let stop): throw failure(for: stop, in: session)
        }
        let upstream = start.upstream
        if let changes = session.registerMergeDriver(known: start.registration), changes.any { session.say(SyncMessage.registered) }

        let result = runner.run(start) { _, generated in
            guard session.canAsk else { return generated }
            session.say(SyncMessage.commitHint)
            let prompt = session.text(SyncMessage.commitPrompt) + "> "
            guard case .line(let typed) = session.lineReader.readLine(prompt: prompt, prefill: generated, history: nil, completer: nil) else {
                return nil
            }
            let message = typed.trimmingWhitespace()
            return message.isEmpty ? nil : message
        }
        // git changed files under the store: the shell reads them again before its next prompt. From
        // the command line the process ends here, and reading 10,000 fingerprints would only cost time.
        if session.isShell { session.store.refresh() }
        let report: SyncRunner.Report
        switch result {
        case .success(let made): report = made
        case .failure(let stop): throw failure(for: stop, in: session)
        }
        if let committed = report.committed { session.say(SyncMessage.committed(message: CommitMessage.firstLine(of: committed))) }
        if report.retries > 0 { session.say(SyncMessage.retried(count: report.retries)) }
        switch report.ending {
        case .synced:
            say(report.cameIn, header: SyncMessage.cameInHeader(count: report.cameIn.count), in: session)
            say(report.wentOut, header: SyncMessage.wentOutHeader(count: report.wentOut.count), in: session)
            if !report.pushed && !report.fetchedCommits {
                session.say(SyncMessage.level(remote: upstream.remote, branch: upstream.remoteBranch))
            } else {
                session.say(SyncMessage.synced(remote: upstream.remote, branch: upstream.remoteBranch))
            }
        case .offline(let result):
            // Only a remote that did not answer is worth waiting for (exit 3); a wrong address or
            // a full disk needs the person (exit 1).
            let cause = GitFailureCause(gitWords: result.errorOutput)
            session.warn(SyncMessage.offline(remote: upstream.remote, words: session.gitWords(result), committed: report.committed != nil,
                                             unsent: report.unsent, advice: SyncMessage.OfflineAdvice(cause)))
            session.exitStatus = cause == .unreachable ? 3 : 1
        case .conflicts(let names):
            session.warn(SyncMessage.conflictsHeader(count: names.count))
            for line in ConflictOverview.lines(in: session) { session.output.error(line) }
            session.warn(SyncMessage.conflictsAdvice)
            session.exitStatus = 1
            try offerResolve(in: session)
        case .mergeRefused(let result):
            throw CommandFailure(SyncMessage.mergeRefused(words: session.gitWords(result)), in: session)
        case .pushRefused(let result):
            throw CommandFailure(SyncMessage.pushRefused(remote: upstream.remote, words: session.gitWords(result)), in: session)
        }
    }

    /// On a terminal, offers to resolve at once; when every conflict is settled (the merge committed),
    /// syncs again to share the result.
    private func offerResolve(in session: Session) throws {
        guard session.canAsk else { return }
        let prompt = session.text(SyncMessage.offerResolve) + "> "
        guard case .line(let answer) = session.lineReader.readLine(prompt: prompt, prefill: "", history: nil, completer: nil),
              ["y", "yes", "はい"].contains(answer.trimmingWhitespace().lowercased()) else { return }
        try ResolveCommand.parse([]).run(in: session)
        let git = GitStore(storePath: session.store.path)
        guard git.operationUnderWay == nil, git.conflictedFiles().isEmpty else { return }
        session.exitStatus = 0
        try run(in: session)
    }

    private func say(_ movements: [CaseMovement], header: SyncMessage, in session: Session) {
        guard !movements.isEmpty else { return }
        session.say(header)
        for movement in movements {
            let kind: SyncMessage.Movement = switch movement.kind {
            // Movements between commits count a rename as a deletion and an addition: never `.renamed`.
            case .added, .renamed: .added
            case .changed: .changed
            case .deleted: .deleted
            }
            session.say(SyncMessage.movement(kind, id: movement.id.rawValue, title: session.shownTitle(movement.title)))
        }
    }

    private func runAbort(_ runner: SyncRunner, in session: Session) throws {
        let end = runner.abort()
        session.store.refresh()
        switch end {
        case .restored: session.say(SyncMessage.abortRestored)
        case .mergeAborted: session.say(SyncMessage.abortMergeAborted)
        case .nothingToAbort: session.say(SyncMessage.abortNothing)
        case .failed(let result): throw CommandFailure(SyncMessage.abortFailed(words: session.gitWords(result)), in: session)
        }
    }

    private func failure(for stop: SyncRunner.Stop, in session: Session) -> CommandFailure {
        let message: SyncMessage
        switch stop {
        case .git(let result): return session.gitFailure(result)
        case .notRepository: return session.notRepositoryFailure
        case .operationUnderWay(.merge): message = .mergeUnderWay
        case .operationUnderWay(let operation): message = .operationUnderWay(operation: operation.rawValue)
        case .detachedHead: message = .detachedHead
        case .noRemote(let branch): message = .noRemote(branch: branch)
        case .noUpstream(let branch, let remotes): message = .noUpstream(branch: branch, remote: remotes.contains("origin") ? "origin" : remotes[0])
        case .conflictMarkers(let files): message = .conflictMarkers(files: files)
        case .unreadable(let problem):
            return CommandFailure(GitMessage.commitUnreadable(fileName: problem.fileName,
                                                             reason: session.message(for: problem.reason).rendered(in: session.language)), in: session)
        case .commitDeclined: message = .commitDeclined
        }
        return CommandFailure(message, in: session)
    }
}

extension SyncMessage.OfflineAdvice {
    /// The advice for a sync stopped by `cause`.
    init(_ cause: GitFailureCause) {
        switch cause {
        case .unreachable: self = .network
        case .noRepository: self = .address
        case .localDisk: self = .disk
        }
    }
}
