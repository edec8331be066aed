/// `sync --abort`: back to exactly where the sync started, from the state it recorded when it stopped.
extension SyncRunner {
    /// How `sync --abort` ended.
    public enum AbortEnd: Sendable {
        /// HEAD, the index and the files are as they were before the sync.
        case restored
        /// A merge not started by sync (a plain `git pull`) was aborted.
        case mergeAborted
        /// There was nothing to abort.
        case nothingToAbort
        /// git refused a step; its words inside.
        case failed(GitResult)
    }

    /// Puts HEAD, the index and every file back exactly as before the sync that stopped with conflicts.
    public func abort() -> AbortEnd {
        let recorded = repository.recordedSyncState()
        let merging = repository.operationUnderWay == .merge
        if merging {
            let result = git.run(["merge", "--abort"])
            guard result.succeeded else { return .failed(result) }
        }
        guard let (state, index) = recorded, merging || head() == state.stoppedAt else {
            repository.forgetSyncState()
            return merging ? .mergeAborted : .nothingToAbort
        }
        // Back over any merge an earlier round of this sync made, to the store commit (or the start).
        if let target = state.storeCommit ?? state.originalHead, head() != target {
            let result = git.run(["reset", "--quiet", "--keep", target])
            guard result.succeeded else { return .failed(result) }
        }
        // The store commit undone: its changes stay in the files, and the index is as it was.
        if state.storeCommit != nil {
            let result = state.originalHead.map { git.run(["reset", "--quiet", "--soft", $0]) }
                ?? git.run(["update-ref", "-d", "HEAD"])
            guard result.succeeded else { return .failed(result) }
            do {
                try repository.restoreIndex(index)
            } catch {
                return .failed(GitResult(status: 1, output: "", errorOutput: error.description))
            }
        }
        repository.forgetSyncState()
        return .restored
    }
}
