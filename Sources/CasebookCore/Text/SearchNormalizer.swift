import Foundation

/// The normal form both sides of a `find` are compared in (SPEC §3.4):
/// NFKC (voiced kana composed, as NFKC composes them), Latin case folded, katakana as hiragana,
/// the wave dash 〜 (U+301C) as the tilde that NFKC makes of ～ (U+FF5E): an IME gives either.
public enum SearchNormalizer {
    /// `text` in search form. `ＮＰＯ` and `npo` agree; so do `はぐくーむ` and `ハグクーム`.
    public static func normalize(_ text: String) -> String {
        if let quick = quickNormalize(text) { return quick }
        var nfkc = text.precomposedStringWithCompatibilityMapping
        // Foundation on Linux leaves half-width ﾎﾞ as ホ + U+3099 after NFKC; composing again
        // gives ボ, as NFKC does elsewhere, so that ﾎﾞﾗﾝﾃｨｱ finds ボランティア.
        if nfkc.unicodeScalars.contains(where: { $0.value == 0x3099 || $0.value == 0x309A }) {
            nfkc = nfkc.precomposedStringWithCanonicalMapping
        }
        var scalars = String.UnicodeScalarView()
        for scalar in nfkc.unicodeScalars {
            if let folded = fold(scalar) {
                scalars.append(folded)
            } else if scalar.properties.changesWhenCaseFolded {
                scalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Case and kana folding of one scalar that NFKC leaves alone, or `nil` when there is none.
    private static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x41...0x5A: Unicode.Scalar(scalar.value + 0x20)
        case 0x301C: "~"
        // Katakana ァ..ヶ and the iteration marks map onto hiragana 0x60 below them.
        case 0x30A1...0x30F6, 0x30FD...0x30FE: Unicode.Scalar(scalar.value - 0x60)
        default: nil
        }
    }

    /// The search form of one scalar that is its own NFKC form whatever surrounds it — ASCII,
    /// kana, kanji, CJK punctuation, full-width ASCII, arrows and shapes — or `nil` for any other, which needs
    /// Foundation's full normalisation. Most Japanese text is entirely of the first kind.
    static func quickForm(of scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let v = scalar.value
        switch v {
        case 0x20...0x7E: return fold(scalar) ?? scalar
        case 0x3000: return " "
        case 0x3001...0x3035, 0x3041...0x3096, 0x309D...0x309E, 0x30A1...0x30FE, 0x3400...0x4DBF, 0x4E00...0x9FFF:
            return fold(scalar) ?? scalar
        case 0xFF01...0xFF5E:
            return quickForm(of: Unicode.Scalar(v - 0xFEE0)!)
        // Arrows (a diagram's flows are written with →), geometric shapes, ※ and ‐: their own forms.
        case 0x2010, 0x203B, 0x2190...0x21FF, 0x25A0...0x25FF:
            return scalar
        // ① to ⑨, which the sheets number their points with: the digit (⑩ and on are two).
        case 0x2460...0x2468:
            return Unicode.Scalar(v - 0x2460 + 0x31)
        default: return nil
        }
    }

    /// The search forms of `text`'s scalars when every one has a quick form; else `nil`.
    /// Such text has exactly one scalar per character.
    static func quickScalars(_ text: String) -> [UInt32]? {
        var values: [UInt32] = []
        values.reserveCapacity(text.utf8.count / 2)
        for scalar in text.unicodeScalars {
            guard let form = quickForm(of: scalar) else { return nil }
            values.append(form.value)
        }
        return values
    }

    /// `text` in search form when every scalar has a quick form; else `nil`.
    static func quickNormalize(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        guard appendQuickForm(of: text, to: &bytes) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `normalize` of the text whose UTF-8 is `utf8` (well-formed) to `bytes`: a search
    /// record is made of the search forms of every text of a case, read straight from its file's
    /// bytes or from a String's, with no String made unless a character needs Foundation.
    public static func appendNormalized(utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        if appendQuickForm(utf8: utf8, to: &bytes) { return }
        bytes.append(contentsOf: normalize(String(decoding: utf8, as: UTF8.self)).utf8)
    }

    /// Appends the quick form of the well-formed UTF-8 `utf8` to `bytes`; false, with nothing
    /// appended, when a character of it has none. Kanji from U+4E00 to U+9FFF (E4 B8 80 to E9 BF BF),
    /// half of most Japanese text, are their own forms and are copied as they are; kana
    /// and CJK punctuation (U+3000 to U+30FF) are looked up in a table of their forms.
    private static func appendQuickForm(utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) -> Bool {
        // No quick form is longer in UTF-8 than what it is the form of: the forms are made in a
        // buffer of the text's length, with no check of room per byte, and appended once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(utf8.count, 1)) { out in
            kanaForms.withUnsafeBufferPointer { kana in
                var index = 0
                var end = 0
                while index < utf8.count {
                    let lead = utf8[index]
                    // U+4E00 (E4 B8 80) to U+9FFF: the unified kanji.
                    if lead >= 0xE5 && lead <= 0xE9 || lead == 0xE4 && utf8[index + 1] >= 0xB8 {
                        out[end] = lead
                        out[end + 1] = utf8[index + 1]
                        out[end + 2] = utf8[index + 2]
                        end += 3
                        index += 3
                        continue
                    }
                    if lead == 0xE3 && utf8[index + 1] < 0x84 {
                        let form = kana[Int(utf8[index + 1] & 0x3F) << 6 | Int(utf8[index + 2] & 0x3F)]
                        if form == 0 { return false }
                        if form < 0x80 {
                            out[end] = UInt8(form)
                            end += 1
                        } else {
                            out[end] = 0xE3
                            out[end + 1] = UInt8(0x80 | ((form >> 6) & 0x3F))
                            out[end + 2] = UInt8(0x80 | (form & 0x3F))
                            end += 3
                        }
                        index += 3
                        continue
                    }
                    let (scalar, length) = WellFormedUTF8.scalar(at: index, in: utf8)
                    guard let form = quickForm(of: scalar)?.value else { return false }
                    end += UTF8Encoding.write(form, to: out, at: end)
                    index += length
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: out[..<end]))
                return true
            }
        }
    }

