import CasebookCore
import Foundation

/// A store directory: one `<id>.json` per case (SPEC §2).
///
/// Reading is lenient about which files it can use and strict about each file: a file that
/// cannot be read is reported by name and never rewritten, and every other case still loads.
///
/// Nothing is decoded before it is needed. Opening lists the directory only; the first
/// question about all cases (ids, list, references by title) scans the files' fingerprints
/// against the index (`StoreIndex`) and reads only the files that are new or changed; a case's
/// sheet is decoded when it is asked for. That keeps a store of 10,000 cases quick to open and
/// makes saving one case cost the same whatever the store's size.
public final class CaseStore {
    /// The directory's absolute path.
    public let path: String
    /// The files that did not load, and why (scans the store when it has not been).
    public var problems: [StoreProblem] {
        scanIfNeeded()
        return problemList
    }
    /// Whether the store has looked at every file yet (only then are `problems` known).
    public var hasScanned: Bool { entries != nil }
    /// Grows whenever a case is added, changed or removed, so callers can cache what they derive.
    public private(set) var generation = 0
    /// How long a save waits for another casebook's save to end (seconds); a stopped process
    /// holding the lock then fails the save with a message instead of hanging it.
    public var lockTimeout: Double = 10
    /// Whether the index is written on another thread while the caller goes on with what it read
    /// (a command run from the command line, whose output need not wait for it); the caller must
    /// then call ``finishIndexWrites()`` before the process ends.
    public var writesIndexBeside = false

    private let indexLocation: StoreIndex.Location?
    private var entries: [CaseID: StoreIndex.Entry]?
    private var loaded: [CaseID: StoredCase] = [:]
    private var problemList: [StoreProblem] = []
    private var sortedIDs: [CaseID] = []
    /// The last write of each index file queued on another thread (``writesIndexBeside``); each
    /// waits for the one before it of the same file, so that they land in the order they were
    /// made. The two files are written side by side: neither is read for the other.
    private var indexWrites: [StoreIndex.File: Background<Void>] = [:]

    /// Why a store could not be opened.
    public enum OpenError: Error, Sendable, Equatable {
        /// The directory does not exist.
        case missing(String)
        /// The directory could not be listed.
        case system(SystemError)
    }

    /// Opens the store at `path`. Nothing is read yet: a save of one case never lists the directory.
    ///
    /// - Parameter environment: where the index lives (XDG_CACHE_HOME, HOME); `useIndex: false` keeps none.
    public init(path: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                useIndex: Bool = true) throws(OpenError) {
        let absolute = FileSystem.absolutePath(path)
        self.path = absolute.count > 1 && absolute.hasSuffix("/") ? String(absolute.dropLast()) : absolute
        guard FileSystem.isDirectory(self.path) else { throw .missing(self.path) }
        indexLocation = useIndex ? StoreIndex.Location(storePath: self.path, environment: environment) : nil
        do {
            try FileSystem.checkDirectoryOpens(self.path)
        } catch {
            throw .system(error)
        }
    }

    // MARK: What is in the store

    /// The ids in store order (sorted by id, so that every listing is stable).
    public var ids: [CaseID] {
        scanIfNeeded()
        return sortedIDs
    }

    /// How many cases loaded.
    public var count: Int { ids.count }

    /// Cases by id, decoded on first access.
    public var cases: CaseLookup { CaseLookup(store: self) }

    /// Every case, decoded, in store order.
    public var orderedCases: [StoredCase] { ids.compactMap { load($0) } }

    /// The summary of every case, in store order: what `list` and completion need, without decoding.
    public var orderedSummaries: [(id: CaseID, summary: CaseSummary)] { summaryList.summaries }

    /// The summaries as they are now, as a value that may be handed to another thread.
    public var summaryList: SummaryList {
        scanIfNeeded()
        return SummaryList(entries: sortedIDs.compactMap { id in entries?[id].map { (id, $0) } })
    }

    /// The summary of one case.
    public func summary(of id: CaseID) -> CaseSummary? {
        scanIfNeeded()
        return entries?[id]?.summary
    }

    /// The file path of a case.
    public func filePath(of id: CaseID) -> String { path + "/" + id.fileName }

    /// Whether `name` is a temporary file of an interrupted save.
    static func isTemporaryName(_ name: String) -> Bool {
        name.hasPrefix(".") && name.contains(".json.tmp-")
    }

    // MARK: Scanning

    private func scanIfNeeded() {
        if entries == nil { refresh() }
    }

    /// Brings the store up to date with the directory: temporary files of crashed saves are swept;
    /// new, changed and removed files are noticed
    /// (by size, times, inode, and for recent files content), read and summarised; unchanged
    /// files are not read. A decoded case whose file changed is dropped, to be read again.
    public func refresh() {
        // No search (of hits of any type: `Bool` stands for it).
        _ = refresh(searching: ScanSearch<Bool>?.none)
    }

