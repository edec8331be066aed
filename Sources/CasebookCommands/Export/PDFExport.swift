import CasebookCore
import CasebookExport
import CasebookStore
import Foundation

/// `export pdf`: the book of sheets written as HTML beside the PDF, printed by headless Chromium,
/// and its layout checked in the same browser.
///
/// The HTML is written first and kept, so that without Chromium (or when it fails) the sheets
/// still leave casebook, and the message says what to install. When the PDF has more pages than
/// sheets, some sheet did not fit its page: a second Chromium lays out the probe copy of the book
/// (`LayoutProbe`) and the export names each sheet taller than an A4 page (and any line that
/// starts with a character that must not start one).
struct PDFExport {
    let session: Session
    let progress: ExportProgress

    /// Chromium's time limit, for each of its two runs.
    static let timeLimit = 120.0

    func run(_ cases: [ExportedCase], to pdfPath: String) throws {
        let book = HTMLExport().book(progress.render(cases, HTMLExport.SheetView.init))
        let htmlPath = (pdfPath.hasSuffix(".pdf") ? String(pdfPath.dropLast(4)) : pdfPath) + ".html"
        try ExportFiles.writeFile(htmlPath, bytes: Array(book.utf8), in: session)
        let shownHTML = FileSystem.absolutePath(htmlPath)
        Self.sweepAbandonedPrints(beside: pdfPath)
        guard let chromium = Chromium.find(environment: session.environment) else {
            progress.finish()
            throw CommandFailure(ExportMessage.chromiumMissing(htmlPath: shownHTML, packages: Chromium.packages), in: session)
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: pdfPath, isDirectory: &isFolder), isFolder.boolValue {
            throw CommandFailure(ExportMessage.outputInTheWay(path: pdfPath, needsFolder: false), in: session)
        }

        progress.show(ExportMessage.printing)
        // Printed to a temporary name and renamed, so that a failed print leaves an older PDF as it was.
        let temporaryPDF = pdfPath + ".tmp-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: temporaryPDF) }
        do {
            try chromium.printToPDF(htmlPath: htmlPath, pdfPath: temporaryPDF, timeLimit: Self.timeLimit)
        } catch {
            progress.finish()
            throw CommandFailure(describe(error, htmlPath: shownHTML), in: session)
        }
        let pages = (try? Data(contentsOf: URL(fileURLWithPath: temporaryPDF))).flatMap { LayoutProbe.pageCount(ofPDF: Array($0)) }
        guard rename(temporaryPDF, pdfPath) == 0 else {
            let reason = String(cString: strerror(errno))
            progress.finish()
            throw CommandFailure(ExportMessage.writeFailed(path: pdfPath, reason: reason), in: session)
        }
        let checked = pages == cases.count ? nil : probe(book, chromium: chromium)
        progress.finish()
        session.say(ExportMessage.wrote(count: cases.count, format: "PDF", path: FileSystem.absolutePath(pdfPath)))
        session.say(ExportMessage.wroteBook(path: shownHTML))
        if let checked { report(checked) }
    }

    /// Removes the temporary PDFs (`NAME.pdf.tmp-PID`) that exports of `pdfPath` killed half-way
    /// left beside it: those whose process is gone. (One still printing is left alone.)
    static func sweepAbandonedPrints(beside pdfPath: String) {
        let (directory, name) = ExportFiles.directoryAndName(of: pdfPath)
        let prefix = name + ".tmp-"
        for name in (try? FileSystem.listDirectory(directory)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = pid_t(name.dropFirst(prefix.count)), ScratchFolder.isGone(pid) else { continue }
            try? FileManager.default.removeItem(atPath: directory + "/" + name)
        }
    }

    /// The DOM of the probe copy of `book`, laid out by Chromium.
    private func probe(_ book: String, chromium: Chromium) -> Result<String, Chromium.Failure> {
        let folder = ScratchFolder.make("probe")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("probe.html").path
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(LayoutProbe.page(fromBook: book).utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            return .failure(.wroteNothing(path: path, message: "\(error)"))
        }
        return Result { () throws(Chromium.Failure) -> String in
            try chromium.dumpDOM(htmlPath: path, width: LayoutProbe.windowSize.width, height: LayoutProbe.windowSize.height,
                                 timeLimit: Self.timeLimit)
        }
    }

    /// Names each sheet that takes more than a page, and each line that starts wrongly.
    private func report(_ checked: Result<String, Chromium.Failure>) {
        let findings: LayoutProbe.Findings
        switch checked {
        case .success(let dump):
            guard let found = LayoutProbe.findings(inDump: dump) else {
                session.warn(ExportMessage.layoutNotChecked(detail: "the probe wrote no findings"))
                return
            }
            findings = found
        case .failure(let failure):
            session.warn(ExportMessage.layoutNotChecked(detail: "\(failure)"))
            return
        }
        let page = Int((LayoutProbe.pageHeight * 25.4 / 96).rounded())
        for sheet in findings.tooTall {
            session.warn(ExportMessage.sheetTooTall(id: sheet.id, title: sheet.title,
                                                    millimetres: Int((sheet.height * 25.4 / 96).rounded(.up)), pageMillimetres: page))
        }
        for start in findings.forbiddenLineStarts {
            session.warn(ExportMessage.forbiddenLineStart(id: start.id, character: start.character, context: start.context))
        }
        for overflow in findings.overflowingLabels {
            session.warn(ExportMessage.labelOverflows(id: overflow.id, label: overflow.text))
        }
    }

    private func describe(_ failure: Chromium.Failure, htmlPath: String) -> ExportMessage {
        switch failure {
        case .timedOut(let seconds): .chromiumTimedOut(seconds: Int(seconds), htmlPath: htmlPath)
        case .failed(let status, let message): .chromiumFailed(detail: "exit \(status): \(message)", htmlPath: htmlPath)
        case .wroteNothing(_, let message): .chromiumFailed(detail: message.isEmpty ? "no PDF" : message, htmlPath: htmlPath)
        }
    }
}
