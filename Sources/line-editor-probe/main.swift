// line-editor-probe: a tiny program for testing LineEditor in a pseudo-terminal.
//
// Reads lines with the prompt "probe> " and prints each result as
// RESULT:<line>, RESULT:<interrupted> or RESULT:<eof>, followed by
// RESULT-HEX:<the line's UTF-8 bytes in hex>.
//
// Options:
//   --history PATH        load the command history from PATH, save it after each line
//   --prefill TEXT        prefill the first line (also: environment PROBE_PREFILL)
//   --field-history A,B   typing "field" reads one line at "field> " with its own
//                         history seeded with A, B; printed as FIELD:<line>
//   --crash-on-completion Tab on exactly "crash" calls fatalError (terminal-restore test)
//   --print-pid           print PID:<pid> first
//   --wake-on-usr1        SIGUSR1 makes another thread wake the reader, which then prints
//                         NOTICE:<how many so far> above the line being edited
import LineEditor
#if canImport(Glibc)
import Glibc
#endif

setUpUTF8Locale()

var historyPath: String?
var prefill = getenv("PROBE_PREFILL").map { String(cString: $0) } ?? ""
var fieldHistory: LineHistory?
var crashOnCompletion = false
var printPID = false
var wakeOnUSR1 = false

var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--history": historyPath = arguments.next()
    case "--prefill": prefill = arguments.next() ?? ""
    case "--field-history":
        let values = (arguments.next() ?? "").split(separator: ",").map(String.init)
        fieldHistory = LineHistory(name: "field", entries: values)
    case "--crash-on-completion": crashOnCompletion = true
    case "--print-pid": printPID = true
    case "--wake-on-usr1": wakeOnUSR1 = true
    default:
        let message = "line-editor-probe: unknown argument \(argument)\n"
        _ = message.withCString { write(2, $0, strlen($0)) }
        exit(2)
    }
}

let candidates = ["資源集団回収", "資源回収", "edit", "exit", "export", "市民等と連携・協力", "show"]

let completer: Completer = { before in
    if crashOnCompletion && before == "crash" { fatalError("crash requested by the test") }
    let word = before.split(separator: " ", omittingEmptySubsequences: false).last.map(String.init) ?? ""
    return CompletionReply(
        replacing: word.unicodeScalars.count,
        candidates: candidates.filter { $0.hasPrefix(word) }
    )
}

let history = LineHistory(name: "command")
if let historyPath {
    do { try history.load(from: historyPath) } catch { print("HISTORY-ERROR:\(error)") }
}

let terminalReader = TerminalLineReader(programName: "line-editor-probe")
let reader: LineReading = terminalReader ?? StreamLineReader()
if printPID { print("PID:\(getpid())") }

var notices = 0
if wakeOnUSR1 {
    wakeReaderOnUSR1()
    terminalReader?.whenWoken = {
        notices += 1
        let line = "NOTICE:\(notices)\n"
        _ = line.withCString { write(1, $0, strlen($0)) }
    }
}

func report(_ tag: String, _ result: LineReadResult) {
    switch result {
    case .line(let text):
        print("\(tag):\(text)")
        print("\(tag)-HEX:" + text.utf8.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined())
    case .interrupted: print("\(tag):<interrupted>")
    case .endOfInput: print("\(tag):<eof>")
    }
}

var first = true
loop: while true {
    let result = reader.readLine(prompt: "probe> ", prefill: first ? prefill : "", history: history, completer: completer)
    first = false
    report("RESULT", result)
    switch result {
    case .endOfInput: break loop
    case .interrupted: continue
    case .line(let text):
        history.add(text)
        if let historyPath {
            do { try history.save(to: historyPath) } catch { print("HISTORY-ERROR:\(error)") }
        }
        if text == "field", let fieldHistory {
            let value = reader.readLine(prompt: "field> ", prefill: "", history: fieldHistory, completer: nil)
            report("FIELD", value)
            if case .line(let entered) = value { fieldHistory.add(entered) }
        }
    }
}
print("BYE")

/// SIGUSR1 is taken by a thread of its own (sigwait), which wakes the reader as the shell's look at
/// its store does when it ends. (A function, not top-level code: the thread is not the main actor's.)
nonisolated func wakeReaderOnUSR1() {
    var usr1 = sigset_t()
    sigemptyset(&usr1)
    sigaddset(&usr1, SIGUSR1)
    pthread_sigmask(SIG_BLOCK, &usr1, nil)
    var waker = pthread_t()
    pthread_create(&waker, nil, { _ in
        var usr1 = sigset_t()
        sigemptyset(&usr1)
        sigaddset(&usr1, SIGUSR1)
        var received: Int32 = 0
        while sigwait(&usr1, &received) == 0 { TerminalLineReader.wake() }
        return nil
    }, nil)
}
