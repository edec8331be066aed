import Foundation

/// What a sync finds out about the clone before it starts, and whether it may start.
extension SyncRunner {
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

    /// The clone as a sync finds it, before it changes anything.
    public struct Start: Sendable {
        /// Where commits are exchanged.
        public var upstream: Upstream
        /// casebook's merge driver in this clone (`MergeDriverRegistration.register(storePath:known:)`).
        public var registration: MergeDriverRegistration.State
        /// The git directory, absolute.
        var gitDirectory: String
        /// HEAD's commit; `nil` on a branch with no commit yet.
        var originalHead: String?
        /// What fetch and push run with (`networkEnvironment(sshCommand:)`).
        var networkEnvironment: [String: String]
    }

    /// Why a sync did not start, or stopped before reaching the remote.
    public enum Stop: Error, Sendable {
        /// The store is not inside a git work tree.
        case notRepository
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
        /// A changed store file that is not a case casebook can read (a link, bytes that are not
        /// UTF-8): committed, it would reach every clone.
        case unreadable(StoreProblem)
        /// The person declined the commit of the uncommitted changes.
        case commitDeclined
        /// git refused a local step (commit); its own words inside.
        case git(GitResult)
    }

    /// The configuration a sync reads, in one `git config` run: every branch's upstream, the ssh
    /// command, and casebook's driver.
    static let configPattern = #"^(branch\..+\.(remote|merge)|core\.sshcommand|merge\.casebook\..+)$"#

    /// Whether a sync can start, and with what: a work tree with nothing half-done, on a branch with
    /// an upstream. Four small git runs side by side, since each mostly costs its process start.
    public func check() -> Result<Start, Stop> {
        let branchRun = Background { [git] in git.run(["symbolic-ref", "--quiet", "--short", "HEAD"]) }
        let configRun = Background { [git] in git.run(["config", "-z", "--show-scope", "--get-regexp", Self.configPattern]) }
        let headRun = Background { [self] in head() }
        let places = git.run(["rev-parse", "--is-inside-work-tree", "--absolute-git-dir"] + GitStore.operationMarkerArguments)
        let (branchResult, config, originalHead) = (branchRun.wait(), configRun.wait(), headRun.wait())

        let lines = places.output.split(separator: "\n")
        guard places.succeeded, lines.count > 2, lines[0] == "true" else { return .failure(.notRepository) }
        if let operation = repository.operation(markedBy: lines.dropFirst(2)) { return .failure(.operationUnderWay(operation)) }
        guard branchResult.succeeded else { return .failure(.detachedHead) }
        let branch = branchResult.output.trimmingCharacters(in: .newlines)

        // "scope\0key\nvalue\0" for each value; for a key set more than once the last one counts, as with `--get`.
        var values: [String: String] = [:]
        var configuredDriver: String?
        var fields = config.output.split(separator: "\0", omittingEmptySubsequences: false).makeIterator()
        while let scope = fields.next(), let entry = fields.next() {
            let parts = entry.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            let key = parts[0], value = parts.count > 1 ? parts[1] : ""
            values[String(key)] = String(value)
            // Only the clone's own config registers the driver (`--local`).
            if scope == "local", let command = MergeDriverRegistration.driverCommand(key: key, value: value) { configuredDriver = command }
        }
        let remote = values["branch.\(branch).remote"] ?? ""
        let merge = values["branch.\(branch).merge"] ?? ""
        guard !remote.isEmpty, remote != ".", merge.hasPrefix("refs/heads/") else {
            let remotes = git.run(["remote"]).output.split(separator: "\n").map(String.init)
            return .failure(remotes.isEmpty ? .noRemote(branch: branch) : .noUpstream(branch: branch, remotes: remotes))
        }
        return .success(Start(
            upstream: Upstream(branch: branch, remote: remote, remoteBranch: String(merge.dropFirst("refs/heads/".count))),
            registration: MergeDriverRegistration.State(
                configuredCommand: configuredDriver, attributesNameDriver: MergeDriverRegistration.attributesNameDriver(in: git.directory)),
            gitDirectory: String(lines[1]),
            originalHead: originalHead,
            networkEnvironment: Self.networkEnvironment(sshCommand: values["core.sshcommand"] ?? "")))
    }

    /// The environment of a network step: no password prompt, ssh in batch mode (added to an ssh
    /// command the person configured, so their key or port still applies).
    static func networkEnvironment(sshCommand configured: String) -> [String: String] {
        let command = ProcessInfo.processInfo.environment["GIT_SSH_COMMAND"].flatMap { $0.isEmpty ? nil : $0 } ?? configured
        let ssh = command.isEmpty ? "ssh" : command
        return ["GIT_TERMINAL_PROMPT": "0", "GIT_SSH_COMMAND": ssh + " -o BatchMode=yes"]
    }
}
