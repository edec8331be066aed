import CasebookCore
import CasebookExport
import CasebookStore

/// `export html` and `export md`: a page per case and an index, making only what changed since
/// the last export into the same folder.
///
/// The cases are chosen from the store's summaries (what `list` reads), not by decoding every
/// file. A page is made when its case's content hash or its file differs from what the folder's
/// ledger (`ExportLedger`) recorded, and so is the index when the list of cases or any of them
/// changed; only the cases to make are decoded. Publishing the 事例集 again after a few edits
/// makes those few pages, and a folder where nothing changed is checked, not made again.
struct PageFolderExport {
    let session: Session
    let format: PageFormat

    /// A folder format: how its pages and its index are made.
    struct PageFormat: Sendable {
        /// The format's name in the ledger's file name (`html`, `md`).
        let name: String
        /// What the pages are made with besides this program (templates, a stylesheet).
        let fingerprint: UInt64
        /// The index's file name.
        let indexName: String
        /// A case's page file name.
        let pageName: @Sendable (CaseID) -> String
        /// A case's page.
        let page: @Sendable (ExportedCase) -> String
        /// The index of the cases, in their order.
        let index: @Sendable ([ContentsEntry]) -> String

        /// HTML through the Mustache templates.
        static var html: PageFormat {
            let html = HTMLExport()
            return PageFormat(name: "html", fingerprint: HTMLExport.templateFingerprint, indexName: "index.html",
                              pageName: { $0.rawValue + ".html" }, page: { html.page($0) }, index: { html.index($0) })
        }

        /// Markdown, made by the program alone.
        static let markdown = PageFormat(name: "md", fingerprint: 0, indexName: "index.md", pageName: { $0.rawValue + ".md" },
                                         page: { MarkdownExport.page($0) }, index: { MarkdownExport.index($0) })
    }

    /// A case chosen for the export, from the store's index.
    struct Chosen {
        let id: CaseID
        let summary: CaseSummary
        /// The content hash of its file, as the index last read it.
        let contentHash: UInt64
    }

    /// What an export into a folder did.
    struct Outcome {
        /// How many cases it exported (those whose file could not be read now are left out).
        let exported: Int
        /// How many of their pages were up to date and not made again.
        let upToDate: Int
        /// The pages of other cases it removed, by file name.
        let removed: [String]
    }

    /// Exports `chosen` (already filtered) into the folder at `path`. With `removingOthers` (an
    /// export of every case, or of every case with a status), once every page is written, the
    /// pages an earlier export made for cases not in this one (removed, unreadable, or no longer
    /// of the status) are removed, when the ledger recorded them and each file's bytes are still
    /// exactly those that export wrote (read again and compared): the folder then publishes this
    /// export and nothing else casebook made. A page edited since, or any other file, is left.
    func run(_ chosen: [Chosen], to path: String, removingOthers: Bool) throws -> Outcome {
        let folder = try ExportFiles.folder(path, in: session)
        // Before any page is compared or written: a page changed after this is not recorded.
        let began = FileSystem.nowNanoseconds()
        let format = format
        let renderer = Self.rendererIdentity(format)
        let ledgerPath = renderer == nil ? nil : ExportLedger.path(ofFolder: folder.path, format: format.name, environment: session.environment)
        let found = ledgerPath.map { ExportLedger.read($0, renderer: renderer!) } ?? ExportLedger(renderer: 0)
        var ledger = found
        var removed: [String] = []

        let names = chosen.map { format.pageName($0.id) }
        let files = FileSystem.fingerprints(of: names + [format.indexName], in: folder.path, followingLinks: false)
        let isStale = chosen.indices.map { !ledger.isCurrent(names[$0], source: chosen[$0].contentHash, file: files[$0]) }
        // Each case to make, as its file is now (it may have changed since the index read it, and
        // the page is recorded as made from what it was made from). One that no longer loads is
        // left out of the export, its page and its line of the index alike, as before it was read.
        let loaded = session.store.loadAll(chosen.indices.filter { isStale[$0] }.map { chosen[$0].id })
        let cases = loaded.map { stored in
            var sheet = stored.sheet
            sheet.status = SheetLifecycle.effectiveStatus(of: sheet)
            return (exported: ExportedCase(id: stored.id, sheet: sheet), source: Checksum.of(stored.bytesOnDisk))
        }
        let loadedIDs = Set(loaded.map(\.id))
        let included = chosen.indices.filter { !isStale[$0] || loadedIDs.contains(chosen[$0].id) }
        let contents = included.map { chosen[$0] }
        let indexSource = Self.contentsSource(of: contents)
        let indexIsCurrent = ledger.isCurrent(format.indexName, source: indexSource, file: files.last!)

        // The index is one pass over every case, so it is made beside the pages rather than after
        // them, where it would keep one core busy and leave the other idle.
        let index = Background { () -> (failure: ExportFiles.Folder.Failure?, content: UInt64) in
            guard !indexIsCurrent else { return (nil, 0) }
            return Self.write(format.indexName, format.index(contents.map { ContentsEntry(id: $0.id, summary: $0.summary) }), in: folder)
        }
        let progress = ExportProgress(session: session, total: cases.count)
        let written = progress.render(cases.map(\.exported)) { exported in
            Self.write(format.pageName(exported.id), format.page(exported), in: folder)
        }
        let (indexFailure, indexContent) = index.wait()
        progress.finish()
        let failures = written.map(\.failure) + [indexFailure]

        if let ledgerPath {
            var made = zip(cases, written).map {
                (name: format.pageName($0.exported.id), source: $0.source, content: $1.content, failed: $1.failure != nil)
            }
            if !indexIsCurrent { made.append((format.indexName, indexSource, indexContent, indexFailure != nil)) }
            let madeFiles = FileSystem.fingerprints(of: made.map(\.name), in: folder.path, followingLinks: false)
            for (page, file) in zip(made, madeFiles) {
                if page.failed {
                    ledger.forget(page.name)
                } else {
                    ledger.record(page.name, source: page.source, content: page.content, file: file, since: began)
                }
            }
            // A page found up to date, as it was found: one too recent to be settled when it was
            // made is settled now that it is old enough.
            for position in chosen.indices where !isStale[position] {
                ledger.settle(names[position], file: files[position], since: began)
            }
            if indexIsCurrent { ledger.settle(format.indexName, file: files.last!, since: began) }
            // Only after an export that wrote everything: a failed one leaves the folder as it was.
            if removingOthers && failures.allSatisfy({ $0 == nil }) {
                let exported = Set(included.map { names[$0] } + [format.indexName])
                removed = Self.removePages(of: ledger, besides: exported, in: folder.path, format: format)
                for name in removed { ledger.forget(name) }
            }
            // Written only when it says something new: a folder found up to date costs no write.
            if ledger != found { ledger.write(to: ledgerPath) }
        }
        try folder.check(failures, in: session)
        return Outcome(exported: included.count, upToDate: included.count - cases.count, removed: removed)
    }

