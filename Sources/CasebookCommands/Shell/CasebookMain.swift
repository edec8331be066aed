import ArgumentParser
import Foundation
import LineEditor

/// The program's edge: sets the locale, parses the command line, runs, and turns the outcome
/// into an exit status — 0 success, 1 the command failed, 2 a usage error (SPEC §3.6).
public enum CasebookMain {
    /// Runs `casebook` with the process's arguments and exits.
    public static func main() -> Never {
        setUpUTF8Locale()
        do {
            var command = try Casebook.parseAsRoot()
            try command.run()
            exit(0)
        } catch {
            let code = Casebook.exitCode(for: error)
            let message = Casebook.fullMessage(for: error)
            if code == .success {
                // Help, long as it is, goes through the pager on a terminal as the other long outputs.
                let environment = ProcessInfo.processInfo.environment
                if !message.isEmpty, isatty(1) == 1, environment["TERM"] != "dumb", !CommandLine.arguments.contains("--no-pager") {
                    Pager.show(Array((message + "\n").utf8), environment: environment, width: Pager.screenColumns(), output: TextOutput())
                } else if !message.isEmpty {
                    print(message)
                }
                exit(0)
            }
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
