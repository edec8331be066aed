/// The store's files that differ from the last commit, as one `git status` lists them: what
/// `status`, `commit` and `sync` start from, read once and handed on (a status of 10,000 files
/// costs more than anything else a local step does).
public struct StoreStatus: Sendable, Equatable {
    /// Every file (relative to the store) that differs from the last commit in the work tree or the
    /// index, untracked ones included, once each, in git's order.
    public var paths: [String] = []
    /// Those of `paths` that `git add --all` can name: all but a deletion already staged (in neither
    /// the index nor the work tree, the path matches nothing and git refuses the whole `add`).
    public var addable: [String] = []

    /// A status of the given paths (for tests).
    public init(paths: [String] = [], addable: [String] = []) {
        self.paths = paths
        self.addable = addable
    }
}

extension GitStore {
    /// The store's files that differ from the last commit. A `git status` that fails (a corrupt
    /// index, a full disk) throws its result, so that it is never taken for "no changes".
    /// A save's temporary file (one being written, or one a killed save left for the next scan to
    /// sweep) is never a change: it is never staged or committed.
    public func storeStatus() throws(GitResult) -> StoreStatus {
        let result = git.run(["status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=all", "--", "."])
        guard result.succeeded else { throw result }
        let prefix = storePrefix()
        var paths: [String] = []
        var seen: Set<String> = []
        var indexOrDisk: Set<String> = []
        var stagedDeletions: Set<String> = []
        // "XY <path>", X the index against HEAD, Y the work tree against the index; `??` untracked.
        // A file deleted from the index but still on disk comes twice: `D ` and `??`.
        for entry in result.output.split(separator: "\0", omittingEmptySubsequences: true) where entry.count > 3 {
            var path = String(entry.dropFirst(3))
            guard path.hasPrefix(prefix) else { continue }
            path.removeFirst(prefix.count)
            if CaseStore.isTemporaryName(String(path.split(separator: "/").last ?? "")) { continue }
            if entry.hasPrefix("D ") { stagedDeletions.insert(path) } else { indexOrDisk.insert(path) }
            if seen.insert(path).inserted { paths.append(path) }
        }
        return StoreStatus(paths: paths, addable: paths.filter { !stagedDeletions.contains($0) || indexOrDisk.contains($0) })
    }

    /// The store's files (any file, relative to the store) that differ from the last commit in the
    /// work tree or the index, untracked ones included (`storeStatus().paths`).
    public func changedPaths() throws(GitResult) -> [String] {
        try storeStatus().paths
    }
}