    /// A search made by the scan itself, as it reads each file: `find` on first use.
    private struct ScanSearch<Hit: Sendable>: Sendable {
        let needle: [UInt8]
        let transform: @Sendable (SearchHit) -> Hit
    }

    /// What a scan found beside bringing the store up to date.
    private struct ScanFindings<Hit> {
        /// The search record of each file it decoded (with a search), for the cases `hits` does not cover.
        var records: [CaseID: SearchRecord] = [:]
        /// Every case's hit, in store order, when the scan read every file and searched each as it
        /// went (a store with no index): then the index's text file is written too.
        var hits: [Hit]?
    }

    /// ``refresh()``; with `search`, also the search record of each file it had to decode, so that
    /// `find` on first use decodes each file once, not twice, or (when it reads every file of a
    /// store with no index) the search's hits themselves.
    private func refresh<Hit: Sendable>(searching search: ScanSearch<Hit>?) -> ScanFindings<Hit> {
        let makingSearchRecords = search != nil
        var findings = ScanFindings<Hit>()
        let firstScan = entries == nil
        // On the first scan the index's entries are the candidates, each checked against its file below.
        // The index is read on another thread while the directory is listed and its files looked at.
        let indexLocation = firstScan ? self.indexLocation : nil
        let indexRead = Background { indexLocation.map(StoreIndex.read) ?? StoreIndex() }
        let names = (try? FileSystem.listDirectory(path)) ?? []
        // Temporary files a crashed save left are swept, under the store's lock: every save holds
        // it from creating its temporary file to the rename, so one found then is abandoned. (The
        // temporary file's own flock leaves a moment between mkstemp and flock in which a sweep
        // could take a live file.) When a save is running the sweep waits for a later scan.
        let temporaryNames = names.filter(Self.isTemporaryName)
        if !temporaryNames.isEmpty, let lock = try? FileSystem.lockDirectory(path, timeout: 0) {
            for name in temporaryNames { FileSystem.removeIfAbandoned(path + "/" + name) }
            FileSystem.unlock(lock)
        }
        var caseNames: [String] = []
        var caseIDs: [CaseID] = []
        caseNames.reserveCapacity(names.count)
        caseIDs.reserveCapacity(names.count)
        var newProblems: [StoreProblem] = []
        for name in names where name.hasSuffix(".json") && !name.hasPrefix(".") {
            guard let id = CaseID(String(decoding: name.utf8.dropLast(5), as: UTF8.self)) else {
                newProblems.append(StoreProblem(fileName: name, reason: .badFileName))
                continue
            }
            caseNames.append(name)
            caseIDs.append(id)
        }
        var index = indexRead.wait()
        // With nothing known of any file (no index, first use) every file is read, and the read
        // gives its fingerprint: no pass of stat calls first.
        let fingerprints = firstScan && index.entries.isEmpty ? caseNames.map { _ in nil } : FileSystem.fingerprints(of: caseNames, in: path)
        // Moved, not shared, so that changing one entry does not copy them all.
        var current = firstScan ? index.entries : entries!
        index.entries = [:]
        entries = nil
        current.reserveCapacity(caseIDs.count)
        var found: Set<CaseID> = []
        found.reserveCapacity(caseIDs.count)
        var toRead: [CaseID] = []
        var changed = false
        var stillThere = 0
        for (position, id) in caseIDs.enumerated() {
            guard let fingerprint = fingerprints[position] else {
                toRead.append(id)
                continue
            }
            found.insert(id)
            guard let entry = current[id] else {
                toRead.append(id)
                continue
            }
            stillThere += 1
            if entry.fingerprint == fingerprint && (!firstScan || index.isTrustworthy(fingerprint)) { continue }
            if entry.fingerprint.size == fingerprint.size,
               let bytes = try? FileSystem.readFile(path + "/" + caseNames[position]), Checksum.of(bytes) == entry.contentHash {
                // Recent or touched, but the same content.
                current[id]?.fingerprint = fingerprint
                changed = true
                continue
            }
            toRead.append(id)
        }
        if stillThere != current.count {
            for id in Array(current.keys) where !found.contains(id) {
                current[id] = nil
                loaded[id] = nil
                changed = true
            }
        }
        // Each file is made into what the index keeps as soon as it is decoded, on the core that
        // decoded it; the decoded sheet is kept only when it is one of few, so that a cold scan
        // of a large store never holds every sheet at once.
        let keepsSheets = toRead.count <= 64
        // With no index at all, every file is read, and the index is written as they are.
        let writesIndexAsItReads = !keepsSheets && firstScan && current.isEmpty && indexLocation != nil
        // Whether the summary file was written as the files were read (when they were): when it
        // was not (the disk filled as the two files were written side by side; the text file's
        // failure freed its room), it is written afterwards, the usual way.
        var summariesWritten = false
        var made: [(CaseID, Result<ScannedCase, StoreProblem>)] = []
        if writesIndexAsItReads, let indexLocation = self.indexLocation {
            toRead.sort()
            var hits: [Hit] = []
            let (scanned, written) = Self.readAllWritingIndex(toRead, in: path, to: indexLocation, searching: search)
            summariesWritten = written
            for (id, result, hit) in scanned {
                switch result {
                case .success(let entry):
                    current[id] = entry
                    if let hit { hits.append(hit) }
                case .failure(let problem):
                    newProblems.append(problem)
                }
                changed = true
            }
            if search != nil { findings.hits = hits }
        } else if keepsSheets {
            made = Self.readAll(toRead, in: path) { stored, fingerprint in
                ScannedCase(entry: StoreIndex.Entry(fingerprint: fingerprint, contentHash: Checksum.of(stored.bytesOnDisk),
                                                    summary: CaseSummary(of: stored.sheet)),
                            stored: stored,
                            searchRecord: makingSearchRecords ? SearchRecord(of: stored.sheet) : nil)
            }
        } else {
            // Only summaries (and search records) are kept of many files: each is made straight
            // from the file's bytes where it is laid out as casebook writes it, without the texts
            // a summary does not show.
            made = Self.readAllBytes(toRead, in: path) { id, bytes, fingerprint in
                Self.scannedSummary(of: bytes, id: id, fingerprint: fingerprint, makingSearchRecord: makingSearchRecords)
            }
        }
        // Taken out of `made` one by one (moved, not copied: ten thousand of them on first use).
        if makingSearchRecords && findings.hits == nil { findings.records.reserveCapacity(made.count) }
        while let (id, result) = made.popLast() {
            switch result {
            case .success(let scanned):
                current[id] = scanned.entry
                if let stored = scanned.stored { loaded[id] = stored } else if !loaded.isEmpty { loaded[id] = nil }
                if let record = scanned.searchRecord { findings.records[id] = record }
            case .failure(let problem):
                current[id] = nil
                if !loaded.isEmpty { loaded[id] = nil }
                newProblems.append(problem)
            }
            changed = true
        }
        // A decoded case whose file changed behind us is read again when next asked for.
        for (id, stored) in loaded where current[id]?.contentHash != Checksum.of(stored.bytesOnDisk) {
            loaded[id] = nil
        }
        entries = current
        problemList = newProblems.sorted { $0.fileName < $1.fileName }
        if changed || firstScan {
            let ordered = index.orderedIDs
            if firstScan && !changed && ordered.count == current.count && zip(ordered, ordered.dropFirst()).allSatisfy({ $0 < $1 }) {
                sortedIDs = index.orderedIDs
            } else if writesIndexAsItReads {
                // Every case was read, in store order.
                sortedIDs = toRead.filter { current[$0] != nil }
            } else {
                sortedIDs = current.keys.sorted()
            }
            generation += 1
        }
        if changed, !summariesWritten, let indexLocation = self.indexLocation {
            let (ids, written) = (sortedIDs, current)
            writeIndex(.summaries) { StoreIndex.writeSummaries(written, in: ids, to: indexLocation, now: FileSystem.nowNanoseconds()) }
        }
        return findings
    }

