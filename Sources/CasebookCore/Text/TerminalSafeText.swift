/// Text from a case file made safe to print on a terminal (SPEC §7).
///
/// A file is data written by someone else: an ESC, a C1 control or a
/// bidirectional override in it must show as something visible, never reach
/// the terminal raw, where it could move the cursor, set the title or write
/// to the clipboard.
public enum TerminalSafeText {
    /// `text` with every control and bidirectional-control character shown visibly:
    /// C0 as `^[`-style caret notation, DEL as `^?`, others as `<U+202E>`.
    public static func make(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if !isUnsafe(scalar) {
                out.append(scalar)
            } else if scalar.value < 0x20 {
                out.append("^")
                out.append(Unicode.Scalar(scalar.value + 0x40)!)
            } else if scalar.value == 0x7F {
                out.append(contentsOf: "^?".unicodeScalars)
            } else {
                out.append(contentsOf: "<\(scalar.codePointName)>".unicodeScalars)
            }
        }
        return String(out)
    }

    /// Whether a scalar must not reach the terminal raw.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v)
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C
            || v == 0x2028 || v == 0x2029
    }
}
