import CasebookCore

#if canImport(Glibc)
import Glibc
#endif

/// What the exports into one folder left there: for each page, the content hash of what it was
/// made from and the page file's fingerprint as the export left it. An export renders again only
/// the pages whose source or file changed since, so publishing the 事例集 again after a few edits
/// renders a few pages, not 10,000.
///
/// Kept in casebook's cache directory, beside the store indexes, never in the folder itself: the
/// folder is published as it is. Like the index, it is a cache that is never trusted blindly:
/// - a page counts as up to date only while its file's size, times and inode are the ones
///   recorded (a page edited, replaced, removed or turned into a link is made again);
/// - a page is recorded only once its file has been unchanged for the racy window, so that a
///   change in the same tick of the clock as the export's own write cannot hide behind equal times;
/// - the whole ledger is of one renderer (the templates, the stylesheet and the program that
///   rendered them): any other renderer reads it as empty;
/// - a ledger that is cut short or changed fails its checksum and reads as empty.
public struct ExportLedger: Sendable, Equatable {
    /// One page as the last export that made or checked it left it.
    public struct Page: Sendable, Equatable {
        /// The content hash (`Checksum`) of what the page was made from.
        public var source: UInt64
        /// The page file's fingerprint.
        public var file: FileFingerprint
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
    /// source, and its file (`file`, `nil` when it is missing or not a regular file) untouched since.
    public func isCurrent(_ name: String, source: UInt64, file: FileFingerprint?) -> Bool {
        guard let file, let page = pages[name] else { return false }
        return page.source == source && page.file == file
    }

    /// Records that the page `name` was made from `source` and its file is now `file`, when the
    /// file is older than the racy window before `since` (nanoseconds since the epoch): the moment
    /// the export began, before it wrote or compared any page. A file changed after that — by
    /// this export, by another one or by hand, after the page was compared — or in the window
    /// before it, when the clock may not have ticked since, is not recorded, nor is a missing
    /// one: the next export makes such a page again and compares it.
    public mutating func record(_ name: String, source: UInt64, file: FileFingerprint?, since: Int64) {
        guard let file, since - (file.changedSeconds * 1_000_000_000 + file.changedNanoseconds) >= Self.racyWindowNanoseconds else {
            pages[name] = nil
            return
        }
        pages[name] = Page(source: source, file: file)
    }

    /// Forgets the page `name` (one that could not be written, left as nobody knows).
    public mutating func forget(_ name: String) {
        pages[name] = nil
    }

    /// How long a file must have been unchanged to be recorded: the store index's window.
    public static let racyWindowNanoseconds = StoreIndex.racyWindowNanoseconds

    // MARK: The file

    /// The ledger's first line: its format, the renderer and the checksum of the lines after it.
    private static let format = "casebook-export-ledger 1"
    private static let separator = UInt8(ascii: "\t")
    private static let newline = UInt8(ascii: "\n")

    /// The ledger as its file holds it: the first line, then a page a line (name, source, then
    /// the fingerprint's size, times and inode), in name order so that the same ledger is the
    /// same bytes.
    public var bytes: [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(pages.count * 96)
        for name in pages.keys.sorted() {
            let page = pages[name]!
            let f = page.file
            let columns = [name, String(page.source, radix: 16), String(f.size), String(f.modifiedSeconds), String(f.modifiedNanoseconds),
                           String(f.changedSeconds), String(f.changedNanoseconds), String(f.inode)]
            body.append(contentsOf: columns.joined(separator: "\t").utf8)
            body.append(Self.newline)
        }
        let checksum = body.withUnsafeBytes { Checksum.of($0) }
        return Array("\(Self.format) \(String(renderer, radix: 16)) \(String(checksum, radix: 16))\n".utf8) + body
    }

    /// The ledger `bytes` hold, when they are a whole ledger of `renderer`; else an empty one.
    public static func reading(_ bytes: [UInt8], renderer: UInt64) -> ExportLedger {
        var ledger = ExportLedger(renderer: renderer)
        guard let end = bytes.firstIndex(of: newline) else { return ledger }
        let header = String(decoding: bytes[..<end], as: UTF8.self)
        let expected = "\(format) \(String(renderer, radix: 16)) "
        guard header.hasPrefix(expected), let checksum = UInt64(header.dropFirst(expected.count), radix: 16) else { return ledger }
        let body = bytes[(end + 1)...]
        guard body.withUnsafeBytes({ Checksum.of($0) }) == checksum else { return ledger }
        ledger.pages.reserveCapacity(body.count / 64)
        // Numbers read from the bytes as they are: a ledger of 10,000 pages is 80,000 of them.
        for line in body.split(separator: newline) {
            let columns = line.split(separator: separator, omittingEmptySubsequences: false)
            guard columns.count == 8, let source = unsigned(columns[1], radix: 16),
                  let size = signed(columns[2]), let modified = signed(columns[3]), let modifiedNanoseconds = signed(columns[4]),
                  let changed = signed(columns[5]), let changedNanoseconds = signed(columns[6]), let inode = unsigned(columns[7], radix: 10)
            else { return ExportLedger(renderer: renderer) }
            ledger.pages[String(decoding: columns[0], as: UTF8.self)] = Page(source: source, file: FileFingerprint(
                size: size, modifiedSeconds: modified, modifiedNanoseconds: modifiedNanoseconds,
                changedSeconds: changed, changedNanoseconds: changedNanoseconds, inode: inode))
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