    /// Runs `write`, on another thread when ``writesIndexBeside``, after any write still under way.
    private func writeIndex(_ file: StoreIndex.File, _ write: @escaping @Sendable () -> Void) {
        if writesIndexBeside {
            // After the one before it, on another thread's time: the caller never waits.
            let before = indexWrites[file]
            indexWrites[file] = Background {
                before?.wait()
                write()
            }
        } else {
            finishIndexWrites()
            write()
        }
    }

    /// Waits for the index writes under way on other threads, if any: a process that writes the
    /// index beside its work calls this before it ends, so that the next one finds it whole.
    public func finishIndexWrites() {
        for write in indexWrites.values { write.wait() }
        indexWrites = [:]
    }

    /// What a scan keeps of one file it decoded.
    private struct ScannedCase: Sendable {
        let entry: StoreIndex.Entry
        let stored: StoredCase?
        let searchRecord: SearchRecord?
    }

    /// Reads and decodes files, on every core when there are many.
    private static func readAll(_ ids: [CaseID], in path: String) -> [(CaseID, Result<(StoredCase, FileFingerprint), StoreProblem>)] {
        readAll(ids, in: path) { ($0, $1) }
    }

    /// `transform` of each file read and decoded, on the core that decoded it, so that what is
    /// kept of many files can be smaller than the decoded sheets.
    private static func readAll<T: Sendable>(_ ids: [CaseID], in path: String,
                                             _ transform: @escaping @Sendable (StoredCase, FileFingerprint) -> T) -> [(CaseID, Result<T, StoreProblem>)] {
        readAllBytes(ids, in: path) { id, bytes, fingerprint in decode(bytes, id: id).map { transform($0, fingerprint) } }
    }

