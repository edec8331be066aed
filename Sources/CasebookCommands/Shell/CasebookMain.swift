import ArgumentParser
import CasebookCore
import CMalloc
import Foundation
import LineEditor

/// The program's edge: sets the locale, parses the command line, runs, and turns the outcome
/// into an exit status — 0 success, 1 the command failed, 2 a usage error (SPEC §3.6).
public enum CasebookMain {
    /// Runs `casebook` with the process's arguments and exits.
    public static func main() -> Never {
        setUpUTF8Locale()
        // A command over a large store allocates tens of megabytes in a burst, on every core (the
        // index of ten thousand cases made on first use). Left to itself, malloc grows each heap
        // by what one allocation needs, a system call and a few page faults at a time; grown
        // 16 MiB at a time, a first `find` takes some 5% less CPU. Setting the pad stops glibc
        // from raising its mmap threshold as large blocks are freed, which it otherwise does up
        // to 32 MiB: set to that at once, with the trim threshold it would have reached, so that
        // the large arrays of a Tab at 100,000 cases come from the heap, not from new mappings.
        // Memory grown but never touched is never resident.
        mallopt(M_TOP_PAD, 16 << 20)
        mallopt(M_MMAP_THRESHOLD, 32 << 20)
        mallopt(M_TRIM_THRESHOLD, 64 << 20)
        let screen = HelpScreen.forCommandLine(environment: ProcessInfo.processInfo.environment)
        // SIGQUIT (Ctrl-\ between lines, or `kill -QUIT`) ends casebook as the system does, not
        // through the Swift runtime's crash reporter, which prints a backtrace and waits for a key.
        signal(SIGQUIT, SIG_DFL)
        do {
            var command = try Casebook.parseAsRoot()
            if let outcome = ParserOutcome.of(parsed: command, screen: screen) { finish(outcome) }
            try command.run()
            exit(0)
        } catch {
            finish(ParserOutcome.of(error, screen: screen))
            if let code = error as? ExitCode { exit(code == .validationFailure ? 2 : code.rawValue) }
            // An error of the system's that no command turned into a message of its own.
            let message = ShellMessage.commandFailed(reason: String(describing: error)).text(in: screen.language)
            FileHandle.standardError.write(Data((message + "\n").utf8))
            exit(1)
        }
    }

    /// Prints help (exit 0) or a usage error (exit 2) in the user's language; returns for anything else.
    private static func finish(_ outcome: ParserOutcome) {
        switch outcome {
        case .help(let text):
            // Help, long as it is, goes through the pager on a terminal as the other long outputs.
            let environment = ProcessInfo.processInfo.environment
            if isatty(1) == 1, environment["TERM"] != "dumb", !CommandLine.arguments.contains("--no-pager") {
                Pager.show(Array(text.utf8), environment: environment, width: Pager.screenColumns(), output: TextOutput())
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
            exit(0)
        case .usageError(let text):
            FileHandle.standardError.write(Data((text + "\n").utf8))
            exit(2)
        case .other:
            return
        }
    }
}
