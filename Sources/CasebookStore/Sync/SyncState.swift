import Foundation

/// What `sync --abort` needs to put HEAD, the index and every file back as they were before a sync
/// that stopped with conflicts: kept in the git directory (`casebook-sync`, and the index as it was
/// in `casebook-sync-index`), never in the work tree, and removed once the merge is finished or aborted.
struct SyncState: Equatable {
    /// HEAD before the sync (before it committed anything); `nil` on a branch with no commit yet.
    var originalHead: String?
    /// The commit the sync made of the store's uncommitted changes, if it made one.
    var storeCommit: String?
    /// HEAD when the sync stopped, with the merge under way on top of it.
    var stoppedAt: String

    /// The state file's name in the git directory.
    static let fileName = "casebook-sync"
    /// The saved index's name in the git directory.
    static let indexFileName = "casebook-sync-index"

    /// The file's text: `key value` lines.
    var text: String {
        ["original \(originalHead ?? "-")", "commit \(storeCommit ?? "-")", "stopped \(stoppedAt)"]
            .map { $0 + "\n" }.joined()
    }

    /// Reads the text `text` wrote; `nil` when it is not such a text.
    init?(text: String) {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2 { values[String(parts[0])] = String(parts[1]) }
        }
        guard let original = values["original"], let commit = values["commit"], let stopped = values["stopped"] else { return nil }
        originalHead = original == "-" ? nil : original
        storeCommit = commit == "-" ? nil : commit
        stoppedAt = stopped
    }

    init(originalHead: String?, storeCommit: String?, stoppedAt: String) {
        self.originalHead = originalHead
        self.storeCommit = storeCommit
        self.stoppedAt = stoppedAt
    }
}

/// The index file's bytes as they were before a sync committed anything (`nil`: there was none).
struct SavedIndex {
    var bytes: [UInt8]?
}

extension GitStore {
    /// The git directory, absolute.
    var gitDirectory: String? {
        let result = git.run(["rev-parse", "--absolute-git-dir"])
        guard result.succeeded else { return nil }
        return result.output.trimmingCharacters(in: .newlines)
    }

    /// The index as it is now, to be put back by `sync --abort`; `gitDirectory` when already known.
    func saveIndex(gitDirectory known: String? = nil) -> SavedIndex {
        guard let directory = known ?? gitDirectory else { return SavedIndex(bytes: nil) }
        let path = directory + "/index"
        return SavedIndex(bytes: FileSystem.exists(path) ? try? FileSystem.readFile(path) : nil)
    }

    /// Records `state` and `index` for `sync --abort`.
    func recordSyncState(_ state: SyncState, index: SavedIndex) throws(SystemError) {
        guard let directory = gitDirectory else { return }
        if let bytes = index.bytes {
            try FileSystem.replaceAtomically(directory: directory, name: SyncState.indexFileName, with: bytes)
        } else if FileSystem.exists(directory + "/" + SyncState.indexFileName) {
            try FileSystem.removeFile(directory + "/" + SyncState.indexFileName)
        }
        try FileSystem.replaceAtomically(directory: directory, name: SyncState.fileName, with: Array(state.text.utf8))
    }

    /// The recorded state of a stopped sync, with the saved index, if there is one.
    func recordedSyncState() -> (state: SyncState, index: SavedIndex)? {
        guard let directory = gitDirectory,
              let bytes = try? FileSystem.readFile(directory + "/" + SyncState.fileName),
              let state = SyncState(text: String(decoding: bytes, as: UTF8.self)) else { return nil }
        let indexPath = directory + "/" + SyncState.indexFileName
        return (state, SavedIndex(bytes: FileSystem.exists(indexPath) ? try? FileSystem.readFile(indexPath) : nil))
    }

    /// Forgets a stopped sync: its merge was finished, or aborted. `gitDirectory` when already known.
    public func forgetSyncState(gitDirectory known: String? = nil) {
        guard let directory = known ?? gitDirectory else { return }
        for name in [SyncState.fileName, SyncState.indexFileName] where FileSystem.exists(directory + "/" + name) {
            try? FileSystem.removeFile(directory + "/" + name)
        }
    }

    /// Puts `index` back as the repository's index.
    func restoreIndex(_ index: SavedIndex) throws(SystemError) {
        guard let directory = gitDirectory else { return }
        let path = directory + "/index"
        if let bytes = index.bytes {
            try FileSystem.replaceAtomically(directory: directory, name: "index", with: bytes)
        } else if FileSystem.exists(path) {
            try FileSystem.removeFile(path)
        }
    }
}