    /// `text` written as the page `name` of `folder`: the failure, if any, and the hash of the
    /// bytes the page holds when it did not fail.
    private static func write(_ name: String, _ text: String, in folder: ExportFiles.Folder) -> (failure: ExportFiles.Folder.Failure?, content: UInt64) {
        var text = text
        let content = text.withUTF8 { Checksum.of($0) }
        return (folder.write(name, text), content)
    }

    /// Removes from `folder` the pages `ledger` recorded that are not in `exported`, are named as a
    /// case's page of `format` is (nothing else, whatever a ledger says), and whose bytes are still
    /// those recorded; their names, in order.
    private static func removePages(of ledger: ExportLedger, besides exported: Set<String>, in folder: String,
                                    format: PageFormat) -> [String] {
        let suffix = "." + format.name
        let others = ledger.pages.keys.filter { name in
            guard !exported.contains(name), name.hasSuffix(suffix), let id = CaseID(String(name.dropLast(suffix.count))) else { return false }
            return format.pageName(id) == name && name != format.indexName
        }.sorted()
        var removed: [String] = []
        for name in others {
            let path = folder + "/" + name
            // Read again now: a page is casebook's own only while it holds the bytes casebook wrote.
            guard let bytes = try? FileSystem.readFile(path), Checksum.of(bytes) == ledger.pages[name]!.content else { continue }
            if (try? FileSystem.removeFile(path)) != nil { removed.append(name) }
        }
        return removed
    }

    /// Whether an earlier export of `format` left pages in the folder at `path` that its ledger
    /// knows as made there.
    static func hasPublished(_ format: PageFormat, into path: String, environment: [String: String]) -> Bool {
        guard FileSystem.isDirectory(path), let ledgerPath = ExportLedger.path(ofFolder: path, format: format.name, environment: environment) else {
            return false
        }
        return !ExportLedger.read(ledgerPath, renderer: 0).pages.isEmpty
    }

    /// What the index is made from: each chosen case's id and content hash, in order.
    static func contentsSource(of chosen: [Chosen]) -> UInt64 {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(chosen.count * 32)
        for entry in chosen {
            bytes.append(contentsOf: entry.id.rawValue.utf8)
            bytes.append(0)
            withUnsafeBytes(of: entry.contentHash.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return Checksum.of(bytes)
    }

    /// Which renderer makes the pages: the format's templates, and this program's file (any new
    /// build of casebook makes every page again, even one copied over the old file with its
    /// times kept: the change time is the system's); `nil` when the program's file cannot be
    /// looked at, and then nothing is taken as up to date.
    static func rendererIdentity(_ format: PageFormat) -> UInt64? {
        guard let program = FileSystem.fingerprint("/proc/self/exe") else { return nil }
        var bytes = Array(format.name.utf8)
        for number in [format.fingerprint, UInt64(bitPattern: program.size), UInt64(bitPattern: program.modifiedSeconds),
                       UInt64(bitPattern: program.modifiedNanoseconds), UInt64(bitPattern: program.changedSeconds),
                       UInt64(bitPattern: program.changedNanoseconds), program.inode] {
            withUnsafeBytes(of: number.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return Checksum.of(bytes)
    }
}