    /// The quick forms of U+3000 to U+30FF, by offset from U+3000; 0 where there is none. Each is
    /// ASCII or itself between U+3000 and U+30FF, so written back as ASCII or E3 and two bytes.
    private static let kanaForms: [UInt16] = (0x3000...0x30FF).map { value in
        guard let form = quickForm(of: Unicode.Scalar(UInt32(value))!)?.value else { return 0 }
        precondition(form < 0x80 || (0x3000...0x30FF).contains(form), "a kana's form is ASCII or kana")
        return UInt16(form)
    }

    /// Appends the quick form of `text` to `bytes`; false, with nothing appended, when a
    /// character of it has none.
    private static func appendQuickForm(of text: String, to bytes: inout [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { appendQuickForm(utf8: $0, to: &bytes) }
    }
}

/// A quick form written as UTF-8.
enum UTF8Encoding {
    /// Writes `value`, below U+10000 as every quick form is, at `offset` in `out`; returns how many bytes.
    @inline(__always)
    static func write(_ value: UInt32, to out: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        if value < 0x80 {
            out[offset] = UInt8(value)
            return 1
        } else if value < 0x800 {
            out[offset] = UInt8(0xC0 | (value >> 6))
            out[offset + 1] = UInt8(0x80 | (value & 0x3F))
            return 2
        }
        out[offset] = UInt8(0xE0 | (value >> 12))
        out[offset + 1] = UInt8(0x80 | ((value >> 6) & 0x3F))
        out[offset + 2] = UInt8(0x80 | (value & 0x3F))
        return 3
    }
}

/// The scalars of bytes already checked to be well-formed UTF-8, decoded without checking again.
enum WellFormedUTF8 {
    /// The scalar whose UTF-8 starts at `index` in `bytes`, and how many bytes it takes.
    @inline(__always)
    static func scalar(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[index])
        let (value, length): (UInt32, Int)
        switch lead {
        case 0..<0x80:
            return (Unicode.Scalar(UInt8(lead)), 1)
        case 0xC0..<0xE0:
            (value, length) = ((lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2)
        case 0xE0..<0xF0:
            (value, length) = ((lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
        default:
            (value, length) = ((lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                | UInt32(bytes[index + 3] & 0x3F), 4)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}