    /// `make` of each file's bytes and its fingerprint as it was before the read, on every core
    /// when there are many.
    private static func readAllBytes<T: Sendable>(
        _ ids: [CaseID], in path: String, _ make: @escaping @Sendable (CaseID, [UInt8], FileFingerprint) -> Result<T, StoreProblem>
    ) -> [(CaseID, Result<T, StoreProblem>)] {
        withDirectory(path) { directoryFD, byName in
            // Each pair made where it is read, not zipped afterwards: a copy of ten thousand results.
            Parallel.map(ids.count) { index -> (CaseID, Result<T, StoreProblem>) in
                (ids[index], readBytes(of: ids[index], in: path, directoryFD, byName: byName).flatMap { make(ids[index], $0.bytes, $0.fingerprint) })
            }
        }
    }

    /// Every file of a store with no index (`ids`, in store order) read and made into its index
    /// entry on every core, as `readAllBytes` does, with both of the index's files written as it
    /// goes: each chunk's records, in store order, as soon as the chunks before it are written.
    /// With `search`, each file is also searched as soon as it is read, and its search record
    /// written to the text file, never kept.
    private static func readAllWritingIndex<Hit: Sendable>(
        _ ids: [CaseID], in path: String, to location: StoreIndex.Location, searching search: ScanSearch<Hit>?
    ) -> (scanned: [(id: CaseID, entry: Result<StoreIndex.Entry, StoreProblem>, hit: Hit?)], summariesWritten: Bool) {
        // Each file's entry, not the `ScannedCase` the scan made it from: these are copied by the
        // ten thousand, and a smaller element is fewer pages touched.
        var made: [(id: CaseID, entry: Result<StoreIndex.Entry, StoreProblem>, hit: Hit?)] = []
        let chunkSize = 64
        let summariesWritten = StoreIndex.writeBoth(to: location, withTexts: search != nil) { summaries, texts in
            withDirectory(path) { directoryFD, byName in
                made = Parallel.map(ids.count, chunkSize: chunkSize, output: { ChunkRecords(files: chunkSize, withTexts: search != nil) }, deliver: { records in
                    summaries.add(records.summaries)
                    texts?.add(records.texts)
                }) { position, records in
                    let id = ids[position]
                    let scanned = readBytes(of: id, in: path, directoryFD, byName: byName).flatMap { bytes, fingerprint in
                        scannedSummary(of: bytes, id: id, fingerprint: fingerprint, makingSearchRecord: search != nil)
                    }
                    guard case .success(let found) = scanned else { return (id, scanned.map(\.entry), nil) }
                    StoreIndex.appendSummaryRecord(of: id, found.entry, to: &records.summaries)
                    guard let search, let record = found.searchRecord else { return (id, .success(found.entry), nil) }
                    record.bytes.withUnsafeBufferPointer { bytes in
                        StoreIndex.textRecord(of: id, hash: found.entry.contentHash, bytes) { records.texts.append(contentsOf: $0) }
                    }
                    let texts = record.texts(containing: search.needle)
                    let hit = texts.isEmpty ? nil : search.transform(SearchHit(id: id, title: found.entry.title, texts: texts))
                    return (id, .success(found.entry), hit)
                }
            }
        }
        return (made, summariesWritten)
    }

    /// One chunk's records in the index's two files, as `readAllWritingIndex` makes them.
    private struct ChunkRecords: Sendable {
        var summaries: [UInt8] = []
        var texts: [UInt8] = []

        /// Empty, with room for the records of most chunks of `files` files (a summary record is
        /// some 320 bytes, a search record some 2,700), so that few are grown and copied.
        init(files: Int, withTexts: Bool) {
            summaries.reserveCapacity(files * 512)
            if withTexts { texts.reserveCapacity(files * 4096) }
        }
    }

    /// `readBytes` of case `id`'s file, in the store directory open as `directoryFD` (looked up by
    /// name from there when `byName`, as `withDirectory` gives them).
    private static func readBytes(of id: CaseID, in path: String, _ directoryFD: Int32,
                                  byName: Bool) -> Result<(bytes: [UInt8], fingerprint: FileFingerprint), StoreProblem> {
        let name = id.fileName
        return readBytes(path + "/" + name, name: byName ? name : nil, inDirectory: directoryFD, id: id)
    }

    /// `body` of the store directory opened (its descriptor, and `true`), or of `AT_FDCWD` and
    /// `false` when it cannot be opened (each file is then opened by its whole path).
    private static func withDirectory<T>(_ path: String, _ body: (Int32, Bool) -> T) -> T {
        let directory = FileSystem.openDirectory(path)
        defer { directory.map(FileSystem.closeDirectory) }
        return body(directory ?? AT_FDCWD, directory != nil)
    }

