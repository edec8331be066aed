import CasebookCore
import Foundation

/// A git operation that stopped half-way and holds the work tree until it is finished or aborted.
public enum OperationUnderWay: String, Sendable, Equatable {
    case merge
    case rebase
    case cherryPick = "cherry-pick"
    case revert
}

/// One store file git left conflicted, with its three versions from the index's stages
/// (1 base, 2 ours, 3 theirs) — never read back from the markers in the work tree.
public struct ConflictedFile: Sendable {
    /// The file's name in the store (`a.json`).
    public var name: String
    /// The file's path from the top of the work tree (`Store/a.json`), as git names it.
    public var repositoryPath: String
    /// The case, when the name is a case file's.
    public var id: CaseID? {
        name.hasSuffix(".json") && !name.contains("/") ? CaseID(String(name.dropLast(5))) : nil
    }
    /// The common ancestor's version; `nil` when both sides added the file.
    public var base: [UInt8]?
    /// This clone's version; `nil` when this side deleted it.
    public var ours: [UInt8]?
    /// The incoming version; `nil` when that side deleted it.
    public var theirs: [UInt8]?
}

/// Where the repository stands in a merge: which operation is under way, and what is conflicted.
extension GitStore {
    /// The path of `name` inside the repository's git directory (`MERGE_HEAD`, `rebase-merge`…), absolute.
    public func gitPath(_ name: String) -> String? {
        let result = git.run(["rev-parse", "--git-path", name])
        guard result.succeeded else { return nil }
        let path = result.output.trimmingCharacters(in: .newlines)
        return path.hasPrefix("/") ? path : git.directory + "/" + path
    }

    /// The merge, rebase, cherry-pick or revert that is under way, if any (one git run).
    public var operationUnderWay: OperationUnderWay? {
        let result = git.run(["rev-parse"] + Self.operationMarkerArguments)
        guard result.succeeded else { return nil }
        return operation(markedBy: result.output.split(separator: "\n"))
    }

    /// The files in the git directory whose presence says an operation is under way.
    private static let operationMarkers: [(name: String, operation: OperationUnderWay)] = [
        ("MERGE_HEAD", .merge), ("rebase-merge", .rebase), ("rebase-apply", .rebase),
        ("CHERRY_PICK_HEAD", .cherryPick), ("REVERT_HEAD", .revert),
    ]

    /// The `rev-parse` options that print the markers' paths, one line each, in order.
    static var operationMarkerArguments: [String] { operationMarkers.flatMap { ["--git-path", $0.name] } }

    /// The operation whose marker exists, given the lines `operationMarkerArguments` printed.
    func operation(markedBy lines: some Sequence<Substring>) -> OperationUnderWay? {
        let paths = lines.map { path in path.hasPrefix("/") ? String(path) : git.directory + "/" + path }
        for (path, marker) in zip(paths, Self.operationMarkers) where FileSystem.exists(path) { return marker.operation }
        return nil
    }

    /// The store's files that are conflicted in the index, by name, with their three stages.
    public func conflictedFiles() -> [ConflictedFile] {
        let result = git.run(["ls-files", "--unmerged", "-z", "--full-name", "--", "."])
        guard result.succeeded else { return [] }
        let prefix = storePrefix()
        // "<mode> <object> <stage>\t<path>"
        var stages: [String: [Int: String]] = [:]
        var order: [String] = []
        for entry in result.output.split(separator: "\0") {
            guard let tab = entry.firstIndex(of: "\t") else { continue }
            let fields = entry[..<tab].split(separator: " ")
            let path = String(entry[entry.index(after: tab)...])
            guard fields.count == 3, let stage = Int(fields[2]) else { continue }
            if stages[path] == nil { order.append(path) }
            stages[path, default: [:]][stage] = String(fields[1])
        }
        let names = order.flatMap { path in (1...3).map { stages[path]?[$0] ?? "" } }
        guard let contents = try? git.objects(names.map { $0.isEmpty ? "0000000000000000000000000000000000000000" : $0 }) else { return [] }
        return order.enumerated().map { index, path in
            let name = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
            func stage(_ number: Int) -> [UInt8]? {
                stages[path]?[number] == nil ? nil : contents[index * 3 + number - 1]
            }
            return ConflictedFile(name: name, repositoryPath: path, base: stage(1), ours: stage(2), theirs: stage(3))
        }
    }

    /// The case the incoming side renamed conflicted `file` to (`casebook rename` there, while it
    /// was changed here): a case file the incoming side added whose content is exactly `file`'s
    /// common ancestor. `nil` when the incoming side did not delete it, or added no such file.
    public func incomingRename(of file: ConflictedFile) -> CaseID? {
        guard let base = file.base, file.theirs == nil, file.ours != nil else { return nil }
        let added = git.run(["diff", "--name-only", "--relative", "-z", "--diff-filter=A", "--no-renames", "HEAD...MERGE_HEAD", "--", "."])
        guard added.succeeded else { return nil }
        for name in added.output.split(separator: "\0").map(String.init) where name.hasSuffix(".json") && !name.contains("/") {
            guard let id = CaseID(String(name.dropLast(5))), let bytes = try? FileSystem.readFile(git.directory + "/" + name),
                  bytes == base else { continue }
            return id
        }
        return nil
    }

    /// Who made the incoming change to store file `name` in the merge under way, and when: the newest
    /// commit on the merged side (`MERGE_HEAD`) that touched it. `nil` outside a merge.
    public func incomingAuthor(of name: String) -> (name: String, date: String)? {
        let result = git.run(["log", "-1", "--date=short", "--format=%an%x1f%ad", "HEAD..MERGE_HEAD", "--", name])
        let fields = result.output.trimmingCharacters(in: .newlines).split(separator: "\u{1F}", omittingEmptySubsequences: false)
        guard result.succeeded, fields.count == 2 else { return nil }
        return (String(fields[0]), String(fields[1]))
    }
}
