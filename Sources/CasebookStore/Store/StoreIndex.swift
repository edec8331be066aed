import CasebookCore

#if canImport(Glibc)
import Glibc
#endif

/// The store's index: a cache, outside the store, of each case file's fingerprint and summary
/// (the summary file), and of what `find` searches (the text file), so that `list`, completion
/// and `find` need not decode every file of a large store.
///
/// It is never trusted blindly: a summary is used only while the file's size, times and inode
/// are unchanged, and a file modified within `racyWindow` of the index being written is read
/// again and compared by content hash (the clock may not have ticked between two writes).
/// A search record is used only while its content hash is the file's.
struct StoreIndex {
    /// One indexed case file.
    struct Entry: Sendable {
        var fingerprint: FileFingerprint
        var contentHash: UInt64
        /// The summary, when it was made from the sheet (boxed: entries are copied by the ten thousand).
        private var madeBox: MadeSummary?
        /// Where the summary lies in the summary file, when it was read from there: its strings are
        /// made only when asked for, since `find` and the shell's start need few of them.
        private var stored: (file: SummaryFile, fields: Range<Int>)?
        private var made: CaseSummary? { madeBox?.summary }

        init(fingerprint: FileFingerprint, contentHash: UInt64, summary: CaseSummary) {
            self.fingerprint = fingerprint
            self.contentHash = contentHash
            madeBox = MadeSummary(summary: summary)
        }

        init(fingerprint: FileFingerprint, contentHash: UInt64, file: SummaryFile, fields: Range<Int>) {
            self.fingerprint = fingerprint
            self.contentHash = contentHash
            stored = (file, fields)
        }

        /// The case's summary.
        var summary: CaseSummary {
            if let made { return made }
            let (file, range) = stored!
            return file.withBytes { buffer in
                // The record was checked when read: a known status and a number of flags, then the texts.
                var columns: [Range<Int>] = []
                var start = range.lowerBound
                for position in range where buffer[position] == fieldSeparator {
                    columns.append(start..<position)
                    start = position + 1
                }
                columns.append(start..<range.upperBound)
                func part(_ column: SummaryColumn) -> Range<Int> {
                    let offset = column.rawValue - SummaryColumn.status.rawValue
                    return offset < columns.count ? columns[offset] : range.upperBound..<range.upperBound
                }
                func text(_ column: SummaryColumn) -> String { StoreIndex.text(buffer[part(column)]) }
                func list(_ column: SummaryColumn) -> [String] { StoreIndex.list(buffer[part(column)]) }
                return CaseSummary(title: text(.title), normalizedTitle: text(.normalizedTitle), form: text(.form),
                                   departments: list(.departments), partners: list(.partners),
                                   started: text(.started), domain: text(.domain), status: SheetStatus(rawValue: text(.status)) ?? .draft,
                                   flagCount: Int(text(.flagCount)) ?? 0)
            }
        }

        /// The case's 事業名, without making the rest of its summary.
        var title: String { made?.title ?? storedColumn(.title) { StoreIndex.text($0) } ?? "" }

        /// The case's 事業名 in search form, likewise.
        var normalizedTitle: String { made?.normalizedTitle ?? storedColumn(.normalizedTitle) { StoreIndex.text($0) } ?? "" }

        /// The case's departments, likewise.
        var departments: [String] { made?.departments ?? storedColumn(.departments) { StoreIndex.list($0) } ?? [] }

        /// `read` of one column of the stored summary (which starts at the status column), as its bytes.
        private func storedColumn<T>(_ column: SummaryColumn, _ read: (Slice<UnsafeBufferPointer<UInt8>>) -> T) -> T? {
            guard let (file, range) = stored else { return nil }
            return file.withBytes { buffer in
                var start = range.lowerBound
                for _ in 0..<(column.rawValue - SummaryColumn.status.rawValue) {
                    start = (buffer[start..<range.upperBound].firstIndex(of: fieldSeparator) ?? range.upperBound - 1) + 1
                }
                let end = buffer[start..<range.upperBound].firstIndex(of: fieldSeparator) ?? range.upperBound
                return read(buffer[start..<end])
            }
        }
    }

    /// A summary made from a sheet.
    final class MadeSummary: Sendable {
        let summary: CaseSummary
        init(summary: CaseSummary) { self.summary = summary }
    }

    /// The summary file's bytes, shared by the entries read from it.
    final class SummaryFile: Sendable {
        private let mapped: MappedFile
        init(mapped: MappedFile) { self.mapped = mapped }

        /// `body` of the file's bytes.
        func withBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T { body(mapped.bytes) }
    }

    /// Where the index of one store lives: `$XDG_CACHE_HOME/casebook/` or `~/.cache/casebook/`,
    /// named after the store's path.
    struct Location {
        let summaryPath: String
        let textPath: String
        let directory: String

