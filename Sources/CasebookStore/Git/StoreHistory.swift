import CasebookCore
import Foundation

/// One case file that differs from the last commit.
public struct StoreChange: Sendable {
    /// Added (not in the last commit), changed, deleted (in the last commit, gone now), or renamed
    /// (`casebook rename`: the last commit's file gone, and its content, unchanged, under another id).
    public enum Kind: String, Sendable {
        case added
        case changed
        case deleted
        case renamed
    }

    /// The case.
    public var id: CaseID
    /// What happened to it.
    public var kind: Kind
    /// The id the case had in the last commit, when it was renamed.
    public var previousID: CaseID?
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

    /// The first of the store's changed `paths` that is meant as a case (`*.json` in the store) but
    /// that casebook cannot read as one — a link, a name that is no id, bytes that are not UTF-8, a
    /// sheet it cannot make out (`changes`, made of the same paths) — or `nil`. `commit` and `sync`
    /// refuse to commit it: it would go to every clone with the next sync.
    public static func firstUnreadable(among paths: [String], storePath: String, changes: [StoreChange]) -> StoreProblem? {
        for path in paths where path.hasSuffix(".json") && !path.contains("/") && !path.hasPrefix(".") {
            if let kind = FileSystem.kind(storePath + "/" + path), kind != .regularFile {
                return StoreProblem(fileName: path, reason: .notARegularFile(kind))
            }
            if !isCaseFileName(path), FileSystem.exists(storePath + "/" + path) {
                return StoreProblem(fileName: path, reason: .badFileName)
            }
        }
        return changes.lazy.compactMap(\.problem).first
    }

    /// Whether `path` (relative to the store) is a case's file: `ID.json` directly in the store.
    public static func isCaseFileName(_ path: String) -> Bool {
        !path.contains("/") && path.hasSuffix(".json") && !path.hasPrefix(".") && CaseID(String(path.dropLast(5))) != nil
    }
}

