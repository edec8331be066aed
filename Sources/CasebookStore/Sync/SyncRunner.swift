import CasebookCore
import Foundation

/// `sync`'s work in git (SPEC §8): commit the store's uncommitted changes, fetch, fast-forward or
/// merge (a merge, never a rebase: one place to resolve, and ours stays ours), push, and when the
/// remote moved meanwhile, fetch, merge and push again.
///
/// Every network step runs with a time limit, with `GIT_TERMINAL_PROMPT=0` and ssh in batch mode,
/// so a sync never waits for a password nobody can type. Every merge passes casebook's driver with
/// `git -c` and `-s recursive -X no-renames`: git 2.39's default strategy detects renames even when
/// told not to, and would hand an edit of a deleted case to a similar new case without a conflict.
public struct SyncRunner: Sendable {
    /// The store's repository.
    public let repository: GitStore
    /// The driver passed to every merge.
    public let driver: MergeDriverRegistration
    /// Seconds a fetch or push may take.
    public let timeLimit: Double
    /// How many times a push rejected because the remote moved is tried again.
    public static let retries = 3

    /// A runner for the store at `storePath`, merging with `driver`, each network step limited to `timeLimit` seconds.
    public init(storePath: String, driver: MergeDriverRegistration = MergeDriverRegistration(), timeLimit: Double = 60) {
        repository = GitStore(storePath: storePath)
        self.driver = driver
        self.timeLimit = timeLimit
    }

    var git: GitRunner { repository.git }

    // MARK: Steps