        init?(storePath: String, environment: [String: String]) {
            guard let directory = Self.directory(environment: environment) else { return nil }
            self.directory = directory
            let key = String(SHA256.hex(of: Array(storePath.utf8)).prefix(24))
            summaryPath = directory + "/index-" + key + ".summary"
            textPath = directory + "/index-" + key + ".text"
        }

        /// casebook's cache directory, where the indexes (and the export ledgers) live; `nil` when
        /// the environment names no absolute cache or home directory.
        static func directory(environment: [String: String]) -> String? {
            if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") { return cache + "/casebook" }
            if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.cache/casebook" }
            return nil
        }
    }

    static let racyWindowNanoseconds: Int64 = 2_000_000_000
    /// Each file's first line: its format (summaries 12 and texts 11: each block checksummed as a
    /// `Checksum.Stream`, so that a file is checksummed as it is written, piece by piece; summaries 11: a text's bytes FS, GS, RS and US escaped and
    /// an empty list item marked, so that every summary reads back exactly; 10: the status as it stands, not as recorded;
    /// 9 and 10: a text as written kept as edits of its search
    /// form; before, content hashed by the four-lane `Checksum`, a text written as searched kept
    /// once, 〜 searched as ～, voiced half-width kana composed) and the sheet's schema fingerprint (an index written by a casebook with other
    /// fields is rebuilt instead of read with shifted field codes), (for the summaries) when it was
    /// written, and the checksum of everything after that line, in sixteen hex digits. A file whose checksum does not
    /// match — cut short, a byte lost or changed — is not read at all, and the index is rebuilt
    /// from the case files.
    static let summaryHeader = "casebook-index 12-" + SheetSchema.fingerprint
    static let textHeader = "casebook-text 11-" + SheetSchema.fingerprint
    private static let recordSeparator: UInt8 = 0x1E
    private static let fieldSeparator: UInt8 = 0x1F
    private static let listSeparator: UInt8 = 0x1D
    /// In a text column, the byte before an escaped byte, and (before `@`) an empty list item's mark.
    private static let escapeByte: UInt8 = 0x1C
    private static let emptyItemMark = UInt8(ascii: "@")
    /// The columns of a summary record, in the order they are written.
    /// The index's two files.
    enum File: Sendable {
        /// Each case's fingerprint, content hash and summary.
        case summaries
        /// Each case's search record.
        case texts
    }

    enum SummaryColumn: Int, CaseIterable {
        case id, size, modifiedSeconds, modifiedNanoseconds, changedSeconds, changedNanoseconds, inode, contentHash
        case status, flagCount
        case title, normalizedTitle, form, departments, partners, started, domain

        /// `allCases`, made once: ten thousand records are written a column at a time.
        static let everyColumn = allCases
    }

    /// The columns of a summary record read when the index is: id, fingerprint, hash, status and
    /// flags. The texts that follow are read only when asked for.
    private static let leadingFields = SummaryColumn.flagCount.rawValue + 1

    /// The entries, by case.
    var entries: [CaseID: Entry] = [:]
    /// The cases in the order the file lists them: store order, as the file is written sorted.
    var orderedIDs: [CaseID] = []
    /// When the index was written, in nanoseconds since the epoch.
    var writtenAt: Int64 = 0

    /// Whether an entry with `fingerprint`, read from this index, may be used for a file with that
    /// same fingerprint without reading it: only when the file had not changed recently when the
    /// index was written.
    func isTrustworthy(_ fingerprint: FileFingerprint) -> Bool {
        let modified = fingerprint.modifiedSeconds * 1_000_000_000 + fingerprint.modifiedNanoseconds
        let changed = fingerprint.changedSeconds * 1_000_000_000 + fingerprint.changedNanoseconds
        return max(modified, changed) < writtenAt - Self.racyWindowNanoseconds
    }

    // MARK: The summary file

