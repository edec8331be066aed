/// What `find` needs of one case, as one compact run of UTF-8 bytes that the store's index can
/// keep as it is: each searchable text in search form and as written, and the field it is from.
///
/// Layout: the search forms joined by GS (0x1D), US (0x1F), the texts as written joined by GS,
/// US, then one byte per text naming its field (`a` + the field's place in `SheetField.allCases`).
/// No text contains 0x1C–0x1F (they become U+FFFD), so a record never holds RS (0x1E) and
/// can sit in a file of records ended by RS.
public struct SearchRecord: Sendable, Equatable {
    /// The record's bytes.
    public let bytes: [UInt8]

    static let textSeparator: UInt8 = 0x1D
    static let partSeparator: UInt8 = 0x1F
    private static let fields = SheetField.allCases

    /// The record of bytes read back from an index (checked when read: a malformed record has no texts).
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The record of `sheet`'s searchable texts, made in one buffer (records are made for every
    /// case of a store at once on first use, so no part is built apart and copied).
    public init(of sheet: CaseSheet) {
        let texts = sheet.searchableTexts.map { (field: $0.field, text: Self.withoutSeparators($0.text)) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(texts.reduce(3) { $0 + 2 * $1.text.utf8.count + 3 })
        for (position, entry) in texts.enumerated() {
            if position > 0 { bytes.append(Self.textSeparator) }
            SearchNormalizer.appendNormalized(entry.text, to: &bytes)
        }
        bytes.append(Self.partSeparator)
        for (position, entry) in texts.enumerated() {
            if position > 0 { bytes.append(Self.textSeparator) }
            bytes.append(contentsOf: entry.text.utf8)
        }
        bytes.append(Self.partSeparator)
        for entry in texts { bytes.append(UInt8(ascii: "a") + UInt8(entry.field.rawValue)) }
        self.bytes = bytes
    }

    /// Whether any text's search form contains `needle` (UTF-8 of a normalised query).
    public func contains(_ needle: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { record in needle.withUnsafeBufferPointer { Self.contains($0, in: record) } }
    }

    /// The texts, as written, whose search form contains `needle`, with their fields, in sheet order.
    public func texts(containing needle: [UInt8]) -> [(field: SheetField, text: String)] {
        bytes.withUnsafeBufferPointer { record in needle.withUnsafeBufferPointer { Self.texts(containing: $0, in: record) } }
    }

    /// Whether the search forms in `record` contain `needle`: one byte search over all of them,
    /// since the separator can never be part of a normalised query.
    public static func contains(_ needle: UnsafeBufferPointer<UInt8>, in record: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let end = ByteSearch.firstOffset(of: partSeparator, in: record, from: 0) else { return false }
        return ByteSearch.contains(UnsafeBufferPointer(rebasing: record[..<end]), needle)
    }

    /// `texts(containing:)` over a record held in a larger buffer. (Separators are found with
    /// memchr: this runs over every candidate case of a large store.)
    public static func texts(containing needle: UnsafeBufferPointer<UInt8>, in record: UnsafeBufferPointer<UInt8>) -> [(field: SheetField, text: String)] {
        guard let normalizedEnd = ByteSearch.firstOffset(of: partSeparator, in: record, from: 0),
              let originalEnd = ByteSearch.firstOffset(of: partSeparator, in: record, from: normalizedEnd + 1) else { return [] }
        let codes = record[(originalEnd + 1)...]
        guard !codes.isEmpty, !codes.contains(partSeparator) else { return [] }
        var found: [(field: SheetField, text: String)] = []
        var normalizedStart = 0
        var originalStart = normalizedEnd + 1
        for code in codes {
            let ordinal = Int(code) - Int(UInt8(ascii: "a"))
            guard ordinal >= 0, ordinal < fields.count else { return [] }
            // This text's search form and its text as written: up to the next GS or the part's end.
            guard normalizedStart <= normalizedEnd, originalStart <= originalEnd else { return [] }
            let normalizedStop = min(ByteSearch.firstOffset(of: textSeparator, in: record, from: normalizedStart) ?? normalizedEnd, normalizedEnd)
            let originalStop = min(ByteSearch.firstOffset(of: textSeparator, in: record, from: originalStart) ?? originalEnd, originalEnd)
            if ByteSearch.contains(UnsafeBufferPointer(rebasing: record[normalizedStart..<normalizedStop]), needle) {
                found.append((fields[ordinal], String(decoding: UnsafeBufferPointer(rebasing: record[originalStart..<originalStop]), as: UTF8.self)))
            }
            normalizedStart = normalizedStop + 1
            originalStart = originalStop + 1
        }
        // Every text used up exactly: otherwise the record is not one this version wrote.
        guard normalizedStart == normalizedEnd + 1, originalStart == originalEnd + 1 else { return [] }
        return found
    }

    /// `text` with the record's separators (and FS) made U+FFFD, which no query contains by accident.
    private static func withoutSeparators(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x1C && $0 <= 0x1F }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { (0x1C...0x1F).contains($0.value) ? "\u{FFFD}" : $0 }))
    }
}
