// The sheets in a real browser: headless Chromium prints the 27 seed sheets to 27 A4 pages in
// fonts that embed as TrueType, every title is in the PDF's text, the DOM of the laid-out
// book has no line starting with a forbidden character and no sheet taller than a page, and a
// screenshot of one sheet is taken. CI installs Chromium and poppler (scripts/install-deps
// --export), so these run there; without them they fail saying what to install.
import CasebookCore
import CasebookExport
import CasebookStore
import Foundation
@testable import CasebookTestSupport
import Testing

enum Browser {
    static let environment = ProcessInfo.processInfo.environment

    /// Chromium, or a failure that says how to get it.
    static func chromium() throws -> Chromium {
        try #require(Chromium.find(environment: environment),
                     "Chromium is not installed: run scripts/install-deps --export (apt-get install chromium fonts-morisawa-bizud-gothic fonts-ipamj-mincho poppler-utils)")
    }

    /// A poppler tool's output.
    static func poppler(_ tool: String, _ arguments: [String]) throws -> String {
        let outcome = ChildProcess.run(tool, arguments, environment: environment, timeLimit: 60)
        try #require(outcome.status == 0, "\(tool) failed (\(outcome.status)): install poppler-utils. \(String(decoding: outcome.errorOutput, as: UTF8.self))")
        return String(decoding: outcome.output, as: UTF8.self)
    }
}