    /// What a scan keeps of a file's bytes when it reads many: its summary (and, when asked, its
    /// search record), made straight from the bytes where the file is laid out as casebook writes
    /// it, else from the decoded case.
    private static func scannedSummary(of bytes: [UInt8], id: CaseID, fingerprint: FileFingerprint,
                                       makingSearchRecord: Bool) -> Result<ScannedCase, StoreProblem> {
        func scanned(_ summary: CaseSummary, _ record: SearchRecord?) -> ScannedCase {
            ScannedCase(entry: StoreIndex.Entry(fingerprint: fingerprint, contentHash: Checksum.of(bytes), summary: summary),
                        stored: nil, searchRecord: record)
        }
        if makingSearchRecord {
            if let quick = CanonicalCaseScan.summaryAndRecord(of: bytes) { return .success(scanned(quick.summary, quick.record)) }
            return decode(bytes, id: id).map { scanned(CaseSummary(of: $0.sheet), SearchRecord(of: $0.sheet)) }
        }
        let summary = CaseSummary.decoding(bytes).map(Result.success) ?? decode(bytes, id: id).map { CaseSummary(of: $0.sheet) }
        return summary.map { scanned($0, nil) }
    }

    /// What `find` found in one case: the texts, as written, whose search form contains the query.
    public struct SearchHit: Sendable {
        /// The case.
        public let id: CaseID
        /// Its 事業名.
        public let title: String
        /// The texts that contain the query, with their fields, in sheet order.
        public let texts: [(field: SheetField, text: String)]
    }

    /// Every case with a text whose search form contains `normalizedNeedle`, in store order.
    public func search(_ normalizedNeedle: String) -> [SearchHit] {
        search(normalizedNeedle) { $0 }
    }

    /// `transform` of every case with a text whose search form contains `normalizedNeedle`, in
    /// store order; `transform` runs on every core, as the search does.
    ///
    /// Records come from the index's text file where they are current (same content hash),
    /// searched in place as bytes; the files of the other cases are decoded, and the text file
    /// is rewritten with their records for next time.
    public func search<T: Sendable>(_ normalizedNeedle: String, _ transform: @escaping @Sendable (SearchHit) -> T) -> [T] {
        guard !normalizedNeedle.isEmpty else { return [] }
        let needle = Array(normalizedNeedle.utf8)
        // The text file is searched on another thread while the files are checked on this one:
        // the two meet only when records are matched to cases by content hash, below.
        let indexLocation = self.indexLocation
        let early = Background { indexLocation.map { StoreIndex.searchTextFile($0, containing: needle) } ?? StoreIndex.SearchedTexts() }
        // A first scan decodes the files it has no summary for; their search records are made then,
        // or, when it reads every file of a store with no index, they are searched then.
        var made: [CaseID: SearchRecord] = [:]
        if entries == nil {
            let findings = refresh(searching: ScanSearch(needle: needle, transform: transform))
            if let hits = findings.hits { return hits }
            made = findings.records
        }
        guard let current = entries else { return [] }
        let indexTexts = early.wait()
        let ids = sortedIDs
        // Each case's record in the text file, when it is current.
        let hashes = ids.map { current[$0]?.contentHash }
        let places = indexTexts.places(of: ids, hashes: hashes)
        // Only the records are kept, never the decoded sheets, however many files are read.
        let unindexed = ids.indices.filter { places[$0] == nil && made[ids[$0]] == nil }.map { ids[$0] }
        for (id, result) in Self.readAllBytes(unindexed, in: path, { id, bytes, _ in Self.searchRecord(of: bytes, id: id) }) {
            if case .success(let record) = result { made[id] = record }
        }
        let records = made
        // The text file is rewritten with the records made here, on another thread while the
        // cases are searched (written as it goes, so never held whole). The records still current
        // are copied from the file as it is now, read whole and checked again: only the ids and
        // hashes of the search's reading were kept.
        if !records.isEmpty, let indexLocation {
            writeIndex(.texts) {
                let filed = StoreIndex.readSearchTexts(indexLocation)
                let filedPlaces = filed.records(of: ids, hashes: hashes)
                StoreIndex.writeSearchTexts(ids, to: indexLocation) { position, write in
                    guard let hash = hashes[position] else { return }
                    if let record = records[ids[position]] {
                        record.bytes.withUnsafeBufferPointer { write(hash, $0) }
                    } else if let place = filedPlaces[position], let bytes = filed.file?.bytes {
                        write(hash, UnsafeBufferPointer(rebasing: bytes[filed.records[place].range]))
                    }
                }
            }
        }
        // Each case is searched, and what was found in it made into a result, on every core.
        let results = Parallel.map(ids.count) { position -> T? in
            let id = ids[position]
            let texts = places[position].map { indexTexts.matches[$0] ?? [] } ?? records[id]?.texts(containing: needle) ?? []
            return texts.isEmpty ? nil : transform(SearchHit(id: id, title: current[id]?.title ?? "", texts: texts))
        }.compactMap { $0 }
        return results
    }