    /// The commit HEAD names, if any.
    public func head() -> String? {
        let result = git.run(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])
        return result.succeeded ? result.output.trimmingCharacters(in: .newlines) : nil
    }

    private func commit(of ref: String) -> String? {
        let result = git.run(["rev-parse", "--verify", "--quiet", ref + "^{commit}"])
        return result.succeeded ? result.output.trimmingCharacters(in: .newlines) : nil
    }

    /// Fetches from the upstream's remote within the time limit.
    func fetch(_ start: Start) -> GitResult {
        let upstream = start.upstream
        return git.run(["fetch", "--quiet", "--no-write-fetch-head", upstream.remote,
                        "+refs/heads/\(upstream.remoteBranch):\(upstream.trackingRef)"],
                       environment: start.networkEnvironment, timeLimit: timeLimit)
    }

    /// Commits on HEAD the remote does not have, and commits on the remote HEAD does not have.
    func divergence(from tracking: String) -> (ahead: Int, behind: Int) {
        let result = git.run(["rev-list", "--left-right", "--count", "HEAD...\(tracking)"])
        let numbers = result.output.split(whereSeparator: { $0 == "\t" || $0 == " " || $0 == "\n" }).compactMap { Int($0) }
        return numbers.count == 2 ? (numbers[0], numbers[1]) : (0, 0)
    }

    /// How a merge of the remote's commits ended.
    enum MergeEnd {
        case merged
        /// Stopped with conflicts (git's words inside, for conflicts outside the store).
        case conflicts(GitResult)
        case refused(GitResult)
    }

    /// Brings the remote's commits in: a fast-forward when only behind, else a merge commit, with
    /// casebook's driver and without rename detection.
    func merge(_ tracking: String, fastForwardOnly: Bool) -> MergeEnd {
        var arguments = driver.configArguments + ["merge", "--quiet", "--no-edit"]
        arguments += fastForwardOnly ? ["--ff-only"] : ["--no-ff", "-s", "recursive", "-X", "no-renames"]
        // A merge killed half-way (casebook killed, its terminal closed) would leave the other
        // side's changes in the files with no merge to abort: git runs on to its end.
        let result = git.run(arguments + [tracking], toCompletion: true)
        if result.succeeded { return .merged }
        return repository.operationUnderWay == .merge ? .conflicts(result) : .refused(result)
    }

    /// How a push ended.
    enum PushEnd {
        case pushed
        /// Rejected; whether because the remote moved is decided by fetching again.
        case rejected(GitResult)
        case unreachable(GitResult)
    }

    /// Pushes HEAD to the upstream branch within the time limit.
    func push(_ start: Start) -> PushEnd {
        let upstream = start.upstream
        let result = git.run(["push", "--porcelain", upstream.remote, "HEAD:refs/heads/\(upstream.remoteBranch)"],
                             environment: start.networkEnvironment, timeLimit: timeLimit)
        if result.succeeded { return .pushed }
        // `--porcelain` writes a `!` line for each ref the remote turned down; without one, the
        // remote was never reached (or the connection died).
        let rejected = result.output.split(separator: "\n").contains { $0.hasPrefix("!") }
        return rejected && !result.timedOut ? .rejected(result) : .unreachable(result)
    }

    // MARK: The whole sync

    /// What a sync did and how it ended.
    public struct Report: Sendable {
        /// How it ended.
        public enum Ending: Sendable {
            /// Level with the remote: everything came in and went out.
            case synced
            /// The remote could not be reached; commits stay local (exit 3).
            case offline(GitResult)
            /// A merge left conflicts in these store files (exit 1); `sync --abort` or `resolve`.
            case conflicts([String])
            /// git would not merge (local changes in the way, conflicts outside the store).
            case mergeRefused(GitResult)
            /// The remote refused the push for a reason other than having moved (exit 1).
            case pushRefused(GitResult)
        }

        /// The message of the commit made of the store's uncommitted changes, if one was made.
        public var committed: String?
        /// When the remote could not be reached: how many commits of this branch it has not got,
        /// as far as the last fetch knows.
        public var unsent = 0
        /// Cases that came in from the remote.
        public var cameIn: [CaseMovement] = []
        /// Cases that went out to the remote.
        public var wentOut: [CaseMovement] = []
        /// How many times the push was tried again because the remote moved.
        public var retries = 0
        /// Ends the report: the remote could not be reached (git's words in `result`), with
        /// `unsent` commits left here.
        mutating func endOffline(_ result: GitResult, unsent: Int) {
            ending = .offline(result)
            self.unsent = unsent
        }

        /// Whether commits went out (a merge that changed no case still goes out).
        public var pushed = false
        /// Whether commits came in.
        public var fetchedCommits = false
        /// How it ended.
        public var ending: Ending = .synced
    }

    /// Runs a sync from `start` (from `check`). `commitMessage` is asked for the message of the
    /// store's uncommitted changes, given the changes and the generated message; `nil` declines.
    ///
    /// Whatever only reads runs beside what git must do in order: the first fetch beside the commit,
    /// the remote's tip beside the count of commits apart, the list of what came in beside a
    /// fast-forward, and the lists of what came and went beside the push.
    public func run(_ start: Start, commitMessage: ([StoreChange], String) -> String?) -> Result<Report, Stop> {
        // The first fetch runs while the store's changes are committed: it touches no file of the
        // work tree, only the remote-tracking ref, so the two can overlap and the sync waits for one.
        let firstFetch = Background { [self] in fetch(start) }
        let upstream = start.upstream
        repository.forgetSyncState(gitDirectory: start.gitDirectory)
        var report = Report()
        let originalHead = start.originalHead
        let savedIndex = repository.saveIndex(gitDirectory: start.gitDirectory)

        // 1. The store's uncommitted changes become a commit of their own.
        var storeCommit: String?
        let status: StoreStatus
        do throws(GitResult) { status = try repository.storeStatus() } catch { return .failure(.git(error)) }
        if !status.paths.isEmpty {
            let marked = status.paths.filter { path in
                guard let bytes = try? FileSystem.readFile(git.directory + "/" + path) else { return false }
                return CaseStore.hasConflictMarkers(bytes)
            }
            if !marked.isEmpty { return .failure(.conflictMarkers(marked)) }
            let changes: [StoreChange]
            do throws(GitResult) { changes = try repository.changes(storePath: git.directory, among: status.paths) } catch { return .failure(.git(error)) }
            if let problem = StoreChange.firstUnreadable(among: status.paths, storePath: git.directory, changes: changes) {
                return .failure(.unreadable(problem))
            }
            let generated = changes.commitMessage
            guard let message = commitMessage(changes, generated) else { return .failure(.commitDeclined) }
            let result = repository.commitStore(message: message, status: status)
            guard result.succeeded else { return .failure(.git(result)) }
            storeCommit = head()
            report.committed = message
        }

        // 2. Fetch, merge, push; again when the push lost a race with another clone.
        let startedAt = storeCommit ?? originalHead
        var attempt = 0
        var fetchedAlready = false
        while true {
            if !fetchedAlready {
                let fetched = attempt == 0 ? firstFetch.wait() : fetch(start)
                if !fetched.succeeded {
                    // Reached, but the branch is not there yet (a new, empty remote): the push makes it.
                    guard !fetched.timedOut, fetched.errorOutput.contains("couldn't find remote ref") else {
                        report.endOffline(fetched, unsent: divergence(from: upstream.trackingRef).ahead)
                        return .success(report)
                    }
                    _ = git.run(["update-ref", "-d", upstream.trackingRef])
                }
            }
            fetchedAlready = false
            let tipRun = Background { [self] in commit(of: upstream.trackingRef) }
            let (ahead, behind) = divergence(from: upstream.trackingRef)
            let remoteTip = tipRun.wait()
            if let remoteTip {
                // A fast-forward ends at the remote's tip, so what came in is known before git moves the files.
                let fastForwardArrivals = behind > 0 && ahead == 0
                    ? startedAt.map { from in Background { [repository] in repository.movements(from: from, to: remoteTip) } }
                    : nil
                if behind > 0 {
                    report.fetchedCommits = true
                    switch merge(upstream.trackingRef, fastForwardOnly: ahead == 0) {
                    case .merged: break
                    case .refused(let result):
                        report.ending = .mergeRefused(result)
                        return .success(report)
                    case .conflicts(let words):
                        let conflicted = repository.conflictedFiles().map(\.name)
                        if let stoppedAt = head() {
                            try? repository.recordSyncState(
                                SyncState(originalHead: originalHead, storeCommit: storeCommit, stoppedAt: stoppedAt), index: savedIndex)
                        }
                        report.ending = conflicted.isEmpty ? .mergeRefused(words) : .conflicts(conflicted)
                        if let startedAt { report.cameIn = repository.movements(from: startedAt, to: remoteTip) }
                        return .success(report)
                    }
                }
                if ahead == 0 {
                    // Only behind, or level: nothing to push.
                    if let fastForwardArrivals {
                        report.cameIn = fastForwardArrivals.wait()
                    } else if let startedAt, let now = head(), now != startedAt {
                        // Level, after an earlier round of this sync merged.
                        report.cameIn = repository.movements(from: startedAt, to: now)
                    }
                    return .success(report)
                }
            }
            // HEAD stays where it is now whatever the push does: the lists are made while it runs.
            let now = head()
            let arrivals = now.flatMap { now in startedAt.map { from in Background { [repository] in repository.movements(from: from, to: now) } } }
            let departures = now.map { now in Background { [self] in (remoteTip ?? emptyTree()).map { repository.movements(from: $0, to: now) } ?? [] } }
            let pushed = push(start)
            let (cameIn, wentOut) = (arrivals?.wait() ?? [], departures?.wait() ?? [])
            switch pushed {
            case .pushed:
                report.pushed = true
                report.cameIn = cameIn
                report.wentOut = wentOut
                return .success(report)
            case .unreachable(let result):
                report.endOffline(result, unsent: divergence(from: upstream.trackingRef).ahead)
                return .success(report)
            case .rejected(let result):
                // The remote moved if a fetch now finds another tip than the one merged.
                let again = fetch(start)
                guard again.succeeded else {
                    report.endOffline(again, unsent: divergence(from: upstream.trackingRef).ahead)
                    return .success(report)
                }
                let moved = commit(of: upstream.trackingRef) != remoteTip
                guard moved, attempt < Self.retries else {
                    report.ending = .pushRefused(result)
                    return .success(report)
                }
                attempt += 1
                report.retries = attempt
                fetchedAlready = true
            }
        }
    }

    /// git's empty tree, to list every case of a first push.
    private func emptyTree() -> String? {
        let result = git.run(["hash-object", "-t", "tree", "--stdin"], input: "")
        return result.succeeded ? result.output.trimmingCharacters(in: .newlines) : nil
    }
}
