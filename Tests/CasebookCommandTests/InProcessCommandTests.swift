// Commands run in process: a Session with a captured output and scripted lines, on a copy of
// the seed store, then the files read back.
import CasebookCore
import CasebookStore
import Foundation
import LineEditor
import Testing
@testable import CasebookCommands

/// Gives the lines it was made with, then the end of input.
private final class ScriptedLines: LineReading {
    private var lines: [String]
    private(set) var prompts: [String] = []

    init(_ lines: [String]) { self.lines = lines }

    func readLine(prompt: String, prefill: String, history: LineHistory?, completer: Completer?) -> LineReadResult {
        prompts.append(prompt)
        return lines.isEmpty ? .endOfInput : .line(lines.removeFirst())
    }
}

/// A copy of the seed store and a session on it.
private struct InProcessShell {
    let fixture: CommandFixture
    let session: Session
    let captured = TextOutput.Captured()
    let reader: ScriptedLines

    init(lines: [String] = []) throws {
        fixture = try CommandFixture()
        reader = ScriptedLines(lines)
        let environment = fixture.environment(language: "C.UTF-8")
        let store = try CaseStore(path: fixture.store.path, environment: environment)
        session = Session(store: store, output: TextOutput(capturingInto: captured), environment: environment, reader: reader,
                          now: Date(timeIntervalSince1970: 1_764_633_600), terminalAtBothEnds: false)
        session.isShell = true
    }

    /// Runs one shell line; whether it succeeded.
    func run(_ line: String) -> Bool {
        ShellRunner.execute(line, in: session)
    }
}

struct InProcessCommandTests {
    @Test func setSavesTheFieldAndSaysSo() throws {
        let shell = try InProcessShell()
        #expect(shell.run("set shigen-shudan-kaishu form 共催"))
        #expect(shell.captured.output == "Saved shigen-shudan-kaishu.\n")
        #expect(try shell.fixture.sheet("shigen-shudan-kaishu")["form"] as? String == "共催")
    }

    /// A case whose file stops loading between the store's look at it and the export's read (here:
    /// broken after `list`, with no look in between) is left out of the export whole: no page, no
    /// line in the index, not counted.
    @Test func aCaseThatNoLongerLoadsIsLeftOutOfThePagesAndTheIndex() throws {
        let shell = try InProcessShell()
        // More cases than a scan keeps decoded (64), so that the export reads each file again.
        let seeds = try FileManager.default.contentsOfDirectory(atPath: shell.fixture.store.path).filter { $0.hasSuffix(".json") }
        for copy in 0..<2 {
            for (position, name) in seeds.enumerated() {
                try FileManager.default.copyItem(at: shell.fixture.store.appendingPathComponent(name), to: shell.fixture.store.appendingPathComponent("c\(copy)-\(position).json"))
            }
        }
        #expect(shell.run("list"))
        try Data("{ broken".utf8).write(to: shell.fixture.fileURL("komyuniti-koza"))
        let site = shell.fixture.root.appendingPathComponent("site")
        for format in ["html", "md"] {
            #expect(shell.run("export \(format) -o \(site.path)-\(format)"))
            #expect(shell.captured.output.hasSuffix("Wrote 80 cases as \(format == "html" ? "HTML" : "Markdown"): \(site.path)-\(format)\n"),
                    "\(shell.captured.output)")
            let names = try FileManager.default.contentsOfDirectory(atPath: site.path + "-" + format)
            #expect(names.count == 81 && !names.contains("komyuniti-koza.\(format)"), "\(names.sorted())")
            let index = try String(contentsOfFile: site.path + "-" + format + "/index." + format, encoding: .utf8)
            #expect(!index.contains("(komyuniti-koza.\(format))") && !index.contains("\"komyuniti-koza.\(format)\"") && index.contains("80件"))
        }
    }

    @Test func aBadEraYearIsRefusedAndNothingChanges() throws {
        let shell = try InProcessShell()
        let before = try shell.fixture.snapshot()
        #expect(!shell.run("set shigen-shudan-kaishu started 昭和70"))
        #expect(shell.captured.error.contains("昭和 has no year 70"))
        #expect(try shell.fixture.snapshot() == before)
    }

    /// A new case whose creation failed (a full disk) is kept in memory under its id: `save ID`
    /// creates it once it can.
    @Test func aKeptNewCaseIsCreatedBySave() throws {
        let shell = try InProcessShell()
        var sheet = CaseSheet()
        sheet.title = "満杯のときの新規事例"
        let id = try #require(CaseID("manpai-shinki"))
        shell.session.unsavedEdits[id] = sheet
        #expect(shell.run("save manpai-shinki"))
        #expect(try shell.fixture.sheet("manpai-shinki")["title"] as? String == "満杯のときの新規事例")
        #expect(shell.session.unsavedEdits.isEmpty)
    }

    @Test func newWalksEveryFieldFromTheScriptedLines() throws {
        // 事業名, then an empty line for each list or text, a value for each line field.
        let shell = try InProcessShell(lines: ["地域防災訓練", "危機対策課", "", "", "共催", "H30", "4"])
        #expect(shell.run("new chiiki-bosai"))
        let sheet = try shell.fixture.sheet("chiiki-bosai")
        #expect(sheet["title"] as? String == "地域防災訓練")
        #expect(sheet["departments"] as? [String] == ["危機対策課"])
        #expect(sheet["form"] as? String == "共催")
        #expect((sheet["started"] as? [String: Any])?["era"] as? String == "平成")
        #expect(sheet["domain"] as? String == SheetField.domains[3])
        #expect(sheet["status"] as? String == "draft")
        #expect(shell.reader.prompts.starts(with: ["事業名> ", "担当課> "]))
        #expect(shell.session.openCase == CaseID("chiiki-bosai"))
    }

    @Test func approveListsWhatIsMissingAndChangesNothing() throws {
        let shell = try InProcessShell()
        let before = try shell.fixture.snapshot()
        #expect(!shell.run("approve shigen-shudan-kaishu"))
        #expect(shell.captured.error.contains("基本情報"))
        #expect(try shell.fixture.snapshot() == before)
    }

    @Test func openThenShowUsesTheOpenCase() throws {
        let shell = try InProcessShell()
        #expect(shell.run("open 資源"))
        #expect(shell.session.openCase == CaseID("shigen-shudan-kaishu"))
        #expect(shell.run("show basics"))
        #expect(shell.captured.output.contains("資源集団回収"))
        #expect(shell.captured.output.contains("清掃事業課"))
    }

    @Test func anUnknownCommandIsOneLineAndFails() throws {
        let shell = try InProcessShell()
        #expect(!shell.run("frobnicate"))
        #expect(shell.captured.error.contains("frobnicate"))
        #expect(shell.captured.output.isEmpty)
    }
}
