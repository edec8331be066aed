import CLineEditShims
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Conversions between Swift strings and libedit's wide (UTF-32 `wchar_t`) text. Widths and
/// terminal safety are the core's (`DisplayWidth`, `TerminalSafeText`), as everywhere in casebook.
enum WideText {
    /// The scalars of `text` as a NUL-terminated wide string; NUL characters are dropped.
    static func nulTerminated(_ text: String) -> [wchar_t] {
        var result: [wchar_t] = []
        result.reserveCapacity(text.unicodeScalars.count + 1)
        for scalar in text.unicodeScalars where scalar.value != 0 {
            result.append(wchar_t(bitPattern: scalar.value))
        }
        result.append(0)
        return result
    }

    /// The string made of `count` wide characters at `start`; invalid ones become U+FFFD.
    static func string(_ start: UnsafePointer<wchar_t>, count: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for index in 0..<max(0, count) {
            scalars.append(Unicode.Scalar(UInt32(bitPattern: start[index])) ?? "\u{FFFD}")
        }
        return String(scalars)
    }
}
