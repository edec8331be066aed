import CasebookCore

#if canImport(Glibc)
import Glibc
#endif

/// What the exports into one folder left there: for each page, the content hash of what it was
/// made from, the content hash of the page itself, and the page file's fingerprint as the export
/// left it. An export renders again only the pages whose source or file changed since, so
/// publishing the 事例集 again after a few edits renders a few pages, not 10,000; and an export of
/// every case can take away the pages it made for cases no longer in it, knowing them for its own.
///
/// Kept in casebook's cache directory, beside the store indexes, never in the folder itself: the
/// folder is published as it is. Like the index, it is a cache that is never trusted blindly:
/// - a page counts as up to date only while its file's size, times and inode are the ones
///   recorded (a page edited, replaced, removed or turned into a link is made again);
/// - and only when it was settled: its file unchanged for the racy window before the export that
///   recorded it began, so that no change in the same tick of the clock as a write, and none made
///   while that export ran, can hide behind equal times;
/// - a page is known as casebook's own, to be taken away, by the hash of its bytes, read again
///   and compared at that moment, never by its times;
/// - the ledger is of one renderer (the templates, the stylesheet and the program that rendered
///   them): under any other, no page counts as up to date, though each is still known as made;
/// - a ledger that is cut short or changed fails its checksum and reads as empty.
public struct ExportLedger: Sendable, Equatable {
    /// One page as the last export that made or checked it left it.
    public struct Page: Sendable, Equatable {
        /// The content hash (`Checksum`) of what the page was made from.
        public var source: UInt64
        /// The page file's fingerprint.
        public var file: FileFingerprint
        /// The content hash of the page's bytes as the export wrote or found them.
        public var content: UInt64
        /// Whether the page may count as up to date (settled, and made by this renderer).
        public var settled: Bool
    }

    /// Which renderer made the pages.
    public let renderer: UInt64
    /// The pages recorded, by file name.
    public private(set) var pages: [String: Page] = [:]

    /// An empty ledger of `renderer`.
    public init(renderer: UInt64) {
        self.renderer = renderer
    }

    /// Whether the page `name` is as the renderer would make it from `source`: made from that
    /// source, settled, and its file (`file`, `nil` when it is missing or not a regular file)
    /// untouched since.
    public func isCurrent(_ name: String, source: UInt64, file: FileFingerprint?) -> Bool {
        guard let file, let page = pages[name], page.settled else { return false }
        return page.source == source && page.file == file
    }

    /// Records that the page `name`, whose bytes have the hash `content`, was made from `source`
    /// and its file is now `file`. It is settled when the file is older than the racy window before
    /// `since` (nanoseconds since the epoch): the moment the export began, before it wrote or
    /// compared any page. A file changed after that — by this export, by another one or by hand,
    /// after the page was compared — or in the window before it is not settled: the next export
    /// makes it again and compares it. A missing file is forgotten.
    public mutating func record(_ name: String, source: UInt64, content: UInt64, file: FileFingerprint?, since: Int64) {
        guard let file else {
            pages[name] = nil
            return
        }
        let settled = since - (file.changedSeconds * 1_000_000_000 + file.changedNanoseconds) >= Self.racyWindowNanoseconds
        pages[name] = Page(source: source, file: file, content: content, settled: settled)
    }

    /// Records the page `name`, found up to date, as it was found: its file `file` (as looked at
    /// before the export wrote anything) settled, when old enough before `since`, with the source
    /// and content already recorded.
    public mutating func settle(_ name: String, file: FileFingerprint?, since: Int64) {
        guard let page = pages[name] else { return }
        record(name, source: page.source, content: page.content, file: file, since: since)
    }

    /// Forgets the page `name` (one that could not be written, left as nobody knows, or taken away).
    public mutating func forget(_ name: String) {
        pages[name] = nil
    }

    /// How long a file must have been unchanged to be recorded: the store index's window.
    public static let racyWindowNanoseconds = StoreIndex.racyWindowNanoseconds

    // MARK: The file

    /// The ledger's first line: its format, the renderer and the checksum of the lines after it.
    private static let format = "casebook-export-ledger 2"
    private static let separator = UInt8(ascii: "\t")
    private static let newline = UInt8(ascii: "\n")

    /// The ledger as its file holds it: the first line, then a page a line (name, source, the
    /// fingerprint's size, times and inode, the page's content hash, settled or not), in name
    /// order so that the same ledger is the same bytes.
    public var bytes: [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(pages.count * 96)
        // The numbers written as digits straight into the bytes (as the index writes its own).
        for (name, page) in pages.sorted(by: { $0.key < $1.key }) {
            let f = page.file
            body.append(contentsOf: name.utf8)
            body.append(Self.separator)
            StoreIndex.appendNumber(page.source, radix: 16, to: &body)
            for time in [f.size, f.modifiedSeconds, f.modifiedNanoseconds, f.changedSeconds, f.changedNanoseconds] {
                body.append(Self.separator)
                StoreIndex.appendNumber(time, to: &body)
            }
            body.append(Self.separator)
            StoreIndex.appendNumber(f.inode, to: &body)
            body.append(Self.separator)
            StoreIndex.appendNumber(page.content, radix: 16, to: &body)
            body.append(Self.separator)
            body.append(page.settled ? UInt8(ascii: "1") : UInt8(ascii: "0"))
            body.append(Self.newline)
        }
        let checksum = body.withUnsafeBytes { Checksum.of($0) }
        return Array("\(Self.format) \(String(renderer, radix: 16)) \(String(checksum, radix: 16))\n".utf8) + body
    }

