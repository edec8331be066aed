import ArgumentParser
import CasebookCore
import CasebookStore
import Foundation

/// `init [DIR]`: a new store directory with its own git repository and a `.gitattributes` that keeps
/// `*.json` as text with LF line ends, merged by casebook's driver (SPEC §5, §8), which is registered
/// in the clone's config. A directory already inside a repository keeps its files; only the driver's
/// registration is added there when it is missing.
struct InitCommand: ShellCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "init",
            abstract: Help.text("Create a store directory with a git repository.", "git リポジトリ付きのストアを作成します。"),
            discussion: Help.text("Example: casebook init ~/cases; then casebook --store ~/cases. Without DIR: --store, $CASEBOOK_STORE, else Store/.",
                                  "例: casebook init ~/cases、その後 casebook --store ~/cases。DIR を省くと --store、$CASEBOOK_STORE、なければ Store/。"))
    }

    @Argument(help: ArgumentHelp(Help.text("The store directory to create.", "作成するストアのディレクトリ"), valueName: "dir"))
    var directory: String?

    @OptionGroup var storeOptions: StoreOptions

    /// From the command line: the directory need not exist yet.
    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let path = FileSystem.absolutePath(directory ?? Session.storePath(option: storeOptions.store, environment: environment))
        let output = TextOutput()
        do {
            try FileSystem.makeDirectory(path)
        } catch {
            output.error(StoreMessage.saveFailed(path: error.path, reason: error.description).text(in: Language.from(environment: environment)))
            throw ExitCode(1)
        }
        let session = try Session.forCommandLine(storePath: path)
        do {
            try initialise(path, in: session)
        } catch let failure as CommandFailure {
            session.output.error(failure.message)
            throw ExitCode(1)
        }
    }

    func run(in session: Session) throws {
        let path = FileSystem.absolutePath(directory ?? session.store.path)
        do {
            try FileSystem.makeDirectory(path)
        } catch {
            throw CommandFailure(StoreMessage.saveFailed(path: error.path, reason: error.description), in: session)
        }
        try initialise(path, in: session)
    }

    private func initialise(_ path: String, in session: Session) throws {
        let git = GitStore(storePath: path)
        if git.isInRepository {
            session.say(GitMessage.initAlready(path: path, repository: git.topLevel ?? "?"))
            // The clone may not know casebook's merge driver yet (git keeps it out of the repository).
            if let changes = session.registerMergeDriver(), changes.any { session.say(SyncMessage.registered) }
            return
        }
        let result = git.git.run(["init", "--quiet"])
        guard result.succeeded else { throw session.gitFailure(result) }
        // The store's .gitattributes (text, LF line ends, merge=casebook) and the driver in .git/config.
        do {
            _ = try MergeDriverRegistration().register(storePath: path)
        } catch {
            switch error {
            case .git(let result): throw session.gitFailure(result)
            case .file(let failure): throw CommandFailure(StoreMessage.saveFailed(path: failure.path, reason: failure.description), in: session)
            }
        }
        session.say(GitMessage.initCreated(path: path))
    }
}
