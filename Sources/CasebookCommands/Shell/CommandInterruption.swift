import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C while a command runs in the shell.
///
/// Between lines the terminal turns Ctrl-C into SIGINT, which must never end the shell (SPEC §3.1).
/// The handler only counts it; a command that prints long output (`show`, `list`, `find`, `log`,
/// `diff`) stops printing once it is counted (`TextOutput.stopsWhen`), and the shell says so. A
/// command that changes files does not look: a save or a commit is never cut in half.
enum CommandInterruption {
    /// Ctrl-Cs since the last `clear`. An atomic: the signal handler may touch nothing else.
    private static let count = Atomic<Int>(0)

    /// Counts SIGINT from now on instead of ending the process. A handler rather than SIG_IGN, so
    /// that programs the shell starts (git, $EDITOR, the pager) get the default again at exec.
    static func installHandler() {
        signal(SIGINT) { _ in _ = CommandInterruption.count.add(1, ordering: .relaxed) }
    }

    /// Forgets Ctrl-Cs typed before now (at a prompt, or ahead of a command).
    static func clear() {
        count.store(0, ordering: .relaxed)
    }

    /// Whether Ctrl-C came since the last `clear`.
    static var wasRequested: Bool {
        count.load(ordering: .relaxed) > 0
    }
}
