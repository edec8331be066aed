// Signals to the shell on a pseudo-terminal: a lost terminal keeps what was accepted, SIGTERM ends
// casebook alone, SIGQUIT prints no crash report (issue 10).
import CasebookCore
import Foundation
@testable import CasebookTestSupport
import Testing

struct SignalTests {
    /// The pid of the child of `parent` whose command name is `name`, looked up in /proc.
    static func child(of parent: pid_t, named name: String) -> pid_t? {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return nil }
        for entry in entries {
            guard let pid = pid_t(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { continue }
            let command = stat[stat.index(after: open)..<close]
            let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
            if command == name, fields.count > 1, pid_t(fields[1]) == parent { return pid }
        }
        return nil
    }

    /// Whether the terminal is back in its normal (canonical, echoing) mode.
    static func terminalRestored(_ shell: PseudoTerminalSession) -> Bool {
        var settings = termios()
        return tcgetattr(shell.masterFD, &settings) == 0 && (settings.c_lflag & tcflag_t(ICANON)) != 0
            && (settings.c_lflag & tcflag_t(ECHO)) != 0
    }

    @Test(.timeLimit(.minutes(1)), arguments: [SIGHUP, SIGTERM])
    func aSignalInTheMiddleOfAListKeepsTheAcceptedItems(signal: Int32) throws {
        let fixture = try Fixture()
        let shell = try fixture.startShell()
        try shell.ready("casebook> ")
        try shell.answer("new signal-list", thenWaitFor: "事業名> ")
        try shell.answer("地域防災訓練", thenWaitFor: "担当課> ")
        try shell.answer("企画課", thenWaitFor: "担当課> ")
        let mark = try shell.answer("地域福祉課", thenWaitFor: "担当課> ")
        shell.send("途中まで")
        try shell.waitFor("途中まで", after: mark)
        shell.signal(signal)
        #expect(try shell.waitForExit() == 128 + signal)
        let sheet = try SheetCodec.decode(try JSONParser.parse(try fixture.bytes("signal-list")))
        #expect(sheet.departments == ["企画課", "地域福祉課"], "\(shell.report())")
        #expect(Self.terminalRestored(shell))
    }

    @Test(.timeLimit(.minutes(1)))
    func sigtermEndsCasebookAloneNotTheShellThatStartedIt() throws {
        let fixture = try Fixture()
        let script = #"sleep 30 & echo "sleep:$!"; "$0" --store "$1"; echo "survived:$?"; sleep 2"#
        let shell = try PseudoTerminalSession(executable: "/bin/sh", arguments: ["-c", script, Fixture.executable, fixture.store.path],
                                              environment: fixture.environment(), workingDirectory: fixture.root.path,
                                              rows: 40, columns: 100)
        let sleepLine = try shell.waitForLine(startingWith: "sleep:")
        let sleeper = pid_t(sleepLine.trimmingCharacters(in: .whitespacesAndNewlines))
        try shell.ready("casebook> ")
        let casebook = try #require(Self.child(of: shell.pid, named: "casebook"))
        kill(casebook, SIGTERM)
        let survived = try shell.waitForLine(startingWith: "survived:")
        #expect(survived.hasPrefix(String(128 + SIGTERM)), "casebook ended by SIGTERM: \(survived)")
        let sleeperPid = try #require(sleeper)
        #expect(kill(sleeperPid, 0) == 0, "the shell's other child still runs")
        #expect(Self.terminalRestored(shell))
        kill(sleeperPid, SIGKILL)
    }

    @Test(.timeLimit(.minutes(1)))
    func sigquitEndsTheShellWithoutACrashReport() throws {
        let fixture = try Fixture()
        let shell = try fixture.startShell()
        let mark = try shell.ready("casebook> ")
        shell.signal(SIGQUIT)
        // No key is pressed: a crash reporter waiting for one would time this out.
        let status = try shell.waitForExit(timeout: 5)
        #expect(status == 128 + SIGQUIT)
        let printed = shell.visibleText(after: mark)
        #expect(!printed.contains("Crash") && !printed.contains("Backtrace") && !printed.contains("Press"), "\(printed)")
        #expect(Self.terminalRestored(shell))
    }
}
