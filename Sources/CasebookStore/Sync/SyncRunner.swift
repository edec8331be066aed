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
    /// What fetch and push run with (`networkEnvironment(for:)`), worked out once.
    private let networkEnvironment: [String: String]

    /// A runner for the store at `storePath`, merging with `driver`, each network step limited to `timeLimit` seconds.
    public init(storePath: String, driver: MergeDriverRegistration = MergeDriverRegistration(), timeLimit: Double = 60) {
        repository = GitStore(storePath: storePath)
        self.driver = driver
        self.timeLimit = timeLimit
        networkEnvironment = Self.networkEnvironment(for: repository.git)
    }

    var git: GitRunner { repository.git }

    // MARK: Where to sync with

    /// The remote branch the current branch exchanges commits with.
    public struct Upstream: Sendable, Equatable {
        /// The local branch.
        public var branch: String
        /// The remote's name (`origin`).
        public var remote: String
        /// The branch on the remote (`main`).
        public var remoteBranch: String
        /// The remote-tracking ref a fetch updates (`refs/remotes/origin/main`).
        public var trackingRef: String { "refs/remotes/\(remote)/\(remoteBranch)" }
    }

    /// Why a sync did not start, or stopped before reaching the remote.
    public enum Stop: Error, Sendable {
        /// A merge, rebase, cherry-pick or revert is under way.
        case operationUnderWay(OperationUnderWay)
        /// HEAD is not on a branch.
        case detachedHead
        /// The repository has no remote at all.
        case noRemote(branch: String)
        /// The branch has no upstream (the remotes are named).
        case noUpstream(branch: String, remotes: [String])
        /// Store files still hold conflict markers; committing them would share the markers.
        case conflictMarkers([String])
        /// The person declined the commit of the uncommitted changes.
        case commitDeclined
        /// git refused a local step (commit); its own words inside.
        case git(GitResult)
    }

    /// The upstream of the current branch, or why there is none.
    public func upstream() -> Result<Upstream, Stop> {
        let head = git.run(["symbolic-ref", "--quiet", "--short", "HEAD"])
        guard head.succeeded else { return .failure(.detachedHead) }
        let branch = head.output.trimmingCharacters(in: .newlines)
        let remote = git.run(["config", "--get", "branch.\(branch).remote"]).output.trimmingCharacters(in: .newlines)
        let merge = git.run(["config", "--get", "branch.\(branch).merge"]).output.trimmingCharacters(in: .newlines)
        guard !remote.isEmpty, remote != ".", merge.hasPrefix("refs/heads/") else {
            let remotes = git.run(["remote"]).output.split(separator: "\n").map(String.init)
            return .failure(remotes.isEmpty ? .noRemote(branch: branch) : .noUpstream(branch: branch, remotes: remotes))
        }
        return .success(Upstream(branch: branch, remote: remote, remoteBranch: String(merge.dropFirst("refs/heads/".count))))
    }

    /// The environment of a network step: no password prompt, ssh in batch mode (added to an ssh
    /// command the person configured, so their key or port still applies).
    static func networkEnvironment(for git: GitRunner) -> [String: String] {
        let configured = ProcessInfo.processInfo.environment["GIT_SSH_COMMAND"].flatMap { $0.isEmpty ? nil : $0 }
            ?? git.run(["config", "--get", "core.sshCommand"]).output.trimmingCharacters(in: .newlines)
        let ssh = configured.isEmpty ? "ssh" : configured
        return ["GIT_TERMINAL_PROMPT": "0", "GIT_SSH_COMMAND": ssh + " -o BatchMode=yes"]
    }

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
    func fetch(_ upstream: Upstream) -> GitResult {
        git.run(["fetch", "--quiet", "--no-write-fetch-head", upstream.remote,
                 "+refs/heads/\(upstream.remoteBranch):\(upstream.trackingRef)"],
                environment: networkEnvironment, timeLimit: timeLimit)
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
        let result = git.run(arguments + [tracking])
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
    func push(_ upstream: Upstream) -> PushEnd {
        let result = git.run(["push", "--porcelain", upstream.remote, "HEAD:refs/heads/\(upstream.remoteBranch)"],
                             environment: networkEnvironment, timeLimit: timeLimit)
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
        /// Cases that came in from the remote.
        public var cameIn: [CaseMovement] = []
        /// Cases that went out to the remote.
        public var wentOut: [CaseMovement] = []
        /// How many times the push was tried again because the remote moved.
        public var retries = 0
        /// Whether commits went out (a merge that changed no case still goes out).
        public var pushed = false
        /// Whether commits came in.
        public var fetchedCommits = false
        /// How it ended.
        public var ending: Ending = .synced
    }

    /// Whether a sync can start, and with which upstream: nothing half-done, a branch with an upstream.
    public func check() -> Result<Upstream, Stop> {
        if let operation = repository.operationUnderWay { return .failure(.operationUnderWay(operation)) }
        return upstream()
    }

    /// Runs a sync with `upstream` (from `check`). `commitMessage` is asked for the message of the
    /// store's uncommitted changes, given the changes and the generated message; `nil` declines.
    public func run(_ upstream: Upstream, commitMessage: ([StoreChange], String) -> String?) -> Result<Report, Stop> {
        // The first fetch runs while the store's changes are committed: it touches no file of the
        // work tree, only the remote-tracking ref, so the two can overlap and the sync waits for one.
        let firstFetch = Background { [self] in fetch(upstream) }
        let gitDirectory = repository.gitDirectory
        repository.forgetSyncState(gitDirectory: gitDirectory)
        var report = Report()
        let originalHead = head()
        let savedIndex = repository.saveIndex(gitDirectory: gitDirectory)

        // 1. The store's uncommitted changes become a commit of their own.
        var storeCommit: String?
        let paths: [String]
        do throws(GitResult) { paths = try repository.changedPaths() } catch { return .failure(.git(error)) }
        if !paths.isEmpty {
            let marked = paths.filter { path in
                guard let bytes = try? FileSystem.readFile(git.directory + "/" + path) else { return false }
                return CaseStore.hasConflictMarkers(bytes)
            }
            if !marked.isEmpty { return .failure(.conflictMarkers(marked)) }
            let changes: [StoreChange]
            do throws(GitResult) { changes = try repository.changes(storePath: git.directory) } catch { return .failure(.git(error)) }
            let generated = CommitMessage.make(
                added: changes.filter { $0.kind == .added }.map(\.title),
                changed: changes.filter { $0.kind == .changed }.map { CommitMessage.Changed(title: $0.title, labels: $0.changedLabels) },
                deleted: changes.filter { $0.kind == .deleted }.map(\.title))
            guard let message = commitMessage(changes, generated) else { return .failure(.commitDeclined) }
            let result = repository.commitStore(message: message)
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
                let fetched = attempt == 0 ? firstFetch.wait() : fetch(upstream)
                if !fetched.succeeded {
                    // Reached, but the branch is not there yet (a new, empty remote): the push makes it.
                    guard !fetched.timedOut, fetched.errorOutput.contains("couldn't find remote ref") else {
                        report.ending = .offline(fetched)
                        return .success(report)
                    }
                    _ = git.run(["update-ref", "-d", upstream.trackingRef])
                }
            }
            fetchedAlready = false
            let remoteTip = commit(of: upstream.trackingRef)
            if let remoteTip {
                let (ahead, behind) = divergence(from: upstream.trackingRef)
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
                    if let startedAt, let now = head() { report.cameIn = repository.movements(from: startedAt, to: now) }
                    return .success(report)
                }
            }
            switch push(upstream) {
            case .pushed:
                report.pushed = true
                if let now = head() {
                    if let startedAt { report.cameIn = repository.movements(from: startedAt, to: now) }
                    if let remoteTip { report.wentOut = repository.movements(from: remoteTip, to: now) }
                    else if let root = emptyTree() { report.wentOut = repository.movements(from: root, to: now) }
                }
                return .success(report)
            case .unreachable(let result):
                report.ending = .offline(result)
                return .success(report)
            case .rejected(let result):
                // The remote moved if a fetch now finds another tip than the one merged.
                let again = fetch(upstream)
                guard again.succeeded else {
                    report.ending = .offline(again)
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