    /// The ledger `bytes` hold, when they are a whole ledger; else an empty one. Under a renderer
    /// other than the one that wrote it, no page is settled: each is still known as made, none
    /// counts as up to date.
    public static func reading(_ bytes: [UInt8], renderer: UInt64) -> ExportLedger {
        var ledger = ExportLedger(renderer: renderer)
        guard let end = bytes.firstIndex(of: newline) else { return ledger }
        let header = String(decoding: bytes[..<end], as: UTF8.self).split(separator: " ", omittingEmptySubsequences: false)
        guard header.count == 4, header[0] + " " + header[1] == format, let written = UInt64(header[2], radix: 16),
              let checksum = UInt64(header[3], radix: 16) else { return ledger }
        let sameRenderer = written == renderer
        let body = bytes[(end + 1)...]
        guard body.withUnsafeBytes({ Checksum.of($0) }) == checksum else { return ledger }
        ledger.pages.reserveCapacity(body.count / 64)
        // Numbers read from the bytes as they are: a ledger of 10,000 pages is 80,000 of them.
        for line in body.split(separator: newline) {
            let columns = line.split(separator: separator, omittingEmptySubsequences: false)
            guard columns.count == 10, let source = unsigned(columns[1], radix: 16),
                  let size = signed(columns[2]), let modified = signed(columns[3]), let modifiedNanoseconds = signed(columns[4]),
                  let changed = signed(columns[5]), let changedNanoseconds = signed(columns[6]), let inode = unsigned(columns[7], radix: 10),
                  let content = unsigned(columns[8], radix: 16), columns[9].count == 1, let settled = columns[9].first,
                  settled == UInt8(ascii: "0") || settled == UInt8(ascii: "1")
            else { return ExportLedger(renderer: renderer) }
            ledger.pages[String(decoding: columns[0], as: UTF8.self)] = Page(source: source, file: FileFingerprint(
                size: size, modifiedSeconds: modified, modifiedNanoseconds: modifiedNanoseconds,
                changedSeconds: changed, changedNanoseconds: changedNanoseconds, inode: inode),
                content: content, settled: sameRenderer && settled == UInt8(ascii: "1"))
        }
        return ledger
    }

    /// The number `digits` write in `radix` (10 or 16, lower-case), or `nil` when they are not one.
    private static func unsigned(_ digits: ArraySlice<UInt8>, radix: UInt64) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 20 else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            let digit: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: digit = UInt64(byte - UInt8(ascii: "a") + 10)
            default: return nil
            }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: radix)
            guard !overflow else { return nil }
            let (sum, carried) = shifted.addingReportingOverflow(digit)
            guard !carried else { return nil }
            value = sum
        }
        return value
    }

    /// The decimal number `digits` write, with a `-` before it if negative.
    private static func signed(_ digits: ArraySlice<UInt8>) -> Int64? {
        let negative = digits.first == UInt8(ascii: "-")
        guard let magnitude = unsigned(negative ? digits.dropFirst() : digits, radix: 10), magnitude <= UInt64(Int64.max) else { return nil }
        return negative ? -Int64(magnitude) : Int64(magnitude)
    }

    // MARK: Where it lives

    /// The ledger file of the `format` pages in the folder at `folder`: in casebook's cache
    /// directory, named after the folder's real path (links resolved, so two names of one folder
    /// share it) and the format; `nil` when the environment names no cache directory or the folder
    /// cannot be resolved.
    public static func path(ofFolder folder: String, format: String, environment: [String: String]) -> String? {
        guard let directory = StoreIndex.Location.directory(environment: environment),
              let resolved = realpath(folder, nil) else { return nil }
        defer { free(resolved) }
        let key = String(SHA256.hex(of: Array(String(cString: resolved).utf8)).prefix(24))
        return directory + "/export-" + key + "." + format + "-pages"
    }

    /// The ledger at `path` (empty when there is none, it cannot be read, or it is of another renderer).
    public static func read(_ path: String, renderer: UInt64) -> ExportLedger {
        guard let bytes = try? FileSystem.readFile(path) else { return ExportLedger(renderer: renderer) }
        return reading(bytes, renderer: renderer)
    }

    /// Writes the ledger to `path` in one step, not durably (a ledger lost in a crash only means
    /// the next export renders every page); a failure is not an export's failure and is dropped.
    public func write(to path: String) {
        guard let slash = path.lastIndex(of: "/") else { return }
        let (directory, name) = (String(path[..<slash]), String(path[path.index(after: slash)...]))
        try? FileSystem.makeDirectory(directory, mode: 0o700)
        // Always private and readable by its owner, whatever stands at its name (a ledger someone
        // made unreadable would otherwise be written unreadable again, and never be used).
        try? AtomicFile.replace(directory: directory, name: name, with: bytes, options: AtomicFile.Options(mode: .always(0o600), durable: false))
    }
}