@Suite(.serialized) struct BrowserTests {
    @Test func seedSheetsPrintTo27PagesWithEmbeddedTrueTypeFontsAndEveryTitle() throws {
        _ = try Browser.chromium()
        let world = try ExportWorld()
        let result = try world.run(["export", "pdf", "-o", "book.pdf"])
        #expect(result.status == 0, "\(result.all)")
        #expect(result.err.isEmpty, "no sheet too tall, no bad line start: \(result.err)")
        let pdf = world.url("book.pdf").path
        let info = try Browser.poppler("pdfinfo", [pdf])
        #expect(info.contains("Pages:           27"), "\(info)")
        #expect(info.contains("(A4)"), "\(info)")
        // The count the export compares with the number of sheets to know that each fitted its page.
        #expect(LayoutProbe.pageCount(ofPDF: [UInt8](try Data(contentsOf: world.url("book.pdf")))) == 27)
        let fonts = try Browser.poppler("pdffonts", [pdf]).split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty)
        for font in fonts {
            #expect(font.contains("CID TrueType"), "not TrueType: \(font)")
            #expect(!font.contains("Type 3"), "\(font)")
            let columns = font.split(separator: " ", omittingEmptySubsequences: true)
            #expect(columns.count >= 7 && columns[columns.count - 5] == "yes", "not embedded: \(font)")
            #expect(font.contains("BIZUDGothic"), "not BIZ UD Gothic: \(font)")
        }
        // pdftotext may break a long title across lines: compare without white space.
        let text = try Browser.poppler("pdftotext", ["-layout", pdf, "-"]).filter { !$0.isWhitespace }
        for exported in Seed.cases {
            #expect(text.contains(exported.sheet.title.filter { !$0.isWhitespace }), "\(exported.sheet.title) is not in the PDF")
        }
        // One sheet a page, in order, each with its number.
        let pages = try Browser.poppler("pdftotext", [pdf, "-"]).split(separator: "\u{0C}")
        for (number, exported) in Seed.cases.enumerated() {
            let page = pages[number].filter { !$0.isWhitespace }
            #expect(page.contains(exported.sheet.title.filter { !$0.isWhitespace }), "page \(number + 1) is not \(exported.id)")
            #expect(page.hasSuffix(String(number + 1)), "page \(number + 1) has no page number")
        }
    }

    /// The probe, in Chromium, on the book of the 27 seed sheets.
    func probe(_ book: String, chromium: Chromium) throws -> LayoutProbe.Findings {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("casebook-probe-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("probe.html").path
        try Data(LayoutProbe.page(fromBook: book).utf8).write(to: URL(fileURLWithPath: path))
        let dump = try chromium.dumpDOM(htmlPath: path, width: LayoutProbe.windowSize.width, height: LayoutProbe.windowSize.height)
        return try #require(LayoutProbe.findings(inDump: dump), "the probe wrote nothing")
    }

    @Test func theDOMHasNoForbiddenLineStartNoSheetTallerThanAPageAndEveryLabelFits() throws {
        let chromium = try Browser.chromium()
        let findings = try probe(HTMLExport().book(Seed.cases), chromium: chromium)
        #expect(findings.sheets.map(\.id) == Seed.cases.map(\.id.rawValue))
        #expect(findings.linesChecked > 100, "the check saw the wrapped lines")
        #expect(findings.forbiddenLineStarts.isEmpty, "\(findings.forbiddenLineStarts)")
        #expect(findings.tooTall.isEmpty, "\(findings.tooTall)")
        #expect(findings.overflowingLabels.isEmpty, "\(findings.overflowingLabels)")
        // Laid out at the printed text width (182 mm), so its lines are the printed lines.
        for sheet in findings.sheets { #expect(abs(sheet.width - 182 / 25.4 * 96) < 1, "\(sheet)") }
    }

    /// The check can fail: with line-break left to the browser's loose rules, ー and small kana
    /// start lines, and the probe finds them.
    @Test func theLineStartCheckFindsWhatStrictLineBreakingPrevents() throws {
        let chromium = try Browser.chromium()
        let loose = HTMLExport().book(Seed.cases).replacingOccurrences(of: "line-break: strict;", with: "line-break: anywhere;")
        let findings = try probe(loose, chromium: chromium)
        #expect(!findings.forbiddenLineStarts.isEmpty)
    }

    @Test func aSheetTallerThanAPageIsNamed() throws {
        _ = try Browser.chromium()
        let world = try ExportWorld()
        var long = CaseSheet()
        long.title = "とても長い事例"
        long.overview = Array(repeating: "市民と市が協働して取り組む事業の概要を、ここに何度も繰り返して書いています。", count: 60)
        try world.add("nagai", bytes: CanonicalJSONWriter.bytes(of: SheetCodec.encode(long)))
        let result = try world.run(["export", "pdf", "nagai", "資源", "-o", "two.pdf"])
        #expect(result.status == 0, "\(result.all)")
        #expect(result.err.contains("“とても長い事例” (nagai) does not fit on one A4 page"), "\(result.err)")
        #expect(!result.err.contains("shigen-shudan-kaishu"))
    }

    @Test func kanjiBeyondTheGothicFontPrintAsThemselvesInTrueType() throws {
        // 𠮷 (U+20BB7) and 髙 are not in BIZ UD Gothic: IPAmj明朝 prints them, in a bold heading too
        // (in its own weight: a bold Chromium made up would be a Type 3 font), never an empty box.
        _ = try Browser.chromium()
        let world = try ExportWorld()
        var sheet = CaseSheet()
        sheet.title = "𠮷田商店の市民文庫"
        sheet.partners = ["𠮷田商店", "髙橋商会"]
        sheet.overview = ["𠮷田商店と髙橋商会が本を配ります。"]
        try world.add("yoshida", bytes: CanonicalJSONWriter.bytes(of: SheetCodec.encode(sheet)))
        let result = try world.run(["export", "pdf", "yoshida", "-o", "yoshida.pdf"])
        #expect(result.status == 0, "\(result.all)")
        let pdf = world.url("yoshida.pdf").path
        let text = try Browser.poppler("pdftotext", [pdf, "-"])
        for expected in ["𠮷田商店の市民文庫", "𠮷田商店", "髙橋商会", "𠮷田商店と髙橋商会が本を配ります。"] {
            #expect(text.contains(expected), "\(expected) is not in the PDF: \(text)")
        }
        let fonts = try Browser.poppler("pdffonts", [pdf]).split(separator: "\n").dropFirst(2)
        #expect(fonts.contains { $0.contains("IPAmjMincho") }, "\(fonts)")
        for font in fonts {
            #expect(font.contains("CID TrueType") && !font.contains("Type 3"), "\(font)")
        }
    }

    @Test func aScreenshotOfOneSheetIsTaken() throws {
        let chromium = try Browser.chromium()
        let world = try ExportWorld()
        #expect(try world.run(["export", "html", "資源", "-o", "site"]).status == 0)
        let png = world.url("shigen-shudan-kaishu.png").path
        try chromium.screenshot(htmlPath: world.url("site/shigen-shudan-kaishu.html").path, pngPath: png,
                                width: LayoutProbe.windowSize.width, height: LayoutProbe.windowSize.height)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: png)))
        // The PNG header's width and height (IHDR, big-endian at bytes 16 and 20).
        let number = { (at: Int) in bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        #expect(number(16) == 794 && number(20) == 1123)
        #expect(bytes.count > 20_000, "a page with text on it, not a blank one")
        if let keep = Browser.environment["CASEBOOK_KEEP_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: png, toPath: keep)
        }
    }
}
