// `casebook export` as a person or a script runs it: what it writes, what it refuses, and the
// progress line that shows on a terminal and nowhere else.
import CasebookCore
import CasebookStore
import Foundation
@testable import CasebookTestSupport
import Testing

@Suite struct ExportCommandTests {
    @Test func htmlWritesAPagePerCaseAndAnIndex() throws {
        let world = try ExportWorld()
        let result = try world.run(["export", "html", "-o", "site"])
        #expect(result.status == 0, "\(result.all)")
        #expect(result.out == "Wrote 27 cases as HTML: \(world.url("site").path)\n")
        let names = try FileManager.default.contentsOfDirectory(atPath: world.url("site").path).sorted()
        #expect(names.count == 28)
        #expect(names.contains("index.html") && names.contains("shigen-shudan-kaishu.html"))
        #expect(result.err.isEmpty, "no progress in a pipe: \(result.err)")
    }

    /// Pages are overwritten in place: one that was longer is cut to the new page, one that was
    /// shorter is the new page whole, and a file the export does not name is left alone.
    @Test func exportingAgainIntoTheSameFolderGivesTheSamePagesAndKeepsOtherFiles() throws {
        let world = try ExportWorld()
        #expect(try world.run(["export", "html", "-o", "first"]).status == 0)
        #expect(try world.run(["export", "md", "-o", "first-md"]).status == 0)
        let fresh = try world.writtenFiles()
        for (format, folder, page) in [("html", "again", "shigen-shudan-kaishu.html"), ("md", "again-md", "shigen-shudan-kaishu.md")] {
            #expect(try world.run(["export", format, "-o", folder]).status == 0)
            try Data(repeating: UInt8(ascii: "x"), count: 100_000).write(to: world.url("\(folder)/\(page)"))
            try Data("短".utf8).write(to: world.url("\(folder)/index.\(format)"))
            try Data("mine".utf8).write(to: world.url("\(folder)/notes.txt"))
            let again = try world.run(["export", format, "-o", folder])
            #expect(again.status == 0, "\(again.all)")
        }
        let written = try world.writtenFiles()
        for (name, bytes) in fresh {
            let folder = name.hasPrefix("first-md/") ? "again-md/" : "again/"
            let other = folder + name.drop { $0 != "/" }.dropFirst()
            #expect(written[other] == bytes, "\(other) differs from \(name)")
        }
        #expect(written["again/notes.txt"] == Data("mine".utf8) && written["again-md/notes.txt"] == Data("mine".utf8))
    }

