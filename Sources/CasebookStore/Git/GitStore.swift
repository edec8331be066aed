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
    /// untracked ones included: `changedPaths` narrowed to case files, for the counts the shell
    /// shows. Empty when the store is not in git or git cannot say; what must not mistake a failure
    /// for "no changes" (`status`, `commit`, `sync`) calls `changedPaths` and sees it throw.
    public func changedFileNames() -> [String] {
        ((try? changedPaths()) ?? []).filter { $0.hasSuffix(".json") && !$0.contains("/") && !$0.hasPrefix(".") }
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