    // MARK: Reading one case

    /// Reads one file as a case.
    static func read(_ filePath: String, id: CaseID) -> Result<StoredCase, StoreProblem> {
        readBytes(filePath, id: id).flatMap { decode($0.bytes, id: id) }
    }

    /// One case file's bytes, with the file's fingerprint as it was before it was read (so a
    /// change made while it is read shows as a changed fingerprint next time).
    /// (`name` in the open directory `directoryFD`, when given, is `filePath` looked up from there.)
    static func readBytes(_ filePath: String, name: String? = nil, inDirectory directoryFD: Int32 = AT_FDCWD,
                          id: CaseID) -> Result<(bytes: [UInt8], fingerprint: FileFingerprint), StoreProblem> {
        do {
            return .success(try FileSystem.readFileAndFingerprint(filePath, name: name ?? filePath, inDirectory: directoryFD))
        } catch {
            if let kind = FileSystem.kind(filePath), kind != .regularFile {
                return .failure(StoreProblem(fileName: id.fileName, reason: .notARegularFile(kind)))
            }
            return .failure(StoreProblem(fileName: id.fileName, reason: .unreadable(error)))
        }
    }

    /// The search record of a file's bytes: straight from them when the file is laid out as
    /// casebook writes it, else from the decoded case.
    static func searchRecord(of bytes: [UInt8], id: CaseID) -> Result<SearchRecord, StoreProblem> {
        if let quick = CanonicalCaseScan.summaryAndRecord(of: bytes) { return .success(quick.record) }
        return decode(bytes, id: id).map { SearchRecord(of: $0.sheet) }
    }

