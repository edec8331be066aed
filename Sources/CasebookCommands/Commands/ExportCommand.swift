import ArgumentParser
import CasebookCore
import CasebookExport
import CasebookStore
import Foundation

/// `export FORMAT [CASE…] [--status S] [-o PATH]`: writes what the city publishes (SPEC §9).
///
/// Nothing is written before every refusal is known: a path in the way is refused before any page
/// is rendered, and a CSV is made whole in memory before it is written, so that a character CP932
/// cannot hold leaves the file as it was. A folder's pages are written as they are rendered.
struct ExportCommand: StoreCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "export",
            abstract: Help.text("Export cases as html, pdf, csv or md: the one-page sheets and the 事例集.",
                                "事例を html・pdf・csv・md で書き出します（一枚のシートと事例集）。"),
            discussion: Help.text("""
                html: a folder with one page per case and index.html (default casebook-html).
                pdf: one A4 sheet a page, printed by headless Chromium (default casebook.pdf, with the HTML it printed beside it).
                csv: one row per case, UTF-8 with BOM, CRLF (default casebook.csv; -o - for standard output).
                md: a folder with one Markdown file per case and index.md (default casebook-md).
                Exporting html or md again into a folder makes only the pages that changed; an export of every case (with or without --status) also removes the pages it made earlier for cases no longer in it.
                Examples: export pdf --status approved; export csv --encoding cp932 -o cases.csv; export html shigen -o site
                """, """
                html: 事例ごとのページと index.html のフォルダー（既定 casebook-html）
                pdf: headless Chromium で A4 一枚一ページに印刷（既定 casebook.pdf。印刷した HTML も隣に残します）
                csv: 一事例一行、UTF-8（BOM 付き）、CRLF（既定 casebook.csv。-o - で標準出力）
                md: 事例ごとの Markdown と index.md のフォルダー（既定 casebook-md）
                html と md は同じフォルダーにもう一度書き出すと、変わったページだけを作り直します。すべての事例の書き出し（--status 付きを含む）では、以前作ったページのうち今回含まれない事例のものを削除します。
                例: export pdf --status approved、export csv --encoding cp932 -o cases.csv、export html 資源 -o site
                """))
    }

    @Argument(help: ArgumentHelp(Help.text("html, pdf, csv or md.", "html、pdf、csv、md のいずれか"), valueName: "format"))
    var format: String

    @Argument(help: ArgumentHelp(Help.text("The cases (id, id prefix or part of the title); every case when left out.",
                                           "事例（ID、ID の先頭、事業名の一部）。省くとすべての事例"),
                                 valueName: "case"))
    var cases: [String] = []

    @Option(name: .customLong("status"), help: ArgumentHelp(Help.text("Only cases with status S (draft, review, approved).",
                                                                      "状態が S の事例のみ（draft, review, approved）"), valueName: "S"))
    var status: String?

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp(Help.text("Where to write: a folder for html and md, a file for pdf and csv.",
                                         "書き出し先（html と md はフォルダー、pdf と csv はファイル）"), valueName: "path"))
    var output: String?

    @Option(name: .customLong("encoding"), help: ArgumentHelp(Help.text("csv only: utf-8 (with BOM, the default) or cp932.",
                                                                        "csv のみ: utf-8（BOM 付き、既定）または cp932"), valueName: "encoding"))
    var encoding: String?

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        func usage(_ message: ExportMessage) -> ValidationError { ValidationError(message.text(in: Help.language)) }
        guard let chosen = ExportFormat(rawValue: format) else {
            throw usage(.unknownFormat(format, accepted: ExportFormat.allCases.map(\.rawValue)))
        }
        if let status, SheetStatus(rawValue: status) == nil { throw usage(.unknownStatus(status)) }
        if let encoding {
            guard chosen == .csv else { throw usage(.encodingOnlyForCSV) }
            guard CSVExport.Encoding(rawValue: encoding.lowercased()) != nil else {
                throw usage(.unknownEncoding(encoding, accepted: CSVExport.Encoding.allCases.map(\.rawValue)))
            }
        }
        if output == "-", chosen != .csv { throw usage(.standardOutputOnlyForCSV) }
    }

    func run(in session: Session) throws {
        let chosen = ExportFormat(rawValue: format)!
        let path = output ?? chosen.defaultOutput
        switch chosen {
        case .html, .md:
            let selected = try summarySelection(in: session)
            let pages: PageFolderExport.PageFormat = chosen == .html ? .html : .markdown
            // No case of this choice: a folder that an export of every case published into is
            // emptied of the pages casebook made there (its index then lists none); anywhere else
            // nothing is written.
            guard !selected.isEmpty || (cases.isEmpty && PageFolderExport.hasPublished(pages, into: path, environment: session.environment)) else {
                throw CommandFailure(ExportMessage.nothingToExport(status: status), in: session)
            }
            if let taken = selected.first(where: { pages.pageName($0.id) == pages.indexName }) {
                throw CommandFailure(ExportMessage.pageWouldBeTheIndex(id: taken.id.rawValue, indexName: pages.indexName, format: format), in: session)
            }
            // Named cases update their pages in a folder that may hold others; every case (of a
            // status) is the whole publication, and pages of cases no longer in it are taken away.
            let outcome = try PageFolderExport(session: session, format: pages).run(selected, to: path, removingOthers: cases.isEmpty)
            session.say(ExportMessage.wrote(count: outcome.exported, format: chosen == .html ? "HTML" : "Markdown",
                                            path: FileSystem.absolutePath(path), upToDate: outcome.upToDate))
            if !outcome.removed.isEmpty {
                session.say(ExportMessage.removedPages(count: outcome.removed.count, names: Array(outcome.removed.prefix(5))))
            }
        case .csv:
            let selected = try selection(in: session)
            let progress = ExportProgress(session: session, total: selected.count)
            let wanted = CSVExport.Encoding(rawValue: (encoding ?? "utf-8").lowercased())!
            let bytes: [UInt8]
            do {
                bytes = try CSVExport.bytes(selected, encoding: wanted)
            } catch {
                throw CommandFailure(ExportMessage.unencodable(caseID: error.caseID.rawValue, column: error.column,
                                                               character: String(error.character), codePoints: error.codePoints,
                                                               encoding: wanted.rawValue), in: session)
            }
            progress.finish()
            if path == "-" {
                session.output.raw(utf8: bytes)
                return
            }
            try ExportFiles.writeFile(path, bytes: bytes, in: session)
            session.say(ExportMessage.wrote(count: selected.count, format: "CSV (\(wanted.rawValue))", path: FileSystem.absolutePath(path)))
        case .pdf:
            let selected = try selection(in: session)
            let progress = ExportProgress(session: session, total: selected.count)
            try PDFExport(session: session, progress: progress).run(selected, to: path)
        }
    }

    /// The ids asked for: the store's in store order when none are named, else as named.
    private func chosenIDs(in session: Session) throws -> [CaseID] {
        guard !cases.isEmpty else { return session.store.ids }
        var ids: [CaseID] = []
        for reference in cases {
            let id = try session.resolveCase(reference)
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    /// The status `--status` asks for, if any.
    private var wantedStatus: SheetStatus? { status.flatMap(SheetStatus.init(rawValue:)) }

    /// The cases asked for, decoded, filtered by `--status`.
    private func selection(in session: Session) throws -> [ExportedCase] {
        let wanted = wantedStatus
        // Each case with the status it has as it stands: one approved and then edited outside
        // casebook is published, and chosen by --status, as in review.
        let selected = session.store.loadAll(try chosenIDs(in: session)).map { stored in
            var sheet = stored.sheet
            sheet.status = SheetLifecycle.effectiveStatus(of: sheet)
            return ExportedCase(id: stored.id, sheet: sheet)
        }.filter { wanted == nil || $0.sheet.status == wanted }
        guard !selected.isEmpty else { throw CommandFailure(ExportMessage.nothingToExport(status: status), in: session) }
        return selected
    }

    /// The cases asked for as the store's index has them (summary and content hash; none, when
    /// none is of the status), filtered by
    /// `--status` (the summary's status is the one the case has as it stands): what `export html`
    /// and `export md` choose from without decoding a case they need not make a page of.
    private func summarySelection(in session: Session) throws -> [PageFolderExport.Chosen] {
        let ids = try chosenIDs(in: session)
        let list = session.store.summaryList
        let wanted = wantedStatus
        let position = Dictionary(uniqueKeysWithValues: list.ids.enumerated().map { ($1, $0) })
        let hashes = list.contentHashes
        let summaries = list.summaries
        let selected = ids.compactMap { id -> PageFolderExport.Chosen? in
            guard let found = position[id], wanted == nil || summaries[found].summary.status == wanted else { return nil }
            return PageFolderExport.Chosen(id: id, summary: summaries[found].summary, contentHash: hashes[found])
        }
        return selected
    }
}

/// The formats `export` writes.
enum ExportFormat: String, CaseIterable {
    case html, pdf, csv, md

    /// Where the export goes without `-o`, relative to the working directory.
    var defaultOutput: String {
        switch self {
        case .html: "casebook-html"
        case .pdf: "casebook.pdf"
        case .csv: "casebook.csv"
        case .md: "casebook-md"
        }
    }
}
