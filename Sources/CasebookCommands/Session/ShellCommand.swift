import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A command that runs in a `Session`: the same definition serves `casebook CMD` and the shell.
public protocol ShellCommand: ParsableCommand {
    /// Does the command's work in `session`; throws `CommandFailure` for a failure the user should read.
    func run(in session: Session) throws
}

/// A command that can be given `--store`, and so runs on its own from the command line.
public protocol StoreCommand: ShellCommand {
    /// The `--store` option.
    var storeOptions: StoreOptions { get }
}

extension StoreCommand {
    /// From the command line: open the store, run, and exit 1 on failure.
    public func run() throws {
        let session = try Session.forCommandLine(storePath: storeOptions.store)
        // The process ends when the command does: the session, and the 10,000 cases its store may
        // hold, are left for the kernel to take back whole rather than freed one by one on one core
        // (a twentieth of an export's time).
        _ = Unmanaged.passRetained(session)
        // The index is written beside the command's own work and output, and whole before exit.
        // A reader that stops early (`find … | head`) must not end casebook in the middle of that
        // write: its closed pipe is taken as EPIPE meanwhile, and casebook ends by SIGPIPE, as it
        // would have, once the index is written.
        session.store.writesIndexBeside = true
        let pipeHandler = signal(SIGPIPE, SIG_IGN)
        defer {
            session.store.finishIndexWrites()
            signal(SIGPIPE, pipeHandler)
            if session.output.outputClosed { raise(SIGPIPE) }
        }
        // Files that could not be read are named whenever the command looked at the whole store.
        defer { if session.store.hasScanned { session.reportProblems() } }
        do {
            try Pager.run(in: session, enabled: self is any PagedCommand && !storeOptions.noPager) { try run(in: session) }
        } catch let failure as CommandFailure {
            session.output.error(failure.message)
            throw ExitCode(1)
        }
        if session.exitStatus != 0 { throw ExitCode(session.exitStatus) }
    }
}
