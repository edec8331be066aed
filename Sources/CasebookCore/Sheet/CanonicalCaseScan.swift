/// A case read straight off a file laid out as casebook writes it: every key the sheet has, in
/// the order the encoder puts them, with plain strings and nothing else. No document is built.
/// For its summary, no text a summary does not show becomes a String: each is only checked (no
/// escape, no control character, well-formed UTF-8) and passed over; this is how `list` reads
/// 10,000 files on first use (no index) in about the time `rg` takes to read them. For `find`'s
/// first use it also makes the case's search record, straight from the texts' bytes.
///
/// Anything else — another key order, an unknown key, an escape, a `null` where the encoder writes
/// a value, a number written otherwise, a review with verdicts, damage of any kind — gives `nil`, and
/// the caller reads the file the long way (`CaseSummary.decoding`, then a whole read), which says
/// what is wrong. So a file is accepted here only when the long way accepts it too, and the summary
/// and the record are the same: tests compare them over every seed file and many kinds of change.
public struct CanonicalCaseScan {
    /// What the top-level object holds, in the encoder's order (made from the sheet's description,
    /// as the encoder makes it, so that a field added to the sheet is expected here too).
    private enum Member {
        case schema
        case field(SheetField)
        case object([(key: [UInt8], member: Member)])
        case status
        case review
    }

    private static let layout: [(key: [UInt8], member: Member)] = {
        var members: [(key: [UInt8], member: Member)] = [(Array("schema".utf8), .schema)]
        for field in SheetField.allCases {
            let path = field.description.path
            precondition(path.count <= 2, "a field is at most two keys deep: \(path)")
            let key = Array(path[0].utf8)
            guard path.count == 2 else {
                members.append((key, .field(field)))
                continue
            }
            // `roles.city` then `roles.partner` make one `roles` object holding both, as the encoder does.
            let inner = (Array(path[1].utf8), Member.field(field))
            if let last = members.last, last.key == key, case .object(let existing) = last.member {
                members[members.count - 1] = (key, .object(existing + [inner]))
            } else {
                members.append((key, .object([inner])))
            }
        }
        return members + [(Array("status".utf8), .status), (Array("review".utf8), .review)]
    }()

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var title = ""
    private var form = ""
    private var domain = ""
    private var departments: [String] = []
    private var partners: [String] = []
    private var started: EraYear?
    private var status = SheetStatus.draft
    /// The search record being made, when one is wanted.
    private var record: SearchRecord.Builder?

    private init(bytes: UnsafeBufferPointer<UInt8>, makingRecord: Bool) {
        self.bytes = bytes
        record = makingRecord ? SearchRecord.Builder() : nil
    }

    /// The summary of the case file `bytes` when it is laid out as casebook writes it; else `nil`.
    static func summary(of bytes: [UInt8]) -> CaseSummary? {
        bytes.withUnsafeBufferPointer { buffer in
            var scan = CanonicalCaseScan(bytes: buffer, makingRecord: false)
            return scan.document() ? scan.summary : nil
        }
    }

    /// The summary and the search record of the case file `bytes` when it is laid out as casebook
    /// writes it; else `nil`.
    public static func summaryAndRecord(of bytes: [UInt8]) -> (summary: CaseSummary, record: SearchRecord)? {
        bytes.withUnsafeBufferPointer { buffer in
            var scan = CanonicalCaseScan(bytes: buffer, makingRecord: true)
            guard scan.document(), var record = scan.record else { return nil }
            return (scan.summary, record.finish())
        }
    }

    private var summary: CaseSummary {
        CaseSummary(title: title, normalizedTitle: SearchNormalizer.normalize(title), form: form, departments: departments,
                    partners: partners, started: started?.editingText ?? "", domain: domain,
                    // A file this scan reads holds no verdict (see `document`): no section has its ok.
                    status: SheetLifecycle.effectiveStatus(recorded: status, everySectionOK: false), flagCount: 0)
    }

    // MARK: The document

    private mutating func document() -> Bool {
        skipWhitespace()
        guard object(Self.layout) else { return false }
        skipWhitespace()
        return index == bytes.count
    }

