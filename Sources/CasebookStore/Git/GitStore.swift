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
        let prefix = storePrefix()
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

    /// The store's path inside its work tree (`Store/`), found by looking for `.git` above it,
    /// which saves starting git a second time; git itself is asked when that fails.
    func storePrefix() -> String {
        if ProcessInfo.processInfo.environment["GIT_DIR"] == nil, let real = realpath(git.directory, nil) {
            defer { free(real) }
            var directory = String(cString: real)
            var components: [String] = []
            while true {
                if FileSystem.exists(directory + "/.git") {
                    return components.reversed().map { $0 + "/" }.joined()
                }
                guard let slash = directory.lastIndex(of: "/"), directory != "/" else { break }
                components.append(String(directory[directory.index(after: slash)...]))
                directory = slash == directory.startIndex ? "/" : String(directory[..<slash])
            }
        }
        return git.run(["rev-parse", "--show-prefix"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
