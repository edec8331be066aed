/// A case's summary read straight off a file laid out as casebook writes it: every key the sheet
/// has, in the order the encoder puts them, with plain strings and nothing else. No document is
/// built and no text a summary does not show becomes a String; each is only checked (no escape, no
/// control character, well-formed UTF-8) and passed over. This is how `list` reads 10,000 files
/// on first use (no index) in about the time `rg` takes to read them.
///
/// Anything else — another key order, an unknown key, an escape, a `null` where the encoder writes
/// a value, a number written otherwise, a review with verdicts, damage of any kind — gives `nil`, and
/// the caller reads the file the long way (`CaseSummary.decoding`, then a whole read), which says
/// what is wrong. So a file is accepted here only when the long way accepts it too, and the summary
/// is the same: tests compare the two over every seed file and many kinds of change.
struct CanonicalSummaryScan {
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

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The summary of the case file `bytes` when it is laid out as casebook writes it; else `nil`.
    static func summary(of bytes: [UInt8]) -> CaseSummary? {
        bytes.withUnsafeBufferPointer { buffer in
            var scan = CanonicalSummaryScan(bytes: buffer)
            guard scan.document() else { return nil }
            return CaseSummary(title: scan.title, normalizedTitle: SearchNormalizer.normalize(scan.title), form: scan.form,
                               departments: scan.departments, partners: scan.partners, started: scan.started?.editingText ?? "",
                               domain: scan.domain, status: scan.status, flagCount: 0)
        }
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
            guard let text = string(), let value = SheetStatus(rawValue: text) else { return false }
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
        case .title: return string().map { title = $0 } != nil
        case .form: return string().map { form = $0 } != nil
        case .domain: return string().map { domain = $0 } != nil
        case .departments: return strings().map { departments = $0 } != nil
        case .partners: return strings().map { partners = $0 } != nil
        case .started: return eraYear()
        default: break
        }
        // The texts a summary does not show: checked and passed over, in the shape the field stores.
        switch field.description.storage {
        case .line: return passOverString()
        case .items: return passOverStrings()
        case .eraYear: return eraYear()
        case .diagram: return diagram()
        }
    }

    /// `null`, or `{"era": E, "year": N or null}` with E an era's name and N a whole number below 10,000.
    private mutating func eraYear() -> Bool {
        if takeNull() { return true }
        guard take(UInt8(ascii: "{")), key(Array("era".utf8)), let name = string(), let era = Era(rawValue: name),
              take(UInt8(ascii: ",")), key(Array("year".utf8)) else { return false }
        let year: Int?
        if takeNull() {
            year = nil
        } else {
            guard let number = number() else { return false }
            year = number
        }
        started = EraYear(era: era, year: year)
        return take(UInt8(ascii: "}"))
    }

    /// `{"actors": [...], "flows": [{"from": F, "to": T, "label": L}, ...], "notes": [...]}`.
    private mutating func diagram() -> Bool {
        guard take(UInt8(ascii: "{")), key(Array("actors".utf8)), passOverStrings(),
              take(UInt8(ascii: ",")), key(Array("flows".utf8)) else { return false }
        let flowKeys = [Array("from".utf8), Array("to".utf8), Array("label".utf8)]
        let flows = sequence(UInt8(ascii: "]")) { scan in
            guard scan.take(UInt8(ascii: "{")) else { return false }
            for (position, key) in flowKeys.enumerated() {
                if position > 0 && !scan.take(UInt8(ascii: ",")) { return false }
                guard scan.key(key), scan.passOverString() else { return false }
            }
            return scan.take(UInt8(ascii: "}"))
        }
        return flows && take(UInt8(ascii: ",")) && key(Array("notes".utf8)) && passOverStrings() && take(UInt8(ascii: "}"))
    }

    // MARK: Pieces

    /// `[`, items separated by commas (each taken by `item`), and `close`.
    private mutating func sequence(_ close: UInt8, _ item: (inout CanonicalSummaryScan) -> Bool) -> Bool {
        guard take(UInt8(ascii: "[")) else { return false }
        if take(close) { return true }
        repeat {
            guard item(&self) else { return false }
        } while take(UInt8(ascii: ","))
        return take(close)
    }

    private mutating func strings() -> [String]? {
        var values: [String] = []
        let whole = sequence(UInt8(ascii: "]")) { scan in
            guard let value = scan.string() else { return false }
            values.append(value)
            return true
        }
        return whole ? values : nil
    }

    private mutating func passOverStrings() -> Bool {
        sequence(UInt8(ascii: "]")) { $0.passOverString() }
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

    private mutating func string() -> String? {
        plainString().map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
    }

    private mutating func passOverString() -> Bool {
        plainString() != nil
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
