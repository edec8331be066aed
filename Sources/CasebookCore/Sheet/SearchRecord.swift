#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `find` needs of one case, as one compact run of UTF-8 bytes that the store's index can
/// keep as it is: each searchable text in search form and as written, and the field it is from.
///
/// Layout: the search forms joined by GS (0x1D), US (0x1F), the texts as written joined by GS,
/// US, then one byte per text naming its field: `a` + the field's place in `SheetField.allCases`,
/// or `A` + it when the text as written is its search form, which is then not written again (its
/// place among the texts as written is empty): more than half of a store's texts are so. A text
/// as written that is not its search form is kept as the edits that make it from that form
/// (`WrittenFormEdits`): only the characters folded, not the whole text again.
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

    /// The record of `sheet`'s searchable texts.
    public init(of sheet: CaseSheet) {
        var builder = Builder()
        for (field, text) in sheet.searchableTexts { builder.add(text, of: field) }
        self = builder.finish()
    }

    /// A record made one text at a time, in sheet order: the search forms go into one buffer and
    /// the texts as written (as edits of their search forms) into another, joined once at the end.
    struct Builder {
        private var normalized: [UInt8] = []
        private var originals: [UInt8] = []
        private var codes: [UInt8] = []

        init() {
            normalized.reserveCapacity(4096)
            originals.reserveCapacity(2048)
        }

        /// Adds `text`, of `field`.
        mutating func add(_ text: String, of field: SheetField) {
            var text = SearchRecord.withoutSeparators(text)
            text.withUTF8 { add(utf8: $0, of: field) }
        }

        /// Adds the text whose UTF-8 is `utf8`, well-formed and without separators (a string read
        /// straight from a file has no control character at all).
        mutating func add(utf8: UnsafeBufferPointer<UInt8>, of field: SheetField) {
            if !codes.isEmpty {
                normalized.append(SearchRecord.textSeparator)
                originals.append(SearchRecord.textSeparator)
            }
            let start = normalized.count
            SearchNormalizer.appendNormalized(utf8: utf8, to: &normalized)
            let same = normalized.count - start == utf8.count
                && normalized.withUnsafeBufferPointer { utf8.isEmpty || memcmp($0.baseAddress! + start, utf8.baseAddress!, utf8.count) == 0 }
            if !same {
                normalized.withUnsafeBufferPointer { searched in
                    WrittenFormEdits.append(written: utf8, searched: UnsafeBufferPointer(rebasing: searched[start...]), to: &originals)
                }
            }
            codes.append((same ? UInt8(ascii: "A") : UInt8(ascii: "a")) + UInt8(field.rawValue))
        }

        /// The record of the texts added (the builder is left empty).
        ///
        /// Made in one allocation of its exact size: ten thousand records are kept at once on
        /// first use, and growing one in place would double its buffer and touch twice the memory.
        mutating func finish() -> SearchRecord {
            let count = normalized.count + originals.count + codes.count + 2
            let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                var end = 0
                func append(_ part: [UInt8], then separator: UInt8?) {
                    part.withUnsafeBufferPointer { part in
                        if !part.isEmpty { (buffer.baseAddress! + end).initialize(from: part.baseAddress!, count: part.count) }
                        end += part.count
                    }
                    if let separator {
                        buffer[end] = separator
                        end += 1
                    }
                }
                append(normalized, then: SearchRecord.partSeparator)
                append(originals, then: SearchRecord.partSeparator)
                append(codes, then: nil)
                initialized = end
            }
            normalized.removeAll(keepingCapacity: true)
            originals.removeAll(keepingCapacity: true)
            codes.removeAll(keepingCapacity: true)
            return SearchRecord(bytes: bytes)
        }
    }

    /// Whether any text's search form contains `needle` (UTF-8 of a normalised query).
    public func contains(_ needle: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { record in needle.withUnsafeBufferPointer { Self.contains($0, in: record) } }
    }

    /// The texts, as written, whose search form contains `needle`, with their fields, in sheet order.
    public func texts(containing needle: [UInt8]) -> [(field: SheetField, text: String)] {
        bytes.withUnsafeBufferPointer { record in
            needle.withUnsafeBufferPointer { needle in
                // One search over all the search forms first: most records of a store have no match.
                Self.contains(needle, in: record) ? Self.texts(containing: needle, in: record) : []
            }
        }
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
            // `a`…: the text as written follows; `A`…: it is its search form, not written again.
            let writtenAsSearched = code < UInt8(ascii: "a")
            let ordinal = Int(code) - Int(writtenAsSearched ? UInt8(ascii: "A") : UInt8(ascii: "a"))
            guard ordinal >= 0, ordinal < fields.count else { return [] }
            // This text's search form and its text as written: up to the next GS or the part's end.
            guard normalizedStart <= normalizedEnd, originalStart <= originalEnd else { return [] }
            let normalizedStop = min(ByteSearch.firstOffset(of: textSeparator, in: record, from: normalizedStart) ?? normalizedEnd, normalizedEnd)
            let originalStop = min(ByteSearch.firstOffset(of: textSeparator, in: record, from: originalStart) ?? originalEnd, originalEnd)
            if writtenAsSearched && originalStop != originalStart { return [] }
            let normalizedText = record[normalizedStart..<normalizedStop]
            if ByteSearch.contains(UnsafeBufferPointer(rebasing: normalizedText), needle) {
                let searched = UnsafeBufferPointer(rebasing: normalizedText)
                if writtenAsSearched {
                    found.append((fields[ordinal], String(decoding: searched, as: UTF8.self)))
                } else {
                    guard let written = WrittenFormEdits.apply(UnsafeBufferPointer(rebasing: record[originalStart..<originalStop]), to: searched) else { return [] }
                    found.append((fields[ordinal], String(decoding: written, as: UTF8.self)))
                }
            }
            normalizedStart = normalizedStop + 1
            originalStart = originalStop + 1
        }
        // Every text used up exactly: otherwise the record is not one this version wrote.
        guard normalizedStart == normalizedEnd + 1, originalStart == originalEnd + 1 else { return [] }
        return found
    }

    /// `text` with the record's separators (and FS) made U+FFFD, which no query contains by accident.
    static func withoutSeparators(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x1C && $0 <= 0x1F }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { (0x1C...0x1F).contains($0.value) ? "\u{FFFD}" : $0 }))
    }
}
