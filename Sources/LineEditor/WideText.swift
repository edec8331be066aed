import CLineEditShims
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Conversions between Swift strings and libedit's wide (UTF-32 `wchar_t`) text,
/// and terminal display widths.
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

    /// Whether `scalar` must be shown escaped rather than sent raw to a terminal:
    /// C0 and C1 controls, DEL, and bidirectional formatting characters.
    static func isUnsafeForTerminal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// `text` with every character unsafe for a terminal made visible: `^X` for C0
    /// controls, `^?` for DEL, `<U+XXXX>` for C1 controls and bidirectional controls.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafeForTerminal) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if !isUnsafeForTerminal(scalar) {
                out.unicodeScalars.append(scalar)
            } else if scalar.value < 0x20 {
                out += "^" + String(Unicode.Scalar(UInt8(scalar.value + 0x40)))
            } else if scalar.value == 0x7F {
                out += "^?"
            } else {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
            }
        }
        return out
    }

    /// Terminal columns `text` takes: wcwidth per scalar (double-width = 2,
    /// combining = 0); a control character counts 2 (libedit shows it as `^X`).
    static func displayWidth(_ text: String) -> Int {
        var width = 0
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                width += 2
                continue
            }
            let w = cle_wcwidth(wchar_t(bitPattern: scalar.value))
            width += w < 0 ? 1 : Int(w)
        }
        return width
    }
}
