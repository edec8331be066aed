import Foundation

/// The store's place in git: whether it is in a work tree, and which case files differ from HEAD.
public struct GitStore: Sendable {
    /// The runner, in the store directory.
    public let git: GitRunner

    /// The store at `path`.
    public init(storePath: String) {
        git = GitRunner(directory: storePath)
    }

    /// Whether the store is inside a git work tree.
    public var isInRepository: Bool {
        let result = git.run(["rev-parse", "--is-inside-work-tree"])
        return result.succeeded && result.output.hasPrefix("true")
    }

    /// The case files (names in the store) added, changed or deleted since the last commit,
    /// untracked ones included; empty when the store is not in git.
    public func changedFileNames() -> [String] {
        let result = git.run(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--", "."])
        guard result.succeeded else { return [] }
        var names: [String] = []
        let prefix = git.run(["rev-parse", "--show-prefix"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        var entries = result.output.split(separator: "\0", omittingEmptySubsequences: true).makeIterator()
        while let entry = entries.next() {
            guard entry.count > 3 else { continue }
            let status = entry.prefix(2)
            var path = String(entry.dropFirst(3))
            if status.contains("R") || status.contains("C") { _ = entries.next() }
            if path.hasPrefix(prefix) { path.removeFirst(prefix.count) }
            if path.hasSuffix(".json"), !path.contains("/") { names.append(path) }
        }
        return names
    }
}
