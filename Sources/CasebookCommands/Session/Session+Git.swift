import CasebookCore
import CasebookStore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What the review and version-control commands share: the store's repository, git's words on
/// failure, the reviewer's name, and cases that may exist only in the last commit.
extension Session {
    /// The store's git repository; a failure that says how to start one when there is none (SPEC §5).
    func repository() throws -> GitStore {
        let git = GitStore(storePath: store.path)
        guard git.isInRepository else { throw notRepositoryFailure }
        return git
    }

    /// The failure of a git command on a store outside git: how to start a repository (SPEC §5).
    var notRepositoryFailure: CommandFailure {
        CommandFailure(GitMessage.notRepository(storePath: store.path), in: self)
    }

    /// The store's changes since the last commit; a failing `git status` is a failure in git's words.
    func changes(in git: GitStore) throws -> [StoreChange] {
        do {
            return try git.changes(storePath: store.path)
        } catch {
            throw gitFailure(error)
        }
    }

    /// A failure carrying git's own words.
    func gitFailure(_ result: GitResult) -> CommandFailure {
        let words = (result.errorOutput + "\n" + result.output)
            .split(whereSeparator: \.isNewline)
            .map { String($0) }
            .filter { !$0.trimmingWhitespace().isEmpty }
        if GitFailureCause(gitWords: result.errorOutput) == .localDisk {
            return CommandFailure(GitMessage.failedForDisk(lines: words), in: self)
        }
        // Another git holds the index: a sync that was stopped may still be finishing its merge
        // (it runs on to its end), or another shell's commit.
        if result.errorOutput.contains("index.lock") && result.errorOutput.contains("File exists") {
            return CommandFailure(GitMessage.failedWhileBusy(lines: words), in: self)
        }
        return CommandFailure(words.isEmpty ? GitMessage.failedStatus(result.status) : GitMessage.failed(lines: words), in: self)
    }

    /// Who gives a review verdict: git's user.name, else the login name (SPEC §4).
    var reviewerName: String {
        if let name = GitStore(storePath: store.path).userName() { return name }
        for variable in ["LOGNAME", "USER"] {
            if let name = environment[variable], !name.isEmpty { return name }
        }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name {
            let text = String(cString: name)
            if !text.isEmpty { return text }
        }
        return "unknown"
    }

    /// The case `reference` names: one in the store, else — for a well-formed id — one that is
    /// among `changes` (a case deleted since the last commit), else the usual failure.
    func resolveCase(_ reference: String?, orAmong changes: [StoreChange]) throws -> CaseID {
        do {
            return try resolveCase(reference)
        } catch {
            if let reference, let id = CaseID(reference), changes.contains(where: { $0.id == id }) { return id }
            throw error
        }
    }

    /// A case's title as messages name it: a placeholder when it has none (messages make it safe to print).
    func shownTitle(_ title: String) -> String {
        title.isEmpty ? "（事業名なし）" : title
    }
}
