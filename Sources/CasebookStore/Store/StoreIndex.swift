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
        for record in bytes[(headerEnd + 1)...].split(separator: recordSeparator) {
            let fields = record.split(separator: fieldSeparator, omittingEmptySubsequences: false)
            guard fields.count == 17 else { continue }
            func text(_ i: Int) -> String { String(decoding: fields[i], as: UTF8.self) }
            func number(_ i: Int) -> Int64? { Int64(text(i)) }
            guard let size = number(1), let ms = number(2), let mns = number(3), let cs = number(4), let cns = number(5),
                  let inode = UInt64(text(6)), let hash = UInt64(text(7), radix: 16),
                  let status = SheetStatus(rawValue: text(15)), let flags = Int(text(16)) else { continue }
            let summary = CaseSummary(
                title: text(8), normalizedTitle: text(9), form: text(10),
                departments: fields[11].split(separator: listSeparator).map { String(decoding: $0, as: UTF8.self) },
                partners: fields[12].split(separator: listSeparator).map { String(decoding: $0, as: UTF8.self) },
                started: text(13), domain: text(14), status: status, flagCount: flags, searchText: nil)
            let fingerprint = FileFingerprint(size: size, modifiedSeconds: ms, modifiedNanoseconds: mns,
                                              changedSeconds: cs, changedNanoseconds: cns, inode: inode)
            index.entries[text(0)] = Entry(fingerprint: fingerprint, contentHash: hash, summary: summary)
        }
        return index
    }

    /// The search texts of the index's text file, by file name and content hash.
    static func readSearchTexts(_ location: Location) -> [String: (hash: UInt64, text: String)] {
        guard let bytes = try? FileSystem.readFile(location.textPath),
              let headerEnd = bytes.firstIndex(of: UInt8(ascii: "\n")),
              String(decoding: bytes[..<headerEnd], as: UTF8.self) == textHeader else { return [:] }
        var texts: [String: (UInt64, String)] = [:]
        texts.reserveCapacity(1024)
        for record in bytes[(headerEnd + 1)...].split(separator: recordSeparator) {
            let fields = record.split(separator: fieldSeparator, maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, let hash = UInt64(String(decoding: fields[1], as: UTF8.self), radix: 16) else { continue }
            texts[String(decoding: fields[0], as: UTF8.self)] = (hash, String(decoding: fields[2], as: UTF8.self))
        }
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
