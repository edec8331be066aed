import CasebookCore
import CSV
import Foundation

/// The cases as one spreadsheet: a header row, then one row per case, one column per field.
///
/// RFC 4180 quoting (every cell quoted) and CRLF line ends come from CSV.swift's writer, not from hand-made quoting.
/// What a spreadsheet needs beyond RFC 4180 is added here: a byte-order mark (Excel reads UTF-8
/// only after one, and CP932 otherwise), the era year both as 和暦 and as 西暦, list items and
/// paragraphs joined by a line break inside their cell, and cells that would start a formula
/// made inert (SPEC §7).
public enum CSVExport {
    /// The text encodings `--encoding` accepts.
    public enum Encoding: String, CaseIterable, Sendable {
        /// UTF-8 with a byte-order mark.
        case utf8 = "utf-8"
        /// Windows-31J, for older Excel; a character outside it is an error, never a `?`.
        case cp932
    }

    /// A cell the chosen encoding cannot hold.
    public struct UnencodableCharacter: Error, Sendable, Equatable {
        /// The case whose cell it is.
        public var caseID: CaseID
        /// The column's heading (a field's label).
        public var column: String
        /// The first character that cannot be encoded.
        public var character: Character

        /// The character's code points, `U+20BB7`.
        public var codePoints: String {
            character.unicodeScalars.map(\.codePointName).joined(separator: " ")
        }
    }

    /// The columns, in sheet order: the id, one per field, the era year as two, the diagram as
    /// three, then the status. Derived from the sheet's description, so a new field is a new column.
    public static let headings: [String] = ["id"] + SheetField.allCases.flatMap { field -> [String] in
        switch field.description.storage {
        case .line, .items: [field.label]
        case .eraYear:
            // 事業実施（年度） as 事業実施（和暦） and 事業実施（西暦）.
            ["和暦", "西暦"].map { field.label.replacingOccurrences(of: "（年度）", with: "") + "（\($0)）" }
        case .diagram: ["登場者", "流れ", "メモ"].map { "\(field.label)（\($0)）" }
        }
    } + ["状態"]

    /// What a cell of several items or paragraphs puts between them: a line break, which Excel
    /// shows as a new line in the cell.
    public static let itemSeparator = "\n"

    /// The characters that make a spreadsheet read a cell as a formula when it starts with one
    /// (OWASP's list: `= + - @`, Tab, CR, LF).
    public static let formulaTriggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\n", "\r\n"]

    /// The cells of one case's row, before they are made inert, in the order of `headings`.
    public static func cells(of exported: ExportedCase) -> [String] {
        let sheet = exported.sheet
        let join = { (items: [String]) in items.joined(separator: itemSeparator) }
        return [exported.id.rawValue] + SheetField.allCases.flatMap { field -> [String] in
            switch sheet.value(of: field) {
            case .line(let text): return [text]
            case .items(let items): return [join(items)]
            case .eraYear(let started):
                guard let started else { return ["", ""] }
                let wareki = started.year.map { "\(started.era.rawValue)\($0 == 1 ? "元" : String($0))年度" } ?? "\(started.era.rawValue)年度"
                return [wareki, started.westernYear.map(String.init) ?? ""]
            case .diagram(let diagram):
                return [join(diagram.actors), join(diagram.flows.map(\.displayText)), join(diagram.notes)]
            }
        } + [sheet.status.rawValue]
    }

    /// `cell`, with a leading `'` when it starts with a formula trigger, so that a spreadsheet
    /// shows it as text rather than running it.
    public static func inert(_ cell: String) -> String {
        guard let first = cell.first, formulaTriggers.contains(first) else { return cell }
        return "'" + cell
    }

    /// The file's bytes: a BOM and UTF-8, or CP932; CRLF line ends; a final CRLF.
    ///
    /// Nothing is written when a cell cannot be encoded: the error names the case, the column
    /// and the character.
    public static func bytes(_ cases: [ExportedCase], encoding: Encoding) throws(UnencodableCharacter) -> [UInt8] {
        let rows = cases.map { cells(of: $0).map(inert) }
        if encoding == .cp932 {
            for (exported, row) in zip(cases, rows) {
                for (column, cell) in zip(headings, row) where cell.data(using: .shiftJIS) == nil {
                    let character = cell.first { String($0).data(using: .shiftJIS) == nil } ?? cell.first!
                    throw UnencodableCharacter(caseID: exported.id, column: column, character: character)
                }
            }
        }
        let sink = ByteSink()
        // The writer reports only stream failures, which a sink in memory does not have.
        let writer = try! CSVWriter(stream: sink, delimiter: ",", newline: .crlf)
        // Every cell is quoted: RFC 4180 allows it, a cell made inert is then plainly a text cell
        // with its `'` inside the quotes, and the writer need not search each cell for a quote,
        // comma or line break first (Foundation's search was most of the export's time).
        try! writer.write(row: headings, quotedAtIndex: { _ in true })
        for row in rows {
            try! writer.write(row: row, quotedAtIndex: { _ in true })
        }
        var text = String(decoding: sink.bytes, as: UTF8.self)
        text += "\r\n"
        switch encoding {
        case .utf8:
            return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        case .cp932:
            return Array(text.data(using: .shiftJIS)!)
        }
    }
}

/// An output stream that keeps what is written in an array: Foundation's memory stream hands
/// its bytes back only as a bridged `NSData`, byte by byte.
final class ByteSink: OutputStream {
    /// What was written.
    private(set) var bytes: [UInt8] = []
    private var status: Stream.Status = .notOpen

    init() { super.init(toMemory: ()) }
    required init(toMemory: ()) { super.init(toMemory: ()) }

    override func open() { status = .open }
    override func close() { status = .closed }
    override var streamStatus: Stream.Status { status }
    override var hasSpaceAvailable: Bool { true }
    override func write(_ buffer: UnsafePointer<UInt8>, maxLength length: Int) -> Int {
        bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: length))
        return length
    }
}