extension [StoreChange] {
    /// The commit message written of these changes when the person gives none: `新規: …; 更新: 資源集団回収（協働の成果）`.
    public var commitMessage: String {
        CommitMessage.make(
            added: filter { $0.kind == .added }.map { CommitMessage.Named(id: $0.id.rawValue, title: $0.title) },
            changed: filter { $0.kind == .changed }.map { CommitMessage.Changed(id: $0.id.rawValue, title: $0.title, labels: $0.changedLabels) },
            renamed: filter { $0.kind == .renamed }.map { CommitMessage.Renamed(title: $0.title, from: $0.previousID?.rawValue ?? "", to: $0.id.rawValue) },
            deleted: filter { $0.kind == .deleted }.map { CommitMessage.Named(id: $0.id.rawValue, title: $0.title) })
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

    /// The case files added, changed, renamed or deleted since the last commit, read from disk now, in id order.
    /// `storePath` is the store directory. Throws when `git status` fails.
    public func changes(storePath: String) throws(GitResult) -> [StoreChange] {
        try changes(storePath: storePath, among: try changedPaths())
    }

    /// The case files among `paths` (from `storeStatus`) added, changed, renamed or deleted since the last
    /// commit, read from disk now, in id order; the committed versions come from one `git cat-file`.
    /// Throws when git could not give them (a case must never be called added because git failed).
    public func changes(storePath: String, among paths: [String]) throws(GitResult) -> [StoreChange] {
        let names = Set(paths.filter(StoreChange.isCaseFileName)).sorted()
        let committedVersions = try git.objects(names.map { "HEAD:./" + $0 })
        var changes: [StoreChange] = []
        var addedBytes: [CaseID: [UInt8]] = [:]
        var deletedBytes: [CaseID: [UInt8]] = [:]
        for (name, committed) in zip(names, committedVersions) {
            guard let id = CaseID(String(name.dropLast(5))) else { continue }
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
            if change.kind == .added, let current { addedBytes[id] = current }
            if change.kind == .deleted, let committed { deletedBytes[id] = committed }
        }
        // A file gone and its content, unchanged, under a new id: one rename (`casebook rename`).
        for (newID, bytes) in addedBytes.sorted(by: { $0.key < $1.key }) {
            guard let oldID = deletedBytes.keys.sorted().first(where: { deletedBytes[$0] == bytes }),
                  let newPlace = changes.firstIndex(where: { $0.id == newID }) else { continue }
            deletedBytes[oldID] = nil
            changes[newPlace].kind = .renamed
            changes[newPlace].previousID = oldID
            changes[newPlace].before = changes[newPlace].after
            changes.removeAll { $0.id == oldID }
        }
        return changes
    }

    /// Stages the store's changes and commits them — and nothing else — with `message`. Other staged
    /// or changed files in the work tree stay as they were. `status` is the store's status, when already read.
    ///
    /// `git commit --only -- .` is what keeps other staged files out, but it reads every file of the
    /// store again (it starts a fresh index from HEAD, without the stat data that lets git skip
    /// unchanged files): at 10,000 cases most of a sync's own time. When nothing outside the store is
    /// staged and no merge, rebase or cherry-pick is under way (whose commits git makes its own way),
    /// a plain `git commit` of the index commits exactly the same tree. And naming the changed paths to
    /// `git add` spares it a look at every file; past `namedPathLimit` paths, git's matching of every
    /// index entry against every path would cost more.
    public func commitStore(message: String, status: StoreStatus? = nil) -> GitResult {
        // Read while the store is staged: neither changes with it.
        let onlyTheStoreStaged = Background { [self] in operationUnderWay == nil && !hasStagedFilesOutsideStore() }
        let add: GitResult
        if let status, status.paths.count <= Self.namedPathLimit {
            add = status.addable.isEmpty ? GitResult(status: 0, output: "", errorOutput: "")
                : git.run(["add", "--all", "--"] + status.addable)
        } else {
            add = unstagingTemporaryFiles(git.run(["add", "--all", "--", "."]))
        }
        let plain = onlyTheStoreStaged.wait()
        guard add.succeeded else { return add }
        // The message goes through standard input, so nothing in it is read as an option.
        let commit = ["commit", "--quiet", "--file=-"]
        return git.run(plain ? commit : commit + ["--only", "--", "."], input: message)
    }

    /// `added` (an add of the whole store), with the temporary files of saves it took taken out of
    /// the index again: a save under way in another shell, or one killed, is not a change.
    private func unstagingTemporaryFiles(_ added: GitResult) -> GitResult {
        guard added.succeeded else { return added }
        let staged = git.run(["diff", "--cached", "--name-only", "--relative", "-z", "--", "."])
        guard staged.succeeded else { return staged }
        let temporary = staged.output.split(separator: "\0").map(String.init).filter { path in
            CaseStore.isTemporaryName(String(path.split(separator: "/").last ?? ""))
        }
        guard !temporary.isEmpty else { return added }
        return git.run(["rm", "--cached", "--quiet", "--ignore-unmatch", "--"] + temporary)
    }

    /// The most changed paths `commitStore` names to `git add` one by one (beyond it, the whole store).
    static let namedPathLimit = 200

    /// Whether the index holds changes to files outside the store; also when git cannot say (no commit yet).
    func hasStagedFilesOutsideStore() -> Bool {
        let result = git.run(["diff-index", "--cached", "--name-only", "-z", "HEAD"])
        guard result.succeeded else { return true }
        let prefix = storePrefix()
        return result.output.split(separator: "\0").contains { !$0.hasPrefix(prefix) }
    }

    /// The commits that touched the store, or only `fileName` in it, newest first.
    public func log(fileName: String? = nil) -> Result<[LogEntry], GitResult> {
        // One case's history goes on through its renames (`casebook rename` keeps the file's
        // content, which git follows).
        let result = git.run(["log", "--date=short", "--format=%h%x1f%ad%x1f%an%x1f%s%x1e"] + (fileName == nil ? [] : ["--follow"])
                             + ["--", fileName ?? "."])
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
