import CasebookCore

#if canImport(Glibc)
import Glibc
#endif

/// The store's index: a cache, outside the store, of each case file's fingerprint and summary,
/// so that `list`, completion and `find`'s first pass need not decode every file of a large store.
///
/// It is never trusted blindly: an entry is used only while the file's size, times and inode
/// are unchanged, and a file modified within `racyWindow` of the index being written is read
/// again and compared by content hash (the clock may not have ticked between two writes).
struct StoreIndex {
    /// One indexed case file.
    struct Entry {
        var fingerprint: FileFingerprint
        var contentHash: UInt64
        var summary: CaseSummary
    }

    /// Where the index of one store lives: `$XDG_CACHE_HOME/casebook/` or `~/.cache/casebook/`,
    /// named after the store's path.
    struct Location {
        let summaryPath: String
        let textPath: String
        let directory: String

        init?(storePath: String, environment: [String: String]) {
            let base: String
            if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
                base = cache
            } else if let home = environment["HOME"], home.hasPrefix("/") {
                base = home + "/.cache"
            } else {
                return nil
            }
            directory = base + "/casebook"
            let key = String(SHA256.hex(of: Array(storePath.utf8)).prefix(24))
            summaryPath = directory + "/index-" + key + ".summary"
            textPath = directory + "/index-" + key + ".text"
        }
    }

    static let racyWindowNanoseconds: Int64 = 2_000_000_000
    private static let summaryHeader = "casebook-index 2"
    private static let textHeader = "casebook-text 2"
    private static let recordSeparator: UInt8 = 0x1E
    private static let fieldSeparator: UInt8 = 0x1F
    private static let listSeparator: UInt8 = 0x1D

    /// The entries, by file name.
    var entries: [String: Entry] = [:]
    /// When the index was written, in nanoseconds since the epoch.
    var writtenAt: Int64 = 0

    /// Whether `entry` may be used for a file with `fingerprint` without reading it.
    func isTrustworthy(_ entry: Entry, for fingerprint: FileFingerprint) -> Bool {
        guard entry.fingerprint == fingerprint else { return false }
        let modified = fingerprint.modifiedSeconds * 1_000_000_000 + fingerprint.modifiedNanoseconds
        let changed = fingerprint.changedSeconds * 1_000_000_000 + fingerprint.changedNanoseconds
        return max(modified, changed) < writtenAt - Self.racyWindowNanoseconds
    }

    // MARK: Reading

    /// The index at `location`, or an empty one when there is none or it cannot be read.
    static func read(_ location: Location) -> StoreIndex {
        var index = StoreIndex()
        guard let bytes = try? FileSystem.readFile(location.summaryPath) else { return index }
        guard let headerEnd = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return index }
        let header = String(decoding: bytes[..<headerEnd], as: UTF8.self).split(separator: " ")
        guard header.count == 3, header[0] + " " + header[1] == summaryHeader, let writtenAt = Int64(header[2]) else { return index }
        index.writtenAt = writtenAt
        bytes.withUnsafeBufferPointer { buffer in
            var fields: [Range<Int>] = []
            fields.reserveCapacity(17)
            var fieldStart = headerEnd + 1
            for position in (headerEnd + 1)..<buffer.count {
                let byte = buffer[position]
                if byte == fieldSeparator {
                    fields.append(fieldStart..<position)
                    fieldStart = position + 1
                } else if byte == recordSeparator {
                    fields.append(fieldStart..<position)
                    fieldStart = position + 1
                    if fields.count == 17, let (name, entry) = entry(from: fields, in: buffer) {
                        index.entries[name] = entry
                    }
                    fields.removeAll(keepingCapacity: true)
                }
            }
        }
        return index
    }

    /// One record's entry, or `nil` when a field does not read.
    private static func entry(from fields: [Range<Int>], in buffer: UnsafeBufferPointer<UInt8>) -> (String, Entry)? {
        func text(_ i: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: buffer[fields[i]]), as: UTF8.self) }
        func number(_ i: Int) -> Int64? {
            var value: Int64 = 0
            guard !fields[i].isEmpty else { return nil }
            for byte in buffer[fields[i]] {
                guard byte >= 0x30 && byte <= 0x39 else { return Int64(text(i)) }
                value = value &* 10 &+ Int64(byte - 0x30)
            }
            return value
        }
        func list(_ i: Int) -> [String] {
            buffer[fields[i]].split(separator: listSeparator).map { String(decoding: UnsafeBufferPointer(rebasing: $0), as: UTF8.self) }
        }
        guard let size = number(1), let ms = number(2), let mns = number(3), let cs = number(4), let cns = number(5),
              let inode = number(6), let hash = UInt64(text(7), radix: 16),
              let status = SheetStatus(rawValue: text(15)), let flags = number(16) else { return nil }
        let summary = CaseSummary(
            title: text(8), normalizedTitle: text(9), form: text(10), departments: list(11), partners: list(12),
            started: text(13), domain: text(14), status: status, flagCount: Int(flags), searchText: nil)
        let fingerprint = FileFingerprint(size: size, modifiedSeconds: ms, modifiedNanoseconds: mns,
                                          changedSeconds: cs, changedNanoseconds: cns, inode: UInt64(bitPattern: inode))
        return (text(0), Entry(fingerprint: fingerprint, contentHash: hash, summary: summary))
    }

    /// The index's text file: each case's search text as a byte range of one buffer,
    /// so that `find`'s first pass is a byte search with no string made per case.
    struct SearchTexts {
        var bytes: [UInt8] = []
        var records: [String: (hash: UInt64, range: Range<Int>)] = [:]

        /// The text of `name`'s record.
        func text(of name: String) -> String? {
            records[name].map { record in bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[record.range]), as: UTF8.self) } }
        }
    }

    /// The search texts of the index's text file.
    static func readSearchTexts(_ location: Location) -> SearchTexts {
        var texts = SearchTexts()
        guard let bytes = try? FileSystem.readFile(location.textPath),
              let headerEnd = bytes.firstIndex(of: UInt8(ascii: "\n")),
              String(decoding: bytes[..<headerEnd], as: UTF8.self) == textHeader else { return texts }
        texts.records.reserveCapacity(4096)
        bytes.withUnsafeBufferPointer { buffer in
            var recordStart = headerEnd + 1
            var separators: [Int] = []
            for position in (headerEnd + 1)..<buffer.count {
                let byte = buffer[position]
                if byte == fieldSeparator, separators.count < 2 {
                    separators.append(position)
                } else if byte == recordSeparator {
                    if separators.count == 2,
                       let hash = UInt64(String(decoding: UnsafeBufferPointer(rebasing: buffer[(separators[0] + 1)..<separators[1]]), as: UTF8.self), radix: 16) {
                        let name = String(decoding: UnsafeBufferPointer(rebasing: buffer[recordStart..<separators[0]]), as: UTF8.self)
                        texts.records[name] = (hash, (separators[1] + 1)..<position)
                    }
                    separators.removeAll(keepingCapacity: true)
                    recordStart = position + 1
                }
            }
        }
        texts.bytes = bytes
        return texts
    }

    // MARK: Writing

    /// Writes the index; entries without a search text are written to the summary file only.
    /// A failure leaves the old index or none: the index is only ever a cache.
    static func write(_ entries: [String: Entry], to location: Location, now: Int64) {
        try? FileSystem.makeDirectory(location.directory, mode: 0o700)
        var summary: [UInt8] = Array("\(summaryHeader) \(now)\n".utf8)
        var text: [UInt8] = Array("\(textHeader)\n".utf8)
        summary.reserveCapacity(entries.count * 256)
        for (name, entry) in entries.sorted(by: { $0.key < $1.key }) {
            let f = entry.fingerprint
            let s = entry.summary
            let fields: [String] = [
                name, String(f.size), String(f.modifiedSeconds), String(f.modifiedNanoseconds), String(f.changedSeconds),
                String(f.changedNanoseconds), String(f.inode), String(entry.contentHash, radix: 16),
                clean(s.title), clean(s.normalizedTitle), clean(s.form),
                s.departments.map(clean).joined(separator: "\u{1D}"), s.partners.map(clean).joined(separator: "\u{1D}"),
                clean(s.started), clean(s.domain), s.status.rawValue, String(s.flagCount),
            ]
            summary.append(contentsOf: fields.joined(separator: "\u{1F}").utf8)
            summary.append(recordSeparator)
            if let searchText = s.searchText {
                text.append(contentsOf: "\(name)\u{1F}\(String(entry.contentHash, radix: 16))\u{1F}".utf8)
                text.append(contentsOf: clean(searchText).utf8)
                text.append(recordSeparator)
            }
        }
        let directory = location.directory
        let textName = String(location.textPath.dropFirst(directory.count + 1))
        let summaryName = String(location.summaryPath.dropFirst(directory.count + 1))
        // The text file first: a summary never points at texts older than itself for long,
        // and a text whose hash does not match its case is ignored anyway.
        try? FileSystem.replaceAtomically(directory: directory, name: textName, with: text, newFileMode: 0o600, durable: false)
        try? FileSystem.replaceAtomically(directory: directory, name: summaryName, with: summary, newFileMode: 0o600, durable: false)
    }

    /// A value with the index's separators replaced by spaces, so that no stored text can forge a record.
    private static func clean(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x1D || $0 == 0x1E || $0 == 0x1F }) else { return value }
        return String(String.UnicodeScalarView(value.unicodeScalars.map { (0x1D...0x1F).contains($0.value) ? " " : $0 }))
    }
}
