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

    private let indexLocation: StoreIndex.Location?
    private var entries: [CaseID: StoreIndex.Entry]?
    private var loaded: [CaseID: StoredCase] = [:]
    private var problemList: [StoreProblem] = []
    private var sortedIDs: [CaseID] = []

    /// Why a store could not be opened.
    public enum OpenError: Error, Sendable, Equatable {
        /// The directory does not exist.
        case missing(String)
        /// The directory could not be listed.
        case system(SystemError)
    }

    /// Opens the store at `path` and sweeps temporary files a crash left.
    ///
    /// - Parameter environment: where the index lives (XDG_CACHE_HOME, HOME); `useIndex: false` keeps none.
    public init(path: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                useIndex: Bool = true) throws(OpenError) {
        let absolute = FileSystem.absolutePath(path)
        self.path = absolute.count > 1 && absolute.hasSuffix("/") ? String(absolute.dropLast()) : absolute
        guard FileSystem.isDirectory(self.path) else { throw .missing(self.path) }
        indexLocation = useIndex ? StoreIndex.Location(storePath: self.path, environment: environment) : nil
        do {
            for name in try FileSystem.listDirectory(self.path) where Self.isTemporaryName(name) {
                try? FileSystem.removeFile(self.path + "/" + name)
            }
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
    public var orderedSummaries: [(id: CaseID, summary: CaseSummary)] {
        scanIfNeeded()
        return sortedIDs.compactMap { id in entries?[id].map { (id, $0.summary) } }
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

    /// Brings the store up to date with the directory: new, changed and removed files are noticed
    /// (by size, times, inode, and for recent files content), read and summarised; unchanged
    /// files are not read. A decoded case whose file changed is dropped, to be read again.
    public func refresh() {
        let firstScan = entries == nil
        var current = entries ?? [:]
        let index = firstScan ? indexLocation.map(StoreIndex.read) ?? StoreIndex() : StoreIndex()
        let names = (try? FileSystem.listDirectory(path)) ?? []
        var found: Set<CaseID> = []
        var toRead: [(CaseID, FileFingerprint?)] = []
        var newProblems: [StoreProblem] = []
        var changed = false
        for name in names where name.hasSuffix(".json") && !name.hasPrefix(".") {
            guard let id = CaseID(String(name.dropLast(5))) else {
                newProblems.append(StoreProblem(fileName: name, reason: .badFileName))
                continue
            }
            guard let fingerprint = FileSystem.fingerprint(path + "/" + name) else {
                toRead.append((id, nil))
                continue
            }
            found.insert(id)
            if let entry = current[id], entry.fingerprint == fingerprint { continue }
            if let entry = index.entries[name], index.isTrustworthy(entry, for: fingerprint) {
                current[id] = entry
                continue
            }
            if let entry = index.entries[name], entry.fingerprint.size == fingerprint.size {
                // Recent or touched: trust it only if the content is the same.
                if let bytes = try? FileSystem.readFile(path + "/" + name), FNV1a.hash(bytes) == entry.contentHash {
                    current[id] = StoreIndex.Entry(fingerprint: fingerprint, contentHash: entry.contentHash, summary: entry.summary)
                    continue
                }
            }
            toRead.append((id, fingerprint))
        }
        for id in Array(current.keys) where !found.contains(id) {
            current[id] = nil
            loaded[id] = nil
            changed = true
        }
        for (id, result) in Self.readAll(toRead.map { $0.0 }, in: path) {
            loaded[id] = nil
            switch result {
            case .success(let (stored, fingerprint)):
                current[id] = StoreIndex.Entry(fingerprint: fingerprint, contentHash: FNV1a.hash(stored.bytesOnDisk),
                                               summary: CaseSummary(of: stored.sheet))
                // Keep the decoded sheet only when it is one of few, so a cold scan of a large store stays small.
                if toRead.count <= 64 { loaded[id] = stored }
            case .failure(let problem):
                current[id] = nil
                newProblems.append(problem)
            }
            changed = true
        }
        if !toRead.isEmpty || firstScan && index.entries.count != current.count { changed = true }
        // A decoded case whose file changed behind us is read again when next asked for.
        for (id, stored) in loaded where current[id]?.contentHash != FNV1a.hash(stored.bytesOnDisk) {
            loaded[id] = nil
        }
        entries = current
        problemList = newProblems.sorted { $0.fileName < $1.fileName }
        sortedIDs = current.keys.sorted()
        if changed || firstScan {
            generation += 1
        }
        if changed, let indexLocation {
            writeIndex(to: indexLocation, entries: current)
        }
    }

    /// Reads and decodes files, on every core when there are many.
    private static func readAll(_ ids: [CaseID], in path: String) -> [(CaseID, Result<(StoredCase, FileFingerprint), StoreProblem>)] {
        guard !ids.isEmpty else { return [] }
        let results = UnsafeMutableBufferPointer<Result<(StoredCase, FileFingerprint), StoreProblem>?>.allocate(capacity: ids.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        nonisolated(unsafe) let shared = results
        let work: @Sendable (Int) -> Void = { index in
            let filePath = path + "/" + ids[index].fileName
            let fingerprint = FileSystem.fingerprint(filePath)
            shared[index] = read(filePath, id: ids[index]).map { ($0, fingerprint ?? FileFingerprint(size: 0, modifiedSeconds: 0, modifiedNanoseconds: 0, changedSeconds: 0, changedNanoseconds: 0, inode: 0)) }
        }
        if ids.count >= 64 {
            DispatchQueue.concurrentPerform(iterations: ids.count, execute: work)
        } else {
            for index in ids.indices { work(index) }
        }
        return ids.indices.map { (ids[$0], results[$0]!) }
    }

    /// Writes the index; the search texts of entries that lack them come from the old index or the files.
    private func writeIndex(to location: StoreIndex.Location, entries current: [CaseID: StoreIndex.Entry]) {
        var byName: [String: StoreIndex.Entry] = [:]
        var oldTexts: StoreIndex.SearchTexts?
        for (id, var entry) in current {
            if entry.summary.searchText == nil {
                if oldTexts == nil { oldTexts = StoreIndex.readSearchTexts(location) }
                if oldTexts?.records[id.fileName]?.hash == entry.contentHash { entry.summary.searchText = oldTexts?.text(of: id.fileName) }
            }
            byName[id.fileName] = entry
        }
        StoreIndex.write(byName, to: location, now: FileSystem.nowNanoseconds())
    }

    /// The cases whose search text (`CaseSummary.searchText`) contains `normalizedNeedle`, in store
    /// order: `find`'s first pass. Texts come from the index where they are current — searched as
    /// bytes, without a string per case — and from the files otherwise.
    public func cases(whoseSearchTextContains normalizedNeedle: String) -> [CaseID] {
        scanIfNeeded()
        guard var current = entries else { return [] }
        let needle = Array(normalizedNeedle.utf8)
        guard !needle.isEmpty else { return [] }
        var indexTexts: StoreIndex.SearchTexts?
        var unread: [CaseID] = []
        var matches = Set<CaseID>()
        for id in sortedIDs {
            if let text = current[id]?.summary.searchText {
                if text.utf8.count >= needle.count, Self.bytes(text.utf8, contain: needle) { matches.insert(id) }
                continue
            }
            if indexTexts == nil { indexTexts = indexLocation.map(StoreIndex.readSearchTexts) ?? StoreIndex.SearchTexts() }
            if let record = indexTexts?.records[id.fileName], record.hash == current[id]?.contentHash {
                if indexTexts!.bytes.withUnsafeBufferPointer({ Self.bytes($0[record.range], contain: needle) }) { matches.insert(id) }
            } else {
                unread.append(id)
            }
        }
        for (id, result) in Self.readAll(unread, in: path) {
            if case .success(let (stored, _)) = result {
                let text = CaseSummary(of: stored.sheet).searchText ?? ""
                current[id]?.summary.searchText = text
                if Self.bytes(text.utf8, contain: needle) { matches.insert(id) }
            }
        }
        if !unread.isEmpty {
            entries = current
            if let indexLocation { writeIndex(to: indexLocation, entries: current) }
        }
        return sortedIDs.filter(matches.contains)
    }

    /// `transform` applied to the sheet of each of `ids`, in order, on every core; `nil` for a case
    /// that does not load. For work over many cases that does not change them (`find`'s exact pass).
    public func mapSheets<T: Sendable>(_ ids: [CaseID], _ transform: @escaping @Sendable (CaseID, CaseSheet) -> T) -> [T?] {
        let known = ids.map { loaded[$0] }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: ids.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        nonisolated(unsafe) let shared = results
        let path = self.path
        let work: @Sendable (Int) -> Void = { index in
            let id = ids[index]
            if let stored = known[index] {
                shared[index] = transform(id, stored.sheet)
            } else if case .success(let stored) = Self.read(path + "/" + id.fileName, id: id) {
                shared[index] = transform(id, stored.sheet)
            }
        }
        if ids.count >= 16 {
            DispatchQueue.concurrentPerform(iterations: ids.count, execute: work)
        } else {
            for index in ids.indices { work(index) }
        }
        return Array(results)
    }

    /// Whether `haystack` contains `needle`: memchr for the first byte, memcmp for the rest.
    static func bytes<C: Collection<UInt8>>(_ haystack: C, contain needle: [UInt8]) -> Bool {
        if let found = haystack.withContiguousStorageIfAvailable({ buffer -> Bool in
            guard let base = buffer.baseAddress, let first = needle.first, buffer.count >= needle.count else { return needle.isEmpty }
            return needle.withUnsafeBufferPointer { pattern -> Bool in
                var start = base
                let last = base + (buffer.count - needle.count)
                while start <= last {
                    guard let hit = memchr(start, Int32(first), last - start + 1) else { return false }
                    let candidate = hit.assumingMemoryBound(to: UInt8.self)
                    if memcmp(candidate, pattern.baseAddress!, needle.count) == 0 { return true }
                    start = UnsafePointer(candidate) + 1
                }
                return false
            }
        }) {
            return found
        }
        return bytes(Array(haystack), contain: needle)
    }

    // MARK: Reading one case

    /// Reads one file as a case.
    static func read(_ filePath: String, id: CaseID) -> Result<StoredCase, StoreProblem> {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readFile(filePath)
        } catch {
            return .failure(StoreProblem(fileName: id.fileName, reason: .unreadable(error)))
        }
        return decode(bytes, id: id)
    }

    /// Decodes a file's bytes as a case.
    static func decode(_ bytes: [UInt8], id: CaseID) -> Result<StoredCase, StoreProblem> {
        let name = id.fileName
        if hasConflictMarkers(bytes) { return .failure(StoreProblem(fileName: name, reason: .conflicted)) }
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            if error.reason == "not valid UTF-8" || String(validating: bytes, as: UTF8.self) == nil {
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
                let hash = FNV1a.hash(stored.bytesOnDisk)
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
        return CaseReference.resolve(reference, among: orderedSummaries.map { ($0.id, $0.summary.title) })
    }

    // MARK: Writing

    /// Saves `sheet` as case `id`, writing only that file.
    ///
    /// Refused, with nothing written, when the file changed on disk since it was
    /// read (compared by content) unless `force`, and when a newer casebook wrote it.
    /// Saving a sheet that did not change writes nothing.
    public func save(_ sheet: CaseSheet, as id: CaseID, force: Bool = false) throws(SaveError) {
        guard let stored = load(id) else { throw .noSuchCase(id) }
        if stored.isReadOnly { throw .readOnly(id, schema: stored.schemaVersion) }
        let bytes = CanonicalJSONWriter.bytes(of: SheetCodec.encode(sheet))
        let current = try? FileSystem.readFile(filePath(of: id))
        if !force, current != stored.bytesOnDisk { throw .changedOnDisk(id) }
        if current == bytes {
            loaded[id] = StoredCase(id: id, sheet: sheet, bytesOnDisk: bytes, schemaVersion: SheetCodec.schemaVersion)
            return
        }
        try write(bytes, sheet: sheet, as: id)
    }

    /// Creates case `id` with `sheet`; refused when the id is taken.
    public func create(_ sheet: CaseSheet, as id: CaseID) throws(SaveError) {
        if loaded[id] != nil || FileSystem.exists(filePath(of: id)) { throw .alreadyExists(id) }
        try write(CanonicalJSONWriter.bytes(of: SheetCodec.encode(sheet)), sheet: sheet, as: id)
    }

    /// Removes case `id`'s file.
    public func delete(_ id: CaseID) throws(SaveError) {
        guard load(id) != nil else { throw .noSuchCase(id) }
        do {
            try FileSystem.removeFile(filePath(of: id))
            try FileSystem.syncDirectory(path)
        } catch {
            throw .system(error)
        }
        loaded[id] = nil
        if entries != nil {
            entries?[id] = nil
            sortedIDs.removeAll { $0 == id }
        }
        generation += 1
    }

    private func write(_ bytes: [UInt8], sheet: CaseSheet, as id: CaseID) throws(SaveError) {
        do {
            try FileSystem.replaceAtomically(directory: path, name: id.fileName, with: bytes)
        } catch {
            throw .system(error)
        }
        var saved = sheet
        saved.original = try? JSONParser.parse(bytes)
        let stored = StoredCase(id: id, sheet: saved, bytesOnDisk: bytes, schemaVersion: SheetCodec.schemaVersion)
        loaded[id] = stored
        // Keep the in-memory index current without touching the others: a save costs the same in any store.
        if entries != nil, let fingerprint = FileSystem.fingerprint(filePath(of: id)) {
            let isNew = entries?[id] == nil
            entries?[id] = StoreIndex.Entry(fingerprint: fingerprint, contentHash: FNV1a.hash(bytes), summary: CaseSummary(of: saved))
            if isNew { sortedIDs = entries!.keys.sorted() }
        }
        generation += 1
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