    /// Decodes a file's bytes as a case.
    static func decode(_ bytes: [UInt8], id: CaseID) -> Result<StoredCase, StoreProblem> {
        let name = id.fileName
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            // Markers are looked for only in a file that is not JSON: a line of JSON never starts
            // with `<` or `>` (a string cannot hold a raw line break), so a file that parses has none.
            if hasConflictMarkers(bytes) { return .failure(StoreProblem(fileName: name, reason: .conflicted)) }
            if error.reason == .notUTF8 || String(validating: bytes, as: UTF8.self) == nil {
                return .failure(StoreProblem(fileName: name, reason: .notUTF8))
            }
            return .failure(StoreProblem(fileName: name, reason: .badJSON(error)))
        }
        do {
            let sheet = try SheetCodec.decode(document)
            let schema = SheetCodec.schemaVersion(of: document) ?? SheetCodec.schemaVersion
            return .success(StoredCase(id: id, sheet: sheet, bytesOnDisk: bytes, schemaVersion: schema))
        } catch {
            return .failure(StoreProblem(fileName: name, reason: .wrongTypes(error)))
        }
    }

    /// Whether a line of the file starts with a git conflict marker.
    static func hasConflictMarkers(_ bytes: [UInt8]) -> Bool {
        let markers: [[UInt8]] = [Array("<<<<<<< ".utf8), Array(">>>>>>> ".utf8), Array("<<<<<<<\n".utf8)]
        var lineStart = 0
        while lineStart < bytes.count {
            if bytes[lineStart] == UInt8(ascii: "<") || bytes[lineStart] == UInt8(ascii: ">") {
                for marker in markers where bytes.count - lineStart >= marker.count
                    && bytes[lineStart..<(lineStart + marker.count)].elementsEqual(marker) {
                    return true
                }
            }
            guard let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            lineStart = newline + 1
        }
        return false
    }

    /// The case `id`, decoded from its file on first access; `nil` when it is not a loadable case.
    public func load(_ id: CaseID) -> StoredCase? {
        if let stored = loaded[id] { return stored }
        let filePath = filePath(of: id)
        guard FileSystem.exists(filePath) else { return nil }
        switch Self.read(filePath, id: id) {
        case .success(let stored):
            loaded[id] = stored
            if let fingerprint = FileSystem.fingerprint(filePath) {
                let hash = Checksum.of(stored.bytesOnDisk)
                if entries != nil, entries?[id]?.contentHash != hash {
                    entries?[id] = StoreIndex.Entry(fingerprint: fingerprint, contentHash: hash, summary: CaseSummary(of: stored.sheet))
                    if !sortedIDs.contains(id) { sortedIDs = entries!.keys.sorted() }
                    generation += 1
                }
            }
            return stored
        case .failure(let problem):
            problemList.removeAll { $0.fileName == problem.fileName }
            problemList.append(problem)
            return nil
        }
    }

    /// Why case `id`'s file did not load, when it exists and did not (read now if it was not tried).
    public func problem(of id: CaseID) -> StoreProblem? {
        guard loaded[id] == nil, FileSystem.exists(filePath(of: id)), load(id) == nil else { return nil }
        return problemList.last { $0.fileName == id.fileName }
    }

    /// The cases of `ids` that load, in that order; the files not yet decoded are read on every
    /// core first. What an export of a whole store needs, where `load` one by one would decode
    /// 10,000 files on one core.
    public func loadAll(_ ids: [CaseID]) -> [StoredCase] {
        let missing = ids.filter { loaded[$0] == nil }
        if missing.count > 1 {
            for (id, result) in Self.readAll(missing, in: path) {
                switch result {
                case .success(let (stored, _)):
                    loaded[id] = stored
                case .failure(let problem):
                    problemList.removeAll { $0.fileName == problem.fileName }
                    problemList.append(problem)
                }
            }
        }
        return ids.compactMap { loaded[$0] ?? load($0) }
    }

    /// Reads every case again from disk, forgetting what was decoded.
    public func reloadAll() throws(SystemError) {
        _ = try FileSystem.listDirectory(path)
        loaded = [:]
        entries = nil
        refresh()
    }

    /// Reads one case again from disk (after a refused save, to take the outside change).
    @discardableResult
    public func reload(_ id: CaseID) -> StoredCase? {
        loaded[id] = nil
        refresh()
        return load(id)
    }

    /// Resolves a reference (id, id prefix, part of a title). An exact id needs no scan.
    public func resolve(_ reference: String) -> CaseResolution {
        let wanted = reference.trimmingWhitespace()
        if let id = CaseID(wanted), loaded[id] != nil || FileSystem.exists(filePath(of: id)) {
            return .found(id)
        }
        scanIfNeeded()
        return CaseReference.resolve(reference, among: sortedIDs.compactMap { id in entries?[id].map { (id, $0.title) } })
    }

    // MARK: Writing

    /// Saves `sheet` as case `id`, writing only that file.
    ///
    /// Under the store's lock, the file is read again and compared, by content, with `base` — the
    /// version the edit was made from, by default the document `sheet` was read from
    /// (`sheet.original`). When someone else changed it meanwhile, the two changes are merged field
    /// by field (`SheetMerge`): a clean merge is written and says which fields came from the file;
    /// a conflict is refused with nothing written, unless `force`, which writes the merge with the
    /// edit's values where they conflict. Refused too when the file can no longer be read or a
    /// newer casebook wrote it (even under `force`: such a file is never overwritten). Saving what
    /// the file already holds writes nothing.
    @discardableResult
    public func save(_ sheet: CaseSheet, as id: CaseID, base: CaseSheet? = nil, force: Bool = false) throws(SaveError) -> SaveOutcome {
        try locked(id) { () throws(SaveError) -> SaveOutcome in
            let filePath = filePath(of: id)
            guard FileSystem.exists(filePath) else {
                guard force else { throw loaded[id] == nil && base == nil && sheet.original == nil ? .noSuchCase(id) : .deletedOnDisk(id) }
                return try written(sheet, as: id, over: nil, fromFile: [], overwritten: [])
            }
            let theirs: StoredCase
            switch Self.read(filePath, id: id) {
            case .success(let stored): theirs = stored
            case .failure(let problem):
                if case .unreadable(let error) = problem.reason, error.code == ENOENT { throw .deletedOnDisk(id) }
                throw .unreadableOnDisk(id, problem.reason)
            }
            if theirs.isReadOnly { throw .readOnly(id, schema: theirs.schemaVersion) }
            let base = base ?? sheet.original.flatMap { try? SheetCodec.decode($0) } ?? CaseSheet()
            guard theirs.sheet != base else {
                return try written(sheet, as: id, over: theirs, fromFile: [], overwritten: [])
            }
            let merge = SheetMerge.merge(base: base, mine: sheet, theirs: theirs.sheet)
            if !merge.isClean && !force {
                // The store now knows the file as it is; the edit stays with the caller.
                loaded[id] = theirs
                throw .conflict(id, merge.conflicts)
            }
            return try written(merge.merged, as: id, over: theirs, fromFile: merge.takenFromTheirs, overwritten: merge.conflicts)
        }
    }

    /// Writes `sheet` unless the file (`over`) already holds exactly its bytes.
    private func written(_ sheet: CaseSheet, as id: CaseID, over current: StoredCase?, fromFile: [SheetField],
                         overwritten: [SheetMergeConflict]) throws(SaveError) -> SaveOutcome {
        let bytes = CanonicalJSONWriter.bytes(of: SheetCodec.encode(sheet))
        if let current, current.bytesOnDisk == bytes {
            loaded[id] = current
            return SaveOutcome(stored: current, wrote: false, fromFile: fromFile, overwritten: overwritten)
        }
        let stored = try write(bytes, sheet: sheet, as: id)
        return SaveOutcome(stored: stored, wrote: true, fromFile: fromFile, overwritten: overwritten)
    }

    /// Runs `body` holding the store's lock (`FileSystem.lockDirectory`), which every casebook
    /// process takes around compare-write-rename, so that two saves of one case never both read
    /// the old file. Public so that other writers of the store (a merge into the work tree) can take it.
    /// A termination signal (SIGTERM, SIGHUP) arriving meanwhile waits until the save is done.
    public func locked<T>(_ id: CaseID, _ body: () throws(SaveError) -> T) throws(SaveError) -> T {
        try FileSystem.deferringTerminationSignals { () throws(SaveError) -> T in
            let lock: Int32
            do throws(SystemError) {
                lock = try FileSystem.lockDirectory(path, timeout: lockTimeout)
            } catch {
                throw .system(id, error)
            }
            defer { FileSystem.unlock(lock) }
            return try body()
        }
    }

    /// Creates case `id` with `sheet`; refused when the id is taken. With `bytes` (the file of
    /// `sheet`), the file is those bytes as they are: a renamed case, or a committed version put
    /// back, keeps what was written, fields of a newer casebook included.
    @discardableResult
    public func create(_ sheet: CaseSheet, as id: CaseID, bytes: [UInt8]? = nil) throws(SaveError) -> StoredCase {
        try locked(id) { () throws(SaveError) -> StoredCase in
            if loaded[id] != nil || FileSystem.exists(filePath(of: id)) { throw .alreadyExists(id) }
            return try write(bytes ?? CanonicalJSONWriter.bytes(of: SheetCodec.encode(sheet)), sheet: sheet, as: id)
        }
    }

    /// Gives case `id` the id `target`: its file, bytes and all, takes the new name in one step of
    /// the file system, so that a crash leaves the case under one id or the other, never both.
    @discardableResult
    public func rename(_ id: CaseID, to target: CaseID) throws(SaveError) -> StoredCase {
        guard let stored = load(id) else { throw .noSuchCase(id) }
        try locked(id) { () throws(SaveError) in
            // Checked under the lock every casebook takes to create a case.
            if loaded[target] != nil || FileSystem.exists(filePath(of: target)) { throw .alreadyExists(target) }
            do throws(SystemError) {
                try FileSystem.moveFile(filePath(of: id), to: filePath(of: target))
                try FileSystem.syncDirectory(path)
            } catch {
                throw .system(id, error)
            }
        }
        let renamed = StoredCase(id: target, sheet: stored.sheet, bytesOnDisk: stored.bytesOnDisk, schemaVersion: stored.schemaVersion)
        loaded[id] = nil
        loaded[target] = renamed
        if entries != nil {
            let entry = entries?[id]
            entries?[id] = nil
            if let entry, let fingerprint = FileSystem.fingerprint(filePath(of: target)) {
                entries?[target] = StoreIndex.Entry(fingerprint: fingerprint, contentHash: entry.contentHash, summary: entry.summary)
            }
            sortedIDs = entries!.keys.sorted()
        }
        generation += 1
        return renamed
    }

    /// Removes case `id`'s file.
    public func delete(_ id: CaseID) throws(SaveError) {
        guard load(id) != nil else { throw .noSuchCase(id) }
        try locked(id) { () throws(SaveError) in
            do throws(SystemError) {
                try FileSystem.removeFile(filePath(of: id))
                try FileSystem.syncDirectory(path)
            } catch {
                throw .system(id, error)
            }
        }
        loaded[id] = nil
        if entries != nil {
            entries?[id] = nil
            sortedIDs.removeAll { $0 == id }
        }
        generation += 1
    }

    @discardableResult
    private func write(_ bytes: [UInt8], sheet: CaseSheet, as id: CaseID) throws(SaveError) -> StoredCase {
        do {
            try FileSystem.replaceAtomically(directory: path, name: id.fileName, with: bytes)
        } catch {
            throw .system(id, error)
        }
        var saved = sheet
        saved.original = try? JSONParser.parse(bytes)
        // The schema the file says: a newer casebook's file written as it was stays read-only here.
        let schema = saved.original.flatMap(SheetCodec.schemaVersion(of:)) ?? SheetCodec.schemaVersion
        let stored = StoredCase(id: id, sheet: saved, bytesOnDisk: bytes, schemaVersion: schema)
        loaded[id] = stored
        // Keep the in-memory index current without touching the others: a save costs the same in any store.
        if entries != nil, let fingerprint = FileSystem.fingerprint(filePath(of: id)) {
            let isNew = entries?[id] == nil
            entries?[id] = StoreIndex.Entry(fingerprint: fingerprint, contentHash: Checksum.of(bytes), summary: CaseSummary(of: saved))
            if isNew { sortedIDs = entries!.keys.sorted() }
        }
        generation += 1
        return stored
    }
}

/// Cases by id, decoded on first access.
public struct CaseLookup {
    let store: CaseStore

    /// The case `id`, or `nil` when there is no loadable case with that id.
    public subscript(id: CaseID) -> StoredCase? { store.load(id) }

    /// How many cases the store holds.
    public var count: Int { store.count }
}