    /// Exporting again leaves a page that has not changed as it is (same file, not rewritten) and
    /// replaces one that has in one step (a new file renamed over it).
    @Test func exportingAgainRewritesOnlyThePagesThatChanged() throws {
        let world = try ExportWorld()
        #expect(try world.run(["export", "html", "-o", "out"]).status == 0)
        func inode(_ page: String) throws -> UInt64 {
            try #require(FileManager.default.attributesOfItem(atPath: world.url("out/\(page)").path)[.systemFileNumber] as? UInt64)
        }
        let (kept, changed) = ("komyuniti-koza.html", "shigen-shudan-kaishu.html")
        let before = (kept: try inode(kept), changed: try inode(changed))
        #expect(try world.run(["set", "shigen-shudan-kaishu", "form", "共催"]).status == 0)
        #expect(try world.run(["export", "html", "-o", "out"]).status == 0)
        #expect(try inode(kept) == before.kept)
        #expect(try inode(changed) != before.changed)
        #expect(try String(contentsOf: world.url("out/\(changed)"), encoding: .utf8).contains("共催"))
        #expect(try !FileManager.default.contentsOfDirectory(atPath: world.url("out").path).contains { $0.contains(".tmp-") })
        // A temporary page an export killed half-way left is swept by the next export.
        try Data("<!DOCTYPE html><p>cut".utf8).write(to: world.url("out/.komyuniti-koza.html.tmp-KILLED"))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: world.url("out/.komyuniti-koza.html.tmp-KILLED").path)
        #expect(try world.run(["export", "html", "-o", "out"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: world.url("out/.komyuniti-koza.html.tmp-KILLED").path))
    }

    /// An export that cannot write (here a file size limit, as a full disk would) leaves every
    /// page of the last export whole, adds no empty or cut-off page, and names what it could not
    /// write and how many more.
    @Test func anExportThatCannotWriteLeavesTheLastExportWhole() throws {
        let world = try ExportWorld()
        #expect(try world.run(["export", "html", "-o", "out"]).status == 0)
        let before = try world.writtenFiles()
        #expect(try world.run(["set", "shigen-shudan-kaishu", "form", "共催"]).status == 0)
        #expect(try world.run(["set", "komyuniti-koza", "form", "共催"]).status == 0)
        try world.add("atarashii-jirei", bytes: Array(try Data(contentsOf: world.store.appendingPathComponent("komyuniti-koza.json"))))
        // Files of at most 4 blocks of 512 bytes, and a write past it fails (EFBIG) instead of
        // ending the process (SIGXFSZ ignored).
        let script = "ulimit -f 4; trap '' XFSZ; exec \"$0\" \"$@\""
        let limited = try BuiltProgram.run("/bin/sh", ["-c", script, BuiltProgram.casebook, "export", "html", "-o", "out", "--store", world.store.path],
                                           environment: world.environment(), in: world.root)
        #expect(limited.status == 1, "\(limited.all)")
        #expect(limited.err.contains("Could not write") && limited.err.contains("other files"), "\(limited.err)")
        let after = try world.writtenFiles()
        for (name, bytes) in before { #expect(after[name] == bytes, "\(name) changed") }
        #expect(after["out/atarashii-jirei.html"] == nil, "a page that could not be written whole is not left")
        #expect(!after.keys.contains { $0.contains(".tmp-") }, "\(after.keys.sorted())")
    }

    /// A symbolic link where a page goes is refused, not written through to what it points at.
    @Test func aSymbolicLinkInTheOutputFolderIsNotWrittenThrough() throws {
        let world = try ExportWorld()
        try FileManager.default.createDirectory(at: world.url("out"), withIntermediateDirectories: true)
        try Data("IMPORTANT\n".utf8).write(to: world.url("victim.txt"))
        try FileManager.default.createSymbolicLink(atPath: world.url("out/index.html").path, withDestinationPath: world.url("victim.txt").path)
        let result = try world.run(["export", "html", "-o", "out"])
        #expect(result.status == 1)
        #expect(result.err.contains("out/index.html") && result.err.contains("symbolic link"), "\(result.err)")
        #expect(try Data(contentsOf: world.url("victim.txt")) == Data("IMPORTANT\n".utf8))
        #expect(FileManager.default.fileExists(atPath: world.url("out/shigen-shudan-kaishu.html").path))
        let japanese = try world.run(["export", "html", "-o", "out"], language: "ja_JP.UTF-8")
        #expect(japanese.err.contains("シンボリックリンクか通常のファイルではないため"), "\(japanese.err)")
    }

    @Test func aHostileCaseFileExportsAsText() throws {
        let world = try ExportWorld()
        try world.add("hostile", bytes: Hostile.fileBytes)
        for format in ["html", "md"] {
            let result = try world.run(["export", format, "hostile", "-o", format])
            #expect(result.status == 0, "\(result.all)")
            for name in try FileManager.default.contentsOfDirectory(atPath: world.url(format).path) {
                let text = try String(contentsOf: world.url("\(format)/\(name)"), encoding: .utf8)
                // In Markdown a backslash before < makes it text.
                #expect(!text.replacingOccurrences(of: "\\<", with: "").lowercased().contains("<script"), "\(format)/\(name)")
                #expect(!text.unicodeScalars.contains { $0 == "\u{202E}" || $0 == "\u{1B}" }, "\(format)/\(name)")
            }
        }
        // The terminal never gets the case's escape sequence either.
        let listed = try world.run(["export", "md", "hostile", "-o", "md"])
        #expect(!listed.all.unicodeScalars.contains { $0 == "\u{1B}" })
    }

    @Test func anUnreadableFileIsNamedAndTheOthersExported() throws {
        let world = try ExportWorld()
        try world.add("kowareta", bytes: Array("{ not json".utf8))
        let result = try world.run(["export", "md", "-o", "md"])
        #expect(result.status == 0, "\(result.all)")
        #expect(result.err.contains("kowareta.json"), "\(result.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: world.url("md").path).count == 28)
        #expect(try Data(contentsOf: world.store.appendingPathComponent("kowareta.json")) == Data("{ not json".utf8))
    }

    @Test func namedCasesAndStatusSelect() throws {
        let world = try ExportWorld()
        var approved = CaseSheet()
        approved.title = "承認された事例"
        // Approved as casebook approves: every section ok, each verdict on the section as it is.
        for section in SheetSection.allCases {
            approved.review[section] = ReviewVerdict(state: .ok, by: "査読 花子", at: "2026-12-01", note: "", hash: SectionHash.of(section, in: approved))
        }
        approved.status = .approved
        try world.add("shonin-zumi", bytes: CanonicalJSONWriter.bytes(of: SheetCodec.encode(approved)))
        // html chooses from the store's index, the other formats from the decoded cases: the same choice.
        for format in ["md", "html"] {
            let byStatus = try world.run(["export", format, "--status", "approved", "-o", "\(format)-approved"])
            #expect(byStatus.status == 0, "\(byStatus.all)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: world.url("\(format)-approved").path).sorted()
                    == ["index.\(format)", "shonin-zumi.\(format)"])
            let named = try world.run(["export", format, "資源", "obihiro-no-mori-z", "-o", "\(format)-two"])
            #expect(named.status == 0, "\(named.all)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: world.url("\(format)-two").path).sorted()
                    == ["index.\(format)", "obihiro-no-mori-zukuri-kyogikai.\(format)", "shigen-shudan-kaishu.\(format)"])
        }
        // In the order named, in the table of contents too.
        let contents = try String(contentsOf: world.url("html-two/index.html"), encoding: .utf8)
        let first = try #require(contents.range(of: "shigen-shudan-kaishu.html")), second = try #require(contents.range(of: "obihiro-no-mori-zukuri-kyogikai.html"))
        #expect(first.lowerBound < second.lowerBound)
    }

    /// Exporting html or md again makes only the pages whose case changed or whose file is not as
    /// the last export left it, and the index when any case changed; every other page is left as
    /// it is without being made again. A page is taken as up to date only once it has been
    /// unchanged for two seconds (the clock may not have ticked since an edit).
    @Test(arguments: [("html", "HTML"), ("md", "Markdown")])
    func exportingAgainMakesOnlyWhatChanged(format: String, name: String) throws {
        let world = try ExportWorld()
        let folder = world.url("site").path
        let wrote = "Wrote 27 cases as \(name): \(folder)"
        let first = try world.run(["export", format, "-o", "site"])
        #expect(first.out == wrote + "\n", "\(first.all)")
        let fresh = try world.writtenFiles()
        // Every page was written just now, so none is recorded yet: the next export makes them all
        // again (and writes none, since none differs); once they are two seconds old they are recorded.
        usleep(2_100_000)
        #expect(try world.run(["export", format, "-o", "site"]).out == wrote + "\n")
        let third = try world.run(["export", format, "-o", "site"])
        #expect(third.status == 0 && third.out == wrote + " (27 pages were up to date and not made again)\n", "\(third.all)")
        let japanese = try world.run(["export", format, "-o", "site"], language: "ja_JP.UTF-8")
        #expect(japanese.out == "27 件を \(name) で書き出しました: \(folder)（前回から変わっていない 27 ページは作り直していません）\n", "\(japanese.all)")
        #expect(try world.writtenFiles() == fresh)

        // A case changed: its page and the index are made again, nothing else.
        #expect(try world.run(["set", "shigen-shudan-kaishu", "form", "共催と委託"]).status == 0)
        let afterEdit = try world.run(["export", format, "-o", "site"])
        #expect(afterEdit.out.hasSuffix("(26 pages were up to date and not made again)\n"), "\(afterEdit.all)")
        #expect(try String(contentsOf: world.url("site/shigen-shudan-kaishu.\(format)"), encoding: .utf8).contains("共催と委託"))
        #expect(try String(contentsOf: world.url("site/index.\(format)"), encoding: .utf8).contains("共催と委託"))

        // Pages edited, removed or replaced by hand are made again, whatever the ledger says.
        try Data("edited by hand".utf8).write(to: world.url("site/komyuniti-koza.\(format)"))
        try FileManager.default.removeItem(at: world.url("site/obihiro-no-mori-zukuri-kyogikai.\(format)"))
        let afterHands = try world.run(["export", format, "-o", "site"])
        // 27 less the two touched, less the page edited above (written too recently to be recorded).
        #expect(afterHands.out.hasSuffix("(24 pages were up to date and not made again)\n"), "\(afterHands.all)")
        let restored = try world.writtenFiles()
        for page in ["komyuniti-koza", "obihiro-no-mori-zukuri-kyogikai"] {
            #expect(restored["site/\(page).\(format)"] == fresh["site/\(page).\(format)"], "\(page) is not as the export makes it")
        }

        // A page turned into a link is refused, as on a first export, not taken as up to date.
        usleep(2_100_000)
        _ = try world.run(["export", format, "-o", "site"])
        try Data("IMPORTANT\n".utf8).write(to: world.url("victim.txt"))
        try FileManager.default.removeItem(at: world.url("site/komyuniti-koza.\(format)"))
        try FileManager.default.createSymbolicLink(atPath: world.url("site/komyuniti-koza.\(format)").path, withDestinationPath: world.url("victim.txt").path)
        let linked = try world.run(["export", format, "-o", "site"])
        #expect(linked.status == 1 && linked.err.contains("site/komyuniti-koza.\(format)"), "\(linked.all)")
        #expect(try Data(contentsOf: world.url("victim.txt")) == Data("IMPORTANT\n".utf8))
    }

    /// An export of every case is the whole publication: the pages an earlier export made for
    /// cases no longer in it (removed, or unreadable now) are taken away, when they still hold the
    /// bytes that export wrote — even right after it, and under another build. A page edited
    /// since, and any other file, is left; an export of named cases takes nothing away, and
    /// neither does one that failed.
    @Test(arguments: [("html", "HTML"), ("md", "Markdown")])
    func pagesOfCasesNoLongerExportedAreRemoved(format: String, name: String) throws {
        let world = try ExportWorld()
        #expect(try world.run(["export", format, "-o", "site"]).status == 0)
        try FileManager.default.removeItem(at: world.store.appendingPathComponent("komyuniti-koza.json"))
        try Data("{ broken".utf8).write(to: world.store.appendingPathComponent("chotto-kurashi-sapoto-jigyo.json"))
        try FileManager.default.removeItem(at: world.store.appendingPathComponent("shigen-shudan-kaishu.json"))
        try Data("edited by hand".utf8).write(to: world.url("site/shigen-shudan-kaishu.\(format)"))
        try Data("mine".utf8).write(to: world.url("site/notes.txt"))

        let named = try world.run(["export", format, "obihiro-no-mori-z", "-o", "site"])
        #expect(named.status == 0 && !named.out.contains("Removed"), "\(named.all)")
        #expect(FileManager.default.fileExists(atPath: world.url("site/komyuniti-koza.\(format)").path))

        // An export that fails (a link where a page goes) takes nothing away.
        try Data("IMPORTANT\n".utf8).write(to: world.url("victim.txt"))
        let linked = world.url("site/obihiro-no-mori-zukuri-kyogikai.\(format)")
        let page = try Data(contentsOf: linked)
        try FileManager.default.removeItem(at: linked)
        try FileManager.default.createSymbolicLink(atPath: linked.path, withDestinationPath: world.url("victim.txt").path)
        let failed = try world.run(["export", format, "-o", "site"])
        #expect(failed.status == 1 && !failed.out.contains("Removed"), "\(failed.all)")
        #expect(FileManager.default.fileExists(atPath: world.url("site/komyuniti-koza.\(format)").path))
        try FileManager.default.removeItem(at: linked)
        try page.write(to: linked)

        // A ledger naming a file outside the folder (damaged, or written by someone else) never
        // makes the export remove it: only a case's page name is taken away.
        let ledgerPath = try #require(ExportLedger.path(ofFolder: world.url("site").path, format: format, environment: world.environment()))
        var ledger = ExportLedger.read(ledgerPath, renderer: 0)
        let victim = try Data(contentsOf: world.url("victim.txt"))
        ledger.record("../victim.txt", source: 0, content: Checksum.of(Array(victim)),
                      file: FileSystem.fingerprint(world.url("victim.txt").path), since: FileSystem.nowNanoseconds())
        ledger.write(to: ledgerPath)

        let every = try world.run(["export", format, "-o", "site"])
        #expect(every.status == 0, "\(every.all)")
        #expect(every.out.hasPrefix("Wrote 24 cases as \(name)"), "\(every.out)")
        #expect(every.out.hasSuffix("Removed 2 pages of cases not in this export (made by an earlier export and unchanged since): "
                                    + "chotto-kurashi-sapoto-jigyo.\(format), komyuniti-koza.\(format)\n"), "\(every.out)")
        #expect(FileManager.default.fileExists(atPath: world.url("victim.txt").path))
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: world.url("site").path))
        #expect(!names.contains("komyuniti-koza.\(format)") && !names.contains("chotto-kurashi-sapoto-jigyo.\(format)"))
        #expect(names.contains("shigen-shudan-kaishu.\(format)") && names.contains("notes.txt"), "\(names.sorted())")
        #expect(names.count == 24 + 1 + 2, "the pages, the index, the edited page and notes.txt: \(names.sorted())")
        let again = try world.run(["export", format, "-o", "site"])
        #expect(!again.out.contains("Removed"), "\(again.out)")
    }

    /// When no case has the status asked for any more, a folder an export of every case published
    /// into is emptied of the pages casebook made there; its index lists none. A folder nothing
    /// was published into is refused, as before, and left unmade.
    @Test func aStatusWithNoCaseLeftEmptiesTheFolderItPublished() throws {
        let world = try ExportWorld()
        #expect(try world.run(["export", "html", "--status", "review", "-o", "never"]).status == 1)
        #expect(!FileManager.default.fileExists(atPath: world.url("never").path))
        #expect(try world.run(["export", "html", "-o", "site"]).status == 0)
        try Data("mine".utf8).write(to: world.url("site/notes.txt"))
        let emptied = try world.run(["export", "html", "--status", "approved", "-o", "site"])
        #expect(emptied.status == 0, "\(emptied.all)")
        #expect(emptied.out.hasPrefix("Wrote 0 cases as HTML") && emptied.out.contains("Removed 27 pages"), "\(emptied.out)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: world.url("site").path).sorted() == ["index.html", "notes.txt"])
        #expect(try String(contentsOf: world.url("site/index.html"), encoding: .utf8).contains("（0件）"))
    }

    /// A page changed while the export runs — after the export made or compared it — is not
    /// taken as the export's own, even when the export ends long after the change: the next
    /// export makes it again.
    @Test func aPageChangedWhileTheExportRunsIsMadeAgainNextTime() throws {
        let world = try ExportWorld()
        // A store large enough that the export is still running when it is stopped.
        let seeds = try FileManager.default.contentsOfDirectory(atPath: world.store.path).filter { $0.hasSuffix(".json") }
        for copy in 0..<40 {
            for (position, name) in seeds.enumerated() {
                try FileManager.default.copyItem(at: world.store.appendingPathComponent(name), to: world.store.appendingPathComponent("c\(copy)-\(position).json"))
            }
        }
        #expect(try world.run(["export", "html", "-o", "fresh"]).status == 0)
        let process = try world.start(["export", "html", "-o", "site"])
        var page: String?
        while page == nil && process.isRunning {
            page = (try? FileManager.default.contentsOfDirectory(atPath: world.url("site").path))?.first { $0.hasSuffix(".html") && !$0.hasPrefix(".") }
            usleep(500)
        }
        kill(process.processIdentifier, SIGSTOP)
        let stopped = process.isRunning
        let changed = try #require(page)
        try Data("changed while the export ran".utf8).write(to: world.url("site/\(changed)"))
        usleep(2_100_000)
        kill(process.processIdentifier, SIGCONT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        try #require(stopped, "the export ended before it could be stopped: nothing was tested")
        let again = try world.run(["export", "html", "-o", "site"])
        #expect(again.status == 0, "\(again.all)")
        #expect(try Data(contentsOf: world.url("site/\(changed)")) == Data(contentsOf: world.url("fresh/\(changed)")), "\(again.out)")
    }

    /// Two exports into one new folder at once both succeed: a page the other made first is
    /// compared, not refused as "File exists".
    @Test func twoExportsIntoOneNewFolderAtOnceBothSucceed() throws {
        let world = try ExportWorld()
        #expect(try world.run(["export", "html", "-o", "fresh"]).status == 0)
        for round in 0..<3 {
            // One started and left running, the other run beside it.
            let first = try world.start(["export", "html", "-o", "both-\(round)"])
            let second = try world.run(["export", "html", "-o", "both-\(round)"])
            first.waitUntilExit()
            #expect(first.terminationStatus == 0 && second.status == 0, "\(second.all)")
            let written = try world.writtenFiles()
            for (name, bytes) in written where name.hasPrefix("fresh/") {
                #expect(written["both-\(round)/" + name.dropFirst(6)] == bytes, "\(name)")
            }
        }
    }

    /// A case whose id is `index` would have the table of contents' name: refused, naming it.
    @Test func aCaseWithTheIdIndexIsRefusedBeforeAnythingIsWritten() throws {
        let world = try ExportWorld()
        try world.add("index", bytes: Array(try Data(contentsOf: world.store.appendingPathComponent("komyuniti-koza.json"))))
        for format in ["html", "md"] {
            let result = try world.run(["export", format, "-o", format])
            #expect(result.status == 1)
            #expect(result.err.contains("The case index cannot be exported as \(format): its page would be index.\(format), the table of contents."),
                    "\(result.err)")
            #expect(try world.writtenFiles().isEmpty)
        }
        #expect(try world.run(["export", "csv", "-o", "all.csv"]).status == 0, "csv has no page of its own")
    }

    @Test func badInputIsRefusedAndWritesNothing() throws {
        let world = try ExportWorld()
        let cases: [([String], Int32, String)] = [
            (["export", "docx"], 2, "There is no format “docx”. FORMAT is one of: html, pdf, csv, md."),
            (["export", "html", "--encoding", "cp932"], 2, "--encoding is for csv only."),
            (["export", "csv", "--encoding", "latin1"], 2, "There is no encoding “latin1”. --encoding takes: utf-8, cp932."),
            (["export", "html", "--status", "done"], 2, "--status takes draft, review or approved, not “done”."),
            (["export", "html", "-o", "-"], 2, "-o - (standard output) is for csv only"),
            (["export", "html", "--status", "approved"], 1, "No case has status approved; nothing was written."),
            (["export", "csv", "no-such-case"], 1, "no-such-case"),
        ]
        for (arguments, status, message) in cases {
            let result = try world.run(arguments)
            #expect(result.status == status, "\(arguments): \(result.all)")
            #expect(result.err.contains(message), "\(arguments): \(result.err)")
            #expect(try world.writtenFiles().isEmpty, "\(arguments) wrote something")
        }
        try Data("not a folder".utf8).write(to: world.url("taken"))
        let inTheWay = try world.run(["export", "html", "-o", "taken"])
        #expect(inTheWay.status == 1 && inTheWay.err.contains("is a file, not a folder"), "\(inTheWay.all)")
        // A folder that cannot be made: the system's words, not Foundation's.
        let under = try world.run(["export", "html", "-o", "taken/pages"])
        #expect(under.status == 1 && under.err.contains("Could not write taken/pages: Not a directory"), "\(under.all)")
    }

    @Test func csvToAFileAndToStandardOutput() throws {
        let world = try ExportWorld()
        let toFile = try world.run(["export", "csv", "-o", "cases.csv"])
        #expect(toFile.status == 0, "\(toFile.all)")
        let bytes = [UInt8](try Data(contentsOf: world.url("cases.csv")))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let toOutput = try world.run(["export", "csv", "-o", "-"])
        #expect(toOutput.status == 0)
        #expect(Array(toOutput.out.utf8) == bytes)
    }

    @Test func cp932FailureNamesTheCaseFieldAndCharacterAndWritesNothing() throws {
        let world = try ExportWorld()
        var sheet = CaseSheet()
        sheet.title = "𠮷野家との協働"
        try world.add("yoshinoya", bytes: CanonicalJSONWriter.bytes(of: SheetCodec.encode(sheet)))
        for (language, message) in [("C.UTF-8", "Case yoshinoya, 事業名: the character “𠮷” (U+20BB7) cannot be written in cp932. Nothing was written."),
                                    ("ja_JP.UTF-8", "事例 yoshinoya の「事業名」にある文字「𠮷」（U+20BB7）は cp932 で表せません。何も書き出していません。")] {
            let result = try world.run(["export", "csv", "--encoding", "cp932", "-o", "cases.csv"], language: language)
            #expect(result.status == 1, "\(result.all)")
            #expect(result.err.contains(message), "\(result.err)")
            #expect(!result.all.contains("?"))
            #expect(try world.writtenFiles().isEmpty)
        }
        let others = try world.run(["export", "csv", "--encoding", "cp932", "--status", "draft", "資源", "-o", "one.csv"])
        #expect(others.status == 0, "\(others.all)")
    }

    @Test func withoutChromiumThePDFExportSaysWhatToInstallAndWritesTheHTML() throws {
        let world = try ExportWorld()
        let empty = world.url("no-programs")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        // What an export killed while printing left (its process gone), and one still printing.
        var gone: pid_t = 4_000_000
        while kill(gone, 0) == 0 || errno != ESRCH { gone -= 1 }
        try Data("%PDF-".utf8).write(to: world.url("book.pdf.tmp-\(gone)"))
        try Data("%PDF-".utf8).write(to: world.url("book.pdf.tmp-\(getpid())"))
        let result = try world.run(["export", "pdf", "-o", "book.pdf"], path: empty.path)
        #expect(!FileManager.default.fileExists(atPath: world.url("book.pdf.tmp-\(gone)").path), "swept")
        #expect(FileManager.default.fileExists(atPath: world.url("book.pdf.tmp-\(getpid())").path), "a live print's is left")
        #expect(result.status == 1, "\(result.all)")
        #expect(result.err.contains("Chromium was not found, so no PDF was made. The HTML is written: \(world.url("book.html").path)"), "\(result.err)")
        #expect(result.err.contains("apt-get install chromium fonts-morisawa-bizud-gothic"))
        let html = try String(contentsOf: world.url("book.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "<article class=\"sheet\"").count == 28)
        #expect(!FileManager.default.fileExists(atPath: world.url("book.pdf").path))
        let japanese = try world.run(["export", "pdf", "-o", "book.pdf"], language: "ja_JP.UTF-8", path: empty.path)
        #expect(japanese.err.contains("Chromium が見つからないため PDF を作れませんでした。"), "\(japanese.err)")
    }

    @Test func progressShowsOnATerminalAsCountAndPercentage() throws {
        let world = try ExportWorld()
        var environment = world.environment()
        environment["TERM"] = "xterm"
        let session = try PseudoTerminalSession(executable: BuiltProgram.casebook,
                                                arguments: ["export", "md", "-o", "md", "--store", world.store.path],
                                                environment: environment, workingDirectory: world.root.path)
        #expect(try session.waitForExit(timeout: 60) == 0, "\(session.report())")
        let raw = session.text
        #expect(raw.contains("\r\u{1B}[KExporting 27/27 cases (100%)"), "\(session.report())")
        #expect(raw.contains("Exporting 1/27 cases (3%)"), "\(session.report())")
        #expect(raw.contains("\r\u{1B}[K"), "the line is erased when done")
        #expect(session.screen.text.contains("Wrote 27 cases as Markdown"))
        #expect(!session.screen.text.contains("Exporting"), "the progress line is gone")
    }
}
