/// The run of a JSON string with no escape: found, checked for control characters and validated
/// as UTF-8 in one pass over its bytes. Reading a store's 10,000 files for their summaries passes
/// over some 23 MB of texts, and two passes (find the quote, then validate) were a sixth of it.
public enum JSONPlainString {
    /// The offset of the quote that closes the string whose first byte is at `start`, when the bytes
    /// up to it hold no backslash, no control character, and only well-formed UTF-8 (RFC 3629); `nil`
    /// otherwise, and when no quote closes it — for the caller to read it the long way, which says why.
    @inline(__always)
    public static func end(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var i = start
        @inline(__always) func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
        while i < count {
            // Eight ASCII bytes at a step, none of them a quote, a backslash or a control character.
            if i + 8 <= count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 && !hasQuoteBackslashOrControl(word) {
                    i += 8
                    continue
                }
            }
            let lead = base[i]
            switch lead {
            case UInt8(ascii: "\""):
                return i
            case UInt8(ascii: "\\"), 0x00..<0x20:
                return nil
            case 0x20...0x7F:
                i += 1
            case 0xE1...0xEC, 0xEE...0xEF:
                // Kana and kanji, most of a Japanese text: three bytes with no bound but the
                // continuation bytes' own. Taken as a run, without going back to the ASCII step.
                var lead = lead
                repeat {
                    guard i + 2 < count, isContinuation(base[i + 1]), isContinuation(base[i + 2]) else { return nil }
                    i += 3
                    guard i < count else { return nil }
                    lead = base[i]
                } while (0xE1...0xEC).contains(lead) || lead >= 0xEE && lead <= 0xEF
            case 0xC2...0xDF:
                guard i + 1 < count, isContinuation(base[i + 1]) else { return nil }
                i += 2
            case 0xE0...0xEF:
                guard i + 2 < count else { return nil }
                // E0 would be overlong below A0; ED above 9F would be a surrogate.
                let lower: UInt8 = lead == 0xE0 ? 0xA0 : 0x80
                let upper: UInt8 = lead == 0xED ? 0x9F : 0xBF
                guard (lower...upper).contains(base[i + 1]), isContinuation(base[i + 2]) else { return nil }
                i += 3
            case 0xF0...0xF4:
                guard i + 3 < count else { return nil }
                // F0 would be overlong below 90; F4 above 8F would pass U+10FFFF.
                let lower: UInt8 = lead == 0xF0 ? 0x90 : 0x80
                let upper: UInt8 = lead == 0xF4 ? 0x8F : 0xBF
                guard (lower...upper).contains(base[i + 1]), isContinuation(base[i + 2]), isContinuation(base[i + 3]) else { return nil }
                i += 4
            default:
                // A continuation byte without a lead, C0/C1 (overlong), or F5 and above.
                return nil
            }
        }
        return nil
    }

    /// Whether any byte of eight ASCII bytes (high bits clear) is `"`, `\` or below 0x20. Each test
    /// is exact for bytes below 0x80: no borrow crosses a byte whose high bit is then checked.
    @inline(__always)
    static func hasQuoteBackslashOrControl(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let below0x20 = (word &- ones &* 0x20) & ~word & highs != 0
        return below0x20 || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
    }
}
