import CasebookCore
import Foundation

/// One case file that differs from the last commit.
public struct StoreChange: Sendable {
    /// Added (not in the last commit), changed, or deleted (in the last commit, gone now).
    public enum Kind: String, Sendable {
        case added
        case changed
        case deleted
    }

    /// The case.
    public var id: CaseID
    /// What happened to it.
    public var kind: Kind
    /// The sheet as last committed; `nil` when added, or when that version could not be read.
    public var before: CaseSheet?
    /// The sheet as it is on disk now; `nil` when deleted, or when the file cannot be read.
    public var after: CaseSheet?
    /// Why the file on disk now cannot be read, if it cannot.
    public var problem: StoreProblem?

    /// The title to name the case by: the current one, else the committed one.
    public var title: String { after?.title ?? before?.title ?? "" }

    /// The labels of the fields (and 状態, レビュー) that changed; empty for added and deleted cases.
    public var changedLabels: [String] {
        guard kind == .changed, let before, let after else { return [] }
        return SheetDiff.changedLabels(from: before, to: after)
    }
}

/// One commit in `log`.
public struct LogEntry: Sendable, Equatable {
    public var hash: String
    public var date: String
    public var author: String
    public var subject: String
}

/// The store against its last commit: what changed, committing it, its history, and the committed versions.
extension GitStore {
    /// Whether the repository has a commit yet.
    public var hasCommits: Bool {
        git.run(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]).succeeded
    }

    /// The top directory of the work tree, when the store is in one.
    public var topLevel: String? {
        let result = git.run(["rev-parse", "--show-toplevel"])
        guard result.succeeded else { return nil }
        return result.output.trimmingCharacters(in: .newlines)
    }

    /// The bytes of store file `fileName` in the last commit, or `nil` when it is not there.
    public func committedBytes(of fileName: String) -> [UInt8]? {
        let result = git.run(["show", "HEAD:./" + fileName])
        return result.succeeded ? result.outputBytes : nil
    }

    /// The sheet of case `id` in the last commit, or `nil` when it is not there or cannot be read.
    public func committedSheet(of id: CaseID) -> CaseSheet? {
        guard let bytes = committedBytes(of: id.fileName), case .success(let stored) = CaseStore.decode(bytes, id: id) else {
            return nil
        }
        return stored.sheet
    }

    /// The store's files (any file, relative to the store) that differ from the last commit in the
    /// work tree or the index, untracked ones included. A `git status` that fails (a corrupt index,
    /// a full disk) throws its result, so that it is never taken for "no changes".
    public func changedPaths() throws(GitResult) -> [String] {
        let result = git.run(["status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=all", "--", "."])
        guard result.succeeded else { throw result }
        let prefix = storePrefix()
        var paths: [String] = []
        for entry in result.output.split(separator: "\0", omittingEmptySubsequences: true) where entry.count > 3 {
            var path = String(entry.dropFirst(3))
            guard path.hasPrefix(prefix) else { continue }
            path.removeFirst(prefix.count)
            paths.append(path)
        }
        return paths
    }

    /// The case files added, changed or deleted since the last commit, read from disk now, in id order.
    /// `storePath` is the store directory. Throws when `git status` fails.
    public func changes(storePath: String) throws(GitResult) -> [StoreChange] {
        var changes: [StoreChange] = []
        let names = Set(try changedPaths().filter { !$0.contains("/") && $0.hasSuffix(".json") && !$0.hasPrefix(".") })
        for name in names.sorted() {
            guard let id = CaseID(String(name.dropLast(5))) else { continue }
            let committed = committedBytes(of: name)
            let filePath = storePath + "/" + name
            let current: [UInt8]? = FileSystem.exists(filePath) ? (try? FileSystem.readFile(filePath)) : nil
            if committed == current { continue }
            var change = StoreChange(id: id, kind: .changed)
            if let committed, case .success(let stored) = CaseStore.decode(committed, id: id) { change.before = stored.sheet }
            if let current {
                switch CaseStore.decode(current, id: id) {
                case .success(let stored): change.after = stored.sheet
                case .failure(let problem): change.problem = problem
                }
            }
            switch (committed, current) {
            case (nil, _): change.kind = .added
            case (_, nil): change.kind = .deleted
            default: change.kind = .changed
            }
            changes.append(change)
        }
        return changes
    }

    /// Stages the store directory — and nothing else — and commits only it, with `message`.
    /// Other staged or changed files in the work tree stay as they were.
    public func commitStore(message: String) -> GitResult {
        let add = git.run(["add", "--all", "--", "."])
        guard add.succeeded else { return add }
        // The message goes through standard input, so nothing in it is read as an option.
        return git.run(["commit", "--quiet", "--file=-", "--only", "--", "."], input: message)
    }

    /// The commits that touched the store, or only `fileName` in it, newest first.
    public func log(fileName: String? = nil) -> Result<[LogEntry], GitResult> {
        let result = git.run(["log", "--date=short", "--format=%h%x1f%ad%x1f%an%x1f%s%x1e", "--", fileName ?? "."])
        guard result.succeeded else { return .failure(result) }
        let entries = result.output.split(separator: "\u{1E}").compactMap { record -> LogEntry? in
            let fields = record.trimmingCharacters(in: .newlines).split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else { return nil }
            return LogEntry(hash: fields[0], date: fields[1], author: fields[2], subject: fields[3])
        }
        return .success(entries)
    }

    /// git's `user.name`, when one is configured.
    public func userName() -> String? {
        let result = git.run(["config", "user.name"])
        let name = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        return result.succeeded && !name.isEmpty ? name : nil
    }
}

extension CaseStore {
    /// Decodes a committed version of a case file (from `git show`), as the store reads files.
    public static func decodeCommitted(_ bytes: [UInt8], id: CaseID) -> Result<CaseSheet, StoreProblem> {
        decode(bytes, id: id).map(\.sheet)
    }
}
