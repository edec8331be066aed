/// Whether bytes are well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past
/// U+10FFFF), answered without making a String: the JSON parser passes over the texts `list` does
/// not show, and still refuses every file that is not UTF-8, as it does when it reads them.
public enum UTF8Validation {
    /// Whether `bytes` are well-formed UTF-8.
    public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var i = 0
        @inline(__always) func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
        while i < count {
            // ASCII, eight bytes a step.
            if i + 8 <= count, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let lead = base[i]
            switch lead {
            case 0x00...0x7F:
                i += 1
            case 0xC2...0xDF:
                guard i + 1 < count, isContinuation(base[i + 1]) else { return false }
                i += 2
            case 0xE0...0xEF:
                guard i + 2 < count else { return false }
                // E0 would be overlong below A0; ED above 9F would be a surrogate.
                let lower: UInt8 = lead == 0xE0 ? 0xA0 : 0x80
                let upper: UInt8 = lead == 0xED ? 0x9F : 0xBF
                guard (lower...upper).contains(base[i + 1]), isContinuation(base[i + 2]) else { return false }
                i += 3
            case 0xF0...0xF4:
                guard i + 3 < count else { return false }
                // F0 would be overlong below 90; F4 above 8F would pass U+10FFFF.
                let lower: UInt8 = lead == 0xF0 ? 0x90 : 0x80
                let upper: UInt8 = lead == 0xF4 ? 0x8F : 0xBF
                guard (lower...upper).contains(base[i + 1]), isContinuation(base[i + 2]), isContinuation(base[i + 3]) else { return false }
                i += 4
            default:
                // A continuation byte without a lead, C0/C1 (overlong), or F5 and above.
                return false
            }
        }
        return true
    }
}