    /// The index at `location`, or an empty one when there is none or it cannot be read.
    static func read(_ location: Location) -> StoreIndex {
        var index = StoreIndex()
        guard let mapped = try? FileSystem.mapFile(location.summaryPath) else { return index }
        let bytes = mapped.bytes
        guard let headerEnd = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return index }
        let header = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<headerEnd]), as: UTF8.self).split(separator: " ")
        guard header.count == 4, header[0] + " " + header[1] == summaryHeader, let writtenAt = Int64(header[2]),
              UInt64(header[3], radix: 16) == checksum(of: UnsafeBufferPointer(rebasing: bytes[(headerEnd + 1)...])) else { return index }
        index.writtenAt = writtenAt
        let file = SummaryFile(mapped: mapped)
        index.entries.reserveCapacity(bytes.count / 200)
        var fields: [Range<Int>] = []
        fields.reserveCapacity(leadingFields)
        var start = headerEnd + 1
        while start < bytes.count, let end = ByteSearch.firstOffset(of: recordSeparator, in: bytes, from: start) {
            // The leading fields are short: scan them; the texts after them are skipped with memchr above.
            fields.removeAll(keepingCapacity: true)
            var fieldStart = start
            var position = start
            while position < end && fields.count < leadingFields {
                if bytes[position] == fieldSeparator {
                    fields.append(fieldStart..<position)
                    fieldStart = position + 1
                }
                position += 1
            }
            if fields.count == leadingFields, let (id, entry) = entry(from: fields, texts: fields[SummaryColumn.status.rawValue].lowerBound..<end, in: bytes, file: file),
               index.entries.updateValue(entry, forKey: id) == nil {
                index.orderedIDs.append(id)
            }
            start = end + 1
        }
        return index
    }

    /// One record's entry, or `nil` when a field does not read.
    private static func entry(from fields: [Range<Int>], texts: Range<Int>, in buffer: UnsafeBufferPointer<UInt8>,
                              file: SummaryFile) -> (CaseID, Entry)? {
        func number(_ column: SummaryColumn, radix: UInt64 = 10) -> UInt64? {
            let i = column.rawValue
            var value: UInt64 = 0
            guard !fields[i].isEmpty, fields[i].count <= (radix == 10 ? 19 : 16) else { return nil }
            for byte in buffer[fields[i]] {
                let digit: UInt64
                switch byte {
                case 0x30...0x39: digit = UInt64(byte - 0x30)
                case 0x61...0x66 where radix == 16: digit = UInt64(byte - 0x61 + 10)
                default: return nil
                }
                value = value &* radix &+ digit
            }
            return value
        }
        func signed(_ column: SummaryColumn) -> Int64? { number(column).flatMap(Int64.init(exactly:)) }
        guard let id = CaseID(String(decoding: UnsafeBufferPointer(rebasing: buffer[fields[SummaryColumn.id.rawValue]]), as: UTF8.self)),
              let size = signed(.size), let ms = signed(.modifiedSeconds), let mns = signed(.modifiedNanoseconds),
              let cs = signed(.changedSeconds), let cns = signed(.changedNanoseconds),
              let inode = number(.inode), let hash = number(.contentHash, radix: 16),
              SheetStatus.allCases.contains(where: { buffer[fields[SummaryColumn.status.rawValue]].elementsEqual($0.rawValue.utf8) }),
              number(.flagCount) != nil else { return nil }
        let fingerprint = FileFingerprint(size: size, modifiedSeconds: ms, modifiedNanoseconds: mns,
                                          changedSeconds: cs, changedNanoseconds: cns, inode: inode)
        return (id, Entry(fingerprint: fingerprint, contentHash: hash, file: file, fields: texts))
    }

    /// Writes the summary file, its records in the order of `ids` (store order, as `read` expects
    /// it), each made on every core. A failure leaves the old index or none: the index is only ever a cache.
    static func writeSummaries(_ entries: [CaseID: Entry], in ids: [CaseID], to location: Location, now: Int64) {
        let records = Parallel.map(ids.count) { position -> [UInt8] in
            guard let entry = entries[ids[position]] else { return [] }
            return summaryRecord(of: ids[position], entry)
        }
        writeFile(location.summaryPath, in: location, header: { "\(summaryHeader) \(now) \($0)" }) { body in
            for record in records { record.withUnsafeBufferPointer(body.add) }
        }
    }

    /// One case's record in the summary file: its columns, separated by US, ended by RS.
    private static func summaryRecord(of id: CaseID, _ entry: Entry) -> [UInt8] {
        var record: [UInt8] = []
        // Room for most records (their median is some 320 bytes), so that few are grown and copied.
        record.reserveCapacity(512)
        appendSummaryRecord(of: id, entry, to: &record)
        return record
    }

    /// Appends `summaryRecord(of: id, entry)` to `record`.
    static func appendSummaryRecord(of id: CaseID, _ entry: Entry, to record: inout [UInt8]) {
        let f = entry.fingerprint
        let s = entry.summary
        for column in SummaryColumn.everyColumn {
            if column.rawValue > 0 { record.append(fieldSeparator) }
            switch column {
            case .id: record.append(contentsOf: id.rawValue.utf8)
            case .size: appendNumber(f.size, to: &record)
            case .modifiedSeconds: appendNumber(f.modifiedSeconds, to: &record)
            case .modifiedNanoseconds: appendNumber(f.modifiedNanoseconds, to: &record)
            case .changedSeconds: appendNumber(f.changedSeconds, to: &record)
            case .changedNanoseconds: appendNumber(f.changedNanoseconds, to: &record)
            case .inode: appendNumber(f.inode, to: &record)
            case .contentHash: appendNumber(entry.contentHash, radix: 16, to: &record)
            case .status: record.append(contentsOf: s.status.rawValue.utf8)
            case .flagCount: appendNumber(s.flagCount, to: &record)
            case .title: appendEscaped(s.title, to: &record)
            case .normalizedTitle: appendEscaped(s.normalizedTitle, to: &record)
            case .form: appendEscaped(s.form, to: &record)
            case .departments: appendList(s.departments, to: &record)
            case .partners: appendList(s.partners, to: &record)
            case .started: appendEscaped(s.started, to: &record)
            case .domain: appendEscaped(s.domain, to: &record)
            }
        }
        record.append(recordSeparator)
    }

    /// Appends `value`'s digits (in base `radix`, 10 or 16, lower-case) as `String(value, radix:)`
    /// writes them, without making the String: ten thousand records have seven numbers each.
    /// Every number written fits in 64 bits; the two radices are constants, so dividing by them
    /// is a multiplication or a shift, where a division by a variable radix was 2% of a first `find`.
    static func appendNumber<Number: BinaryInteger>(_ value: Number, radix: Int = 10, to record: inout [UInt8]) {
        precondition(radix == 10 || radix == 16, "the index writes numbers in decimal or hexadecimal")
        if value < 0 { record.append(UInt8(ascii: "-")) }
        var rest = UInt64(value.magnitude)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                if radix == 16 {
                    let digit = UInt8(truncatingIfNeeded: rest & 0xF)
                    digits[start] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
                    rest >>= 4
                } else {
                    digits[start] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
                    rest /= 10
                }
            } while rest > 0
            record.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// A list column: its items, each escaped (an empty one marked), separated by GS.
    private static func appendList(_ items: [String], to record: inout [UInt8]) {
        for (position, item) in items.enumerated() {
            if position > 0 { record.append(listSeparator) }
            if item.isEmpty { record.append(contentsOf: [escapeByte, emptyItemMark]) } else { appendEscaped(item, to: &record) }
        }
    }

    /// The size of the blocks an index file's body is checksummed in, each on its own (in parallel,
    /// or as a file is written), and then the checksums of the blocks together.
    static let checksumBlockSize = 4 << 20

    /// The checksum of an index file's records (everything after its first line): the
    /// `Checksum.Stream` of each 4 MiB block, made on every core, then the `Checksum` of those.
    /// Every `find` checks the whole text file, 270 MB at 100,000 cases, before it trusts a record of it.
    static func checksum(of bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let blockSize = checksumBlockSize
        let blocks = (bytes.count + blockSize - 1) / blockSize
        nonisolated(unsafe) let shared = bytes
        let sums = Parallel.map(blocks) { block in
            var sum = Checksum.Stream()
            sum.add(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: shared[(block * blockSize)..<min(shared.count, (block + 1) * blockSize)])))
            return sum.value
        }
        return sums.withUnsafeBytes { Checksum.of($0) }
    }

    /// A text column: the text's UTF-8, with each byte the file uses itself (FS, GS, RS, US:
    /// 0x1C–0x1F, which a case file may hold, pasted or written by another program) written as FS
    /// and the byte moved up by 0x20 (`<`…`?`), so that `text` reads back exactly what was written.
    private static func appendEscaped(_ value: String, to record: inout [UInt8]) {
        let start = record.count
        record.append(contentsOf: value.utf8)
        // Almost never: then the text is written again, escaped.
        guard record[start...].contains(where: { $0 >= escapeByte && $0 <= fieldSeparator }) else { return }
        record.removeSubrange(start...)
        for byte in value.utf8 {
            if byte >= escapeByte && byte <= fieldSeparator { record.append(escapeByte); record.append(byte + 0x20) } else { record.append(byte) }
        }
    }

    /// The text a text column's bytes hold (`appendEscaped` undone).
    static func text(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        guard bytes.contains(escapeByte) else { return String(decoding: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self) }
        var plain: [UInt8] = []
        plain.reserveCapacity(bytes.count)
        var position = bytes.startIndex
        while position < bytes.endIndex {
            if bytes[position] == escapeByte, position + 1 < bytes.endIndex {
                let escaped = bytes[position + 1]
                if escaped >= escapeByte + 0x20 && escaped <= fieldSeparator + 0x20 { plain.append(escaped - 0x20) }
                position += 2
            } else {
                plain.append(bytes[position])
                position += 1
            }
        }
        return String(decoding: plain, as: UTF8.self)
    }

    /// The items a list column's bytes hold (`appendList` undone).
    static func list(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> [String] {
        bytes.split(separator: listSeparator).map(text)
    }

    // MARK: The text file

    /// The index's text file read whole: each case's `SearchRecord` as a byte range, from which
    /// the records still current are copied when the file is written again.
    struct SearchTexts {
        /// The file (`nil` when there is none).
        var file: MappedFile?
        /// Each record in file order (store order, as the file is written): where its id lies, the
        /// content hash it was made from, and where its search record lies.
        var records: [(id: Range<Int>, hash: UInt64, range: Range<Int>)] = []

        /// The record (its place in `records`) of each of `ids` (in store order) when it was made
        /// from content with the hash `hashes` gives for it: the file is walked once in step with
        /// `ids`, comparing id bytes, rather than a table of ten thousand ids built.
        func records(of ids: [CaseID], hashes: [UInt64?]) -> [Int?] {
            guard let bytes = file?.bytes else { return ids.map { _ in nil } }
            return StoreIndex.places(of: ids, hashes: hashes, among: records.count) { (UnsafeBufferPointer(rebasing: bytes[records[$0].id]), records[$0].hash) }
        }
    }

    /// The place among `count` records in store order (each record's id bytes and content hash
    /// given by `record`) of each of `ids` (in store order) whose record was made from content
    /// with the hash `hashes` gives for it: the records are walked once in step with `ids`,
    /// comparing id bytes, rather than a table of ten thousand ids built.
    private static func places(of ids: [CaseID], hashes: [UInt64?], among count: Int,
                               _ record: (Int) -> (id: UnsafeBufferPointer<UInt8>, hash: UInt64)) -> [Int?] {
        var found = [Int?](repeating: nil, count: ids.count)
        var next = 0
        for (position, id) in ids.enumerated() {
            guard let hash = hashes[position] else { continue }
            var wanted = id.rawValue
            wanted.withUTF8 { wanted in
                // Ids are ASCII, so byte order is their order.
                while next < count {
                    let candidate = record(next)
                    if candidate.id.lexicographicallyPrecedes(wanted) {
                        next += 1
                    } else {
                        if candidate.id.elementsEqual(wanted), candidate.hash == hash { found[position] = next }
                        return
                    }
                }
            }
        }
        return found
    }

    /// What a search of the index's text file found: each record's id and content hash, and the
    /// texts of those that hold the word. The file is read a block at a time and never held whole.
    struct SearchedTexts: Sendable {
        /// The records' ids, one after another.
        var idBytes: [UInt8] = []
        /// Each record in file order (store order, as the file is written): where its id lies in
        /// `idBytes`, and the content hash it was made from.
        var records: [(id: Range<Int>, hash: UInt64)] = []
        /// The texts holding the word, by place in `records` (records without any are left out).
        var matches: [Int: [(field: SheetField, text: String)]] = [:]

        /// The place in `records` of each of `ids` (in store order) whose record was made from
        /// content with the hash `hashes` gives for it.
        func places(of ids: [CaseID], hashes: [UInt64?]) -> [Int?] {
            idBytes.withUnsafeBufferPointer { idBytes in
                StoreIndex.places(of: ids, hashes: hashes, among: records.count) { (UnsafeBufferPointer(rebasing: idBytes[records[$0].id]), records[$0].hash) }
            }
        }
    }

    /// The records of the index's text file and the texts in them that hold `needle` (UTF-8 of a
    /// normalised word); none when the file is missing, not this version's, or fails its checksum.
    ///
    /// The file is read in its checksum's 4 MiB blocks, on every core, each into a buffer of its
    /// own: a warm `find` at 100,000 cases read all 270 MB into fresh memory first, a sixth of its
    /// CPU in page faults. Each block is checksummed, and the records that begin in it are parsed
    /// and searched (the last read on past the block's end); what was found is used only once the
    /// checksum of every block is the file's.
    static func searchTextFile(_ location: Location, containing needle: [UInt8]) -> SearchedTexts {
        (try? FileSystem.withOpenRegularFile(location.textPath) { fd, size in searchTextFile(fd, size: size, containing: needle) }) ?? SearchedTexts()
    }

    /// One block's part of `searchTextFile`.
    private struct SearchedBlock: Sendable {
        var sum: UInt64
        var idBytes: [UInt8] = []
        var records: [(id: Range<Int>, hash: UInt64)] = []
        var matches: [(place: Int, texts: [(field: SheetField, text: String)])] = []
    }

    private static func searchTextFile(_ fd: Int32, size: Int, containing needle: [UInt8]) -> SearchedTexts {
        // The first line: the format and the checksum.
        var head = [UInt8](repeating: 0, count: min(size, 256))
        guard (try? head.withUnsafeMutableBytes { try SystemCall.read(fd, into: $0, at: 0) }) == head.count,
              let headerEnd = head.firstIndex(of: UInt8(ascii: "\n")) else { return SearchedTexts() }
        guard let expected = head.withUnsafeBufferPointer({ textFileChecksum(in: UnsafeBufferPointer(rebasing: $0[..<headerEnd])) }) else { return SearchedTexts() }
        let bodyStart = headerEnd + 1
        let bodySize = size - bodyStart
        let blockSize = checksumBlockSize
        let blocks = Parallel.map((bodySize + blockSize - 1) / blockSize) { block -> SearchedBlock? in
            searchBlock(block, of: fd, bodyStart: bodyStart, bodySize: bodySize, containing: needle)
        }
        guard blocks.allSatisfy({ $0 != nil }),
              blocks.map({ $0!.sum }).withUnsafeBytes({ Checksum.of($0) }) == expected else { return SearchedTexts() }
        var texts = SearchedTexts()
        texts.idBytes.reserveCapacity(blocks.reduce(0) { $0 + $1!.idBytes.count })
        texts.records.reserveCapacity(blocks.reduce(0) { $0 + $1!.records.count })
        for case let block? in blocks {
            let (placeBase, idBase) = (texts.records.count, texts.idBytes.count)
            texts.idBytes.append(contentsOf: block.idBytes)
            for record in block.records { texts.records.append(((record.id.lowerBound + idBase)..<(record.id.upperBound + idBase), record.hash)) }
            for (place, found) in block.matches { texts.matches[placeBase + place] = found }
        }
        return texts
    }

    /// Block `block` of the text file's body: its checksum, and the records that begin in it,
    /// searched for `needle`; `nil` when it cannot be read whole.
    private static func searchBlock(_ block: Int, of fd: Int32, bodyStart: Int, bodySize: Int, containing needle: [UInt8]) -> SearchedBlock? {
        let blockStart = block * checksumBlockSize
        let blockEnd = min(bodySize, blockStart + checksumBlockSize)
        // From the byte before the block (whether a record begins at its start), through the block.
        let from = max(0, blockStart - 1)
        // Not zeroed first: every byte is read into it, or the block is given up.
        var complete = true
        var buffer = [UInt8](unsafeUninitializedCapacity: blockEnd - from) { bytes, count in
            count = bytes.count
            complete = (try? SystemCall.read(fd, into: UnsafeMutableRawBufferPointer(bytes), at: bodyStart + from)) == bytes.count
        }
        guard complete else { return nil }
        var sum = Checksum.Stream()
        buffer.withUnsafeBytes { sum.add(UnsafeRawBufferPointer(rebasing: $0[(blockStart - from)...])) }
        var found = SearchedBlock(sum: sum.value)
        // The first record that begins in the block: at the body's start, or after the first RS
        // from the byte before the block on.
        var start: Int
        if block == 0 {
            start = 0
        } else if let separator = buffer.withUnsafeBufferPointer({ ByteSearch.firstOffset(of: recordSeparator, in: $0, from: 0) }) {
            start = separator + 1
        } else {
            return found
        }
        let blockLength = buffer.count
        while start < blockLength {
            var end = buffer.withUnsafeBufferPointer { ByteSearch.firstOffset(of: recordSeparator, in: $0, from: start) }
            // The last record goes on past the block: read on until it ends (or the file does).
            while end == nil && from + buffer.count < bodySize {
                let more = min(1 << 20, bodySize - from - buffer.count)
                let position = buffer.count
                buffer.append(contentsOf: repeatElement(0, count: more))
                guard (try? buffer.withUnsafeMutableBytes({ try SystemCall.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: $0[position...]), at: bodyStart + from + position) })) == more else { return nil }
                end = buffer.withUnsafeBufferPointer { ByteSearch.firstOffset(of: recordSeparator, in: $0, from: position) }
            }
            guard let end else { break }
            buffer.withUnsafeBufferPointer { bytes in
                guard let parts = textRecordParts(in: bytes, start..<end) else { return }
                let idStart = found.idBytes.count
                found.idBytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[parts.id]))
                found.records.append((idStart..<found.idBytes.count, parts.hash))
                let record = UnsafeBufferPointer(rebasing: bytes[parts.record])
                needle.withUnsafeBufferPointer { needle in
                    guard SearchRecord.contains(needle, in: record) else { return }
                    let texts = SearchRecord.texts(containing: needle, in: record)
                    if !texts.isEmpty { found.matches.append((found.records.count - 1, texts)) }
                }
            }
            start = end + 1
        }
        return found
    }

    /// The records of the index's text file (none when it is missing or not this version's).
    static func readSearchTexts(_ location: Location) -> SearchTexts {
        var texts = SearchTexts()
        guard let file = try? FileSystem.mapFile(location.textPath) else { return texts }
        let buffer = file.bytes
        guard let headerEnd = buffer.firstIndex(of: UInt8(ascii: "\n")) else { return texts }
        guard let expected = textFileChecksum(in: UnsafeBufferPointer(rebasing: buffer[..<headerEnd])),
              expected == checksum(of: UnsafeBufferPointer(rebasing: buffer[(headerEnd + 1)...])) else { return texts }
        texts.file = file
        texts.records.reserveCapacity(buffer.count / 2048)
        // Each record: id US hash US search-record RS. A search record holds US but never RS.
        var start = headerEnd + 1
        while start < buffer.count, let end = ByteSearch.firstOffset(of: recordSeparator, in: buffer, from: start) {
            if let parts = textRecordParts(in: buffer, start..<end) { texts.records.append((parts.id, parts.hash, parts.record)) }
            start = end + 1
        }
        return texts
    }

    /// The checksum the text file's first line (`line`, without its line break) gives for its
    /// records, or `nil` when the line is not this version's.
    private static func textFileChecksum(in line: UnsafeBufferPointer<UInt8>) -> UInt64? {
        let header = String(decoding: line, as: UTF8.self).split(separator: " ")
        guard header.count == 3, header[0] + " " + header[1] == textHeader else { return nil }
        return UInt64(header[2], radix: 16)
    }

    /// Where the parts of the text file's record at `range` of `bytes` (without its RS) lie: its
    /// id, its content hash's value, and its search record (id US hash US record); `nil` when it
    /// does not read so.
    private static func textRecordParts(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (id: Range<Int>, hash: UInt64, record: Range<Int>)? {
        guard let idEnd = ByteSearch.firstOffset(of: fieldSeparator, in: bytes, from: range.lowerBound), idEnd < range.upperBound,
              let hashEnd = ByteSearch.firstOffset(of: fieldSeparator, in: bytes, from: idEnd + 1), hashEnd < range.upperBound,
              let hash = hexadecimal(UnsafeBufferPointer(rebasing: bytes[(idEnd + 1)..<hashEnd])) else { return nil }
        return (range.lowerBound..<idEnd, hash, (hashEnd + 1)..<range.upperBound)
    }

    /// The value of up to 16 lower-case hexadecimal digits, or `nil`.
    private static func hexadecimal(_ digits: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 16 else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            switch byte {
            case 0x30...0x39: value = value << 4 | UInt64(byte - 0x30)
            case 0x61...0x66: value = value << 4 | UInt64(byte - 0x61 + 10)
            default: return nil
            }
        }
        return value
    }

    /// Writes the text file: for each case, in order, its record given by `record(position)` (its
    /// content hash and bytes), or none.
    static func writeSearchTexts(_ ids: [CaseID], to location: Location,
                                 record: (_ position: Int, _ write: (_ hash: UInt64, _ bytes: UnsafeBufferPointer<UInt8>) -> Void) -> Void) {
        writeFile(location.textPath, in: location, header: { "\(textHeader) \($0)" }) { body in
            for (position, id) in ids.enumerated() {
                // The record's bytes are lent for the length of the call, never kept.
                record(position) { hash, bytes in textRecord(of: id, hash: hash, bytes, body.add) }
            }
        }
    }

    /// One case's record in the text file, in pieces given to `add`: its id, US, its content hash
    /// in hexadecimal, US, its search record, RS.
    static func textRecord(of id: CaseID, hash: UInt64, _ record: UnsafeBufferPointer<UInt8>,
                           _ add: (UnsafeBufferPointer<UInt8>) -> Void) {
        var id = id.rawValue
        id.withUTF8(add)
        var digits: [UInt8] = []
        digits.reserveCapacity(17)
        digits.append(fieldSeparator)
        appendNumber(hash, radix: 16, to: &digits)
        digits.append(fieldSeparator)
        digits.withUnsafeBufferPointer(add)
        add(record)
        withUnsafePointer(to: recordSeparator) { add(UnsafeBufferPointer(start: $0, count: 1)) }
    }

    /// Writes both of the index's files at once (the text file only `withTexts`), from what `make`
    /// adds to their bodies, in store order, as it goes: the first scan of a store with no index
    /// writes each file's record as soon as it has read the file. The summary file is dated when
    /// it is finished, after every file was read.
    ///
    /// `make` runs once whatever happens: a file that cannot be made (no room, a cache directory
    /// that cannot be written) is given as a body that keeps nothing, since what `make` reads is
    /// wanted whether or not the index can be kept. Returns whether the summary file was written.
    @discardableResult
    static func writeBoth(to location: Location, withTexts: Bool, _ make: (_ summaries: IndexFileBody, _ texts: IndexFileBody?) -> Void) -> Bool {
        var made = false
        func once(_ summaries: IndexFileBody, _ texts: IndexFileBody?) {
            guard !made else { return }
            made = true
            make(summaries, texts)
        }
        let summariesWritten = writeFile(location.summaryPath, in: location, header: { "\(summaryHeader) \(FileSystem.nowNanoseconds()) \($0)" }) { summaries in
            if withTexts { writeFile(location.textPath, in: location, header: { "\(textHeader) \($0)" }) { texts in once(summaries, texts) } }
            once(summaries, withTexts ? IndexFileBody(nil) : nil)
        }
        once(IndexFileBody(nil), withTexts ? IndexFileBody(nil) : nil)
        return summariesWritten
    }

    /// Replaces the index file at `path`, not durably (a cache lost in a crash is rebuilt): its
    /// first line is `header` of the body's checksum in sixteen hex digits, then what `write` adds.
    /// The body is written as it comes, never built whole (the text file is tens of megabytes at
    /// 10,000 cases, and a copy of it was most of `find`'s peak memory); the first line, whose
    /// checksum is known only at the end, is written over a placeholder of the same width. A
    /// failure leaves the old file or none, and returns false.
    @discardableResult
    private static func writeFile(_ path: String, in location: Location, header: (String) -> String,
                                  _ write: (IndexFileBody) -> Void) -> Bool {
        func firstLine(_ checksum: UInt64) -> [UInt8] {
            let digits = String(checksum, radix: 16)
            return Array((header(String(repeating: "0", count: 16 - digits.count) + digits) + "\n").utf8)
        }
        prepareDirectory(location)
        let name = String(path.dropFirst(location.directory.count + 1))
        do throws(SystemError) {
            try AtomicFile.replace(directory: location.directory, name: name,
                                   options: AtomicFile.Options(mode: .keptOr(0o600), durable: false)) { file throws(SystemError) in
                try file.append(firstLine(0))
                let body = IndexFileBody(file)
                write(body)
                // As `checksum(of:)` of the whole body: the checksum of its blocks' checksums.
                try file.overwrite(firstLine(try body.finish()), at: 0)
            }
            return true
        } catch {
            return false
        }
    }

    /// The body of an index file being written: checksummed block by block as it comes; small
    /// pieces (a record's id, its hash) gathered before they are written, large ones (a chunk of
    /// records made on first use) written as they are, not copied first.
    final class IndexFileBody {
        /// The file written, or `nil` for a body that keeps nothing.
        private let file: AtomicFile.Contents?
        private var blockSum = Checksum.Stream()
        private var inBlock = 0
        private var sums: [UInt64] = []
        private var gathered: [UInt8] = []
        private var failure: SystemError?
        private static let gatheredSize = 64 << 10

        init(_ file: AtomicFile.Contents?) {
            self.file = file
            if file != nil { gathered.reserveCapacity(Self.gatheredSize) }
        }

        func add(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard file != nil else { return }
            checksum(bytes)
            if bytes.count >= Self.gatheredSize / 4 {
                flush()
                write(UnsafeRawBufferPointer(bytes))
            } else {
                if gathered.count + bytes.count > Self.gatheredSize { flush() }
                gathered.append(contentsOf: bytes)
            }
        }

        func add(_ bytes: [UInt8]) {
            bytes.withUnsafeBufferPointer(add)
        }

        /// Writes what is left; the checksum of the whole body, or the first failure to write.
        func finish() throws(SystemError) -> UInt64 {
            flush()
            if inBlock > 0 { sums.append(blockSum.value) }
            if let failure { throw failure }
            return sums.withUnsafeBytes { Checksum.of($0) }
        }

        /// Adds `bytes` to the checksums of the blocks they fall in.
        private func checksum(_ bytes: UnsafeBufferPointer<UInt8>) {
            var rest = bytes[...]
            while !rest.isEmpty {
                let taken = rest.prefix(checksumBlockSize - inBlock)
                blockSum.add(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: taken)))
                inBlock += taken.count
                rest = rest.dropFirst(taken.count)
                if inBlock == checksumBlockSize {
                    sums.append(blockSum.value)
                    blockSum = Checksum.Stream()
                    inBlock = 0
                }
            }
        }

        private func flush() {
            gathered.withUnsafeBytes(write)
            gathered.removeAll(keepingCapacity: true)
        }

        private func write(_ bytes: UnsafeRawBufferPointer) {
            guard failure == nil, !bytes.isEmpty else { return }
            do throws(SystemError) { try file?.append(bytes) } catch { failure = error }
        }
    }

    /// Makes the index's directory if need be, and removes the temporary files of index writes that
    /// were cut short (a process killed while it wrote, each file tens of megabytes at 10,000
    /// cases): those no live writer holds and none has touched for a minute. (A writer locks its
    /// file just after making it; the minute keeps a sweep out of that moment, in this process,
    /// whose two index files are written side by side, and in another.)
    private static func prepareDirectory(_ location: Location) {
        try? FileSystem.makeDirectory(location.directory, mode: 0o700)
        let minuteAgo = FileSystem.nowNanoseconds() / 1_000_000_000 - 60
        for name in (try? FileSystem.listDirectory(location.directory)) ?? [] where name.hasPrefix(".") && name.contains(".tmp-") {
            let path = location.directory + "/" + name
            guard let fingerprint = FileSystem.fingerprint(path), fingerprint.modifiedSeconds < minuteAgo else { continue }
            FileSystem.removeIfAbandoned(path)
        }
    }
}