    private mutating func object(_ members: [(key: [UInt8], member: Member)]) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        for (position, (key, member)) in members.enumerated() {
            if position > 0 && !take(UInt8(ascii: ",")) { return false }
            guard self.key(key), value(of: member) else { return false }
        }
        return take(UInt8(ascii: "}"))
    }

    private mutating func value(of member: Member) -> Bool {
        switch member {
        case .schema:
            // The encoder writes the one schema this version reads; any other number goes the long way.
            return number() == SheetCodec.schemaVersion
        case .object(let members):
            return object(members)
        case .status:
            guard let text = string(of: nil), let value = SheetStatus(rawValue: text) else { return false }
            status = value
            return true
        case .review:
            // Verdicts' flags are checked against every text: a sheet with any is read whole.
            return take(UInt8(ascii: "{")) && take(UInt8(ascii: "}"))
        case .field(let field):
            return value(of: field)
        }
    }

    private mutating func value(of field: SheetField) -> Bool {
        switch field {
        case .title: return string(of: field).map { title = $0 } != nil
        case .form: return string(of: field).map { form = $0 } != nil
        case .domain: return string(of: field).map { domain = $0 } != nil
        case .departments: return strings(of: field).map { departments = $0 } != nil
        case .partners: return strings(of: field).map { partners = $0 } != nil
        case .started: return eraYear(of: field)
        default: break
        }
        // The texts a summary does not show: checked and passed over (or put in the record), in
        // the shape the field stores.
        switch field.description.storage {
        case .line: return passOverString(of: field)
        case .items: return passOverStrings(of: field)
        case .eraYear: return eraYear(of: field)
        case .diagram: return diagram(of: field)
        }
    }

    /// `null`, or `{"era": E, "year": N or null}` with E an era's name and N a whole number below 10,000.
    private mutating func eraYear(of field: SheetField) -> Bool {
        if takeNull() { return true }
        guard take(UInt8(ascii: "{")), key(Array("era".utf8)), let name = string(of: nil), let era = Era(rawValue: name),
              take(UInt8(ascii: ",")), key(Array("year".utf8)) else { return false }
        let year: Int?
        if takeNull() {
            year = nil
        } else {
            guard let number = number() else { return false }
            year = number
        }
        let value = EraYear(era: era, year: year)
        if field == .started { started = value }
        record?.add(value.displayText, of: field)
        return take(UInt8(ascii: "}"))
    }

    /// `{"actors": [...], "flows": [{"from": F, "to": T, "label": L}, ...], "notes": [...]}`.
    private mutating func diagram(of field: SheetField) -> Bool {
        guard take(UInt8(ascii: "{")), key(Array("actors".utf8)), passOverStrings(of: field),
              take(UInt8(ascii: ",")), key(Array("flows".utf8)) else { return false }
        let flowKeys = [Array("from".utf8), Array("to".utf8), Array("label".utf8)]
        let flows = sequence(UInt8(ascii: "]")) { scan in
            guard scan.take(UInt8(ascii: "{")) else { return false }
            var parts: [String] = []
            for (position, key) in flowKeys.enumerated() {
                if position > 0 && !scan.take(UInt8(ascii: ",")) { return false }
                guard scan.key(key), let part = scan.string(of: nil) else { return false }
                parts.append(part)
            }
            // A flow is searched as it is shown: `FROM → TO：LABEL`.
            scan.record?.add(Diagram.Flow(from: parts[0], to: parts[1], label: parts[2]).displayText, of: field)
            return scan.take(UInt8(ascii: "}"))
        }
        return flows && take(UInt8(ascii: ",")) && key(Array("notes".utf8)) && passOverStrings(of: field) && take(UInt8(ascii: "}"))
    }

    // MARK: Pieces

    /// `[`, items separated by commas (each taken by `item`), and `close`.
    private mutating func sequence(_ close: UInt8, _ item: (inout CanonicalCaseScan) -> Bool) -> Bool {
        guard take(UInt8(ascii: "[")) else { return false }
        if take(close) { return true }
        repeat {
            guard item(&self) else { return false }
        } while take(UInt8(ascii: ","))
        return take(close)
    }

    /// An array of strings, each also put in the record as a text of `field`.
    private mutating func strings(of field: SheetField) -> [String]? {
        var values: [String] = []
        let whole = sequence(UInt8(ascii: "]")) { scan in
            guard let value = scan.string(of: field) else { return false }
            values.append(value)
            return true
        }
        return whole ? values : nil
    }

    /// An array of strings, checked, each put in the record as a text of `field`.
    private mutating func passOverStrings(of field: SheetField) -> Bool {
        sequence(UInt8(ascii: "]")) { $0.passOverString(of: field) }
    }

    /// `"key"` and its colon.
    private mutating func key(_ key: [UInt8]) -> Bool {
        skipWhitespace()
        guard index + key.count + 2 <= bytes.count, bytes[index] == UInt8(ascii: "\""),
              bytes[index + key.count + 1] == UInt8(ascii: "\"") else { return false }
        for (offset, byte) in key.enumerated() where bytes[index + 1 + offset] != byte { return false }
        index += key.count + 2
        return take(UInt8(ascii: ":"))
    }

    /// The bytes of a plain string (no escape), checked, without its quotes.
    private mutating func plainString() -> Range<Int>? {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\""),
              let end = JSONPlainString.end(in: bytes, from: index + 1) else { return nil }
        defer { index = end + 1 }
        return (index + 1)..<end
    }

    /// A plain string, put in the record as a text of `field` when there is one.
    private mutating func string(of field: SheetField?) -> String? {
        guard let range = plainString() else { return nil }
        let utf8 = UnsafeBufferPointer(rebasing: bytes[range])
        if let field { record?.add(utf8: utf8, of: field) }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// A plain string, checked, and put in the record as a text of `field`.
    private mutating func passOverString(of field: SheetField) -> Bool {
        guard let range = plainString() else { return false }
        record?.add(utf8: UnsafeBufferPointer(rebasing: bytes[range]), of: field)
        return true
    }

    /// A whole number as the encoder writes one: `0`, or up to four digits with no leading zero.
    private mutating func number() -> Int? {
        skipWhitespace()
        var value = 0
        var digits = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            if digits > 0 && value == 0 { return nil }
            value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            digits += 1
            index += 1
        }
        // A fraction, an exponent or a fifth digit is read the long way.
        guard (1...4).contains(digits), index < bytes.count, ![UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) else {
            return nil
        }
        return value
    }

    private mutating func takeNull() -> Bool {
        skipWhitespace()
        guard index + 4 <= bytes.count, bytes[index] == UInt8(ascii: "n"), bytes[index + 1] == UInt8(ascii: "u"),
              bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "l") else { return false }
        index += 4
        return true
    }

    /// Whitespace, then `byte`.
    private mutating func take(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }
}
