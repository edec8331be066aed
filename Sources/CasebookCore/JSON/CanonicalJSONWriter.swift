/// Writes a `JSONValue` exactly as `jq .` (jq 1.6) prints it.
///
/// That byte-for-byte agreement is the store's file format (SPEC §2.1): two-space
/// indent, `"key": value`, one element per line, `[]`/`{}` when empty, non-ASCII
/// written as itself, `/` unescaped, and a final newline.
public enum CanonicalJSONWriter {
    /// The canonical text of `value`, with its final newline.
    public static func text(of value: JSONValue) -> String {
        var out = ""
        out.reserveCapacity(4096)
        write(value, indent: 0, into: &out)
        out.append("\n")
        return out
    }

    /// The canonical UTF-8 bytes of `value`.
    public static func bytes(of value: JSONValue) -> [UInt8] {
        Array(text(of: value).utf8)
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout String) {
        switch value {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .number(let n): out.append(formatNumber(n))
        case .string(let s): writeString(s, into: &out)
        case .array(let elements):
            if elements.isEmpty { out.append("[]"); return }
            out.append("[\n")
            for (offset, element) in elements.enumerated() {
                pad(indent + 1, &out)
                write(element, indent: indent + 1, into: &out)
                out.append(offset == elements.count - 1 ? "\n" : ",\n")
            }
            pad(indent, &out)
            out.append("]")
        case .object(let members):
            if members.isEmpty { out.append("{}"); return }
            out.append("{\n")
            for (offset, member) in members.enumerated() {
                pad(indent + 1, &out)
                writeString(member.key, into: &out)
                out.append(": ")
                write(member.value, indent: indent + 1, into: &out)
                out.append(offset == members.count - 1 ? "\n" : ",\n")
            }
            pad(indent, &out)
            out.append("}")
        }
    }

    private static func pad(_ level: Int, _ out: inout String) {
        for _ in 0..<level { out.append("  ") }
    }

    private static let hexDigits: [Character] = Array("0123456789abcdef")

    static func writeString(_ string: String, into out: inout String) {
        out.append("\"")
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\u{08}": out.append("\\b")
            case "\u{0C}": out.append("\\f")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out.append("\\u00")
                    out.append(hexDigits[Int(scalar.value >> 4)])
                    out.append(hexDigits[Int(scalar.value & 0xF)])
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }

    /// jq 1.6 prints the shortest digits that read back as the same double,
    /// in positional notation unless the exponent is below -4 or above 15 digits
    /// past the significant ones, and then as `1e+20` / `1e-07`.
    static func formatNumber(_ number: Double) -> String {
        if number.isNaN { return "null" }
        if number.isInfinite { return number < 0 ? "-1.7976931348623157e+308" : "1.7976931348623157e+308" }
        if number == 0 { return number.sign == .minus ? "-0" : "0" }
        let (negative, digits, decimalPoint) = shortestDigits(of: number)
        var out = negative ? "-" : ""
        if decimalPoint <= -4 || decimalPoint > digits.count + 15 {
            out.append(digits.first!)
            if digits.count > 1 {
                out.append(".")
                out.append(contentsOf: digits.dropFirst())
            }
            let exponent = decimalPoint - 1
            out.append(exponent < 0 ? "e-" : "e+")
            let magnitude = String(abs(exponent))
            if magnitude.count < 2 { out.append("0") }
            out.append(magnitude)
        } else if decimalPoint <= 0 {
            out.append("0.")
            out.append(String(repeating: "0", count: -decimalPoint))
            out.append(contentsOf: digits)
        } else if decimalPoint >= digits.count {
            out.append(contentsOf: digits)
            out.append(String(repeating: "0", count: decimalPoint - digits.count))
        } else {
            out.append(contentsOf: digits.prefix(decimalPoint))
            out.append(".")
            out.append(contentsOf: digits.dropFirst(decimalPoint))
        }
        return out
    }

    /// Splits Swift's shortest round-trip description into its digits and the
    /// position of the decimal point relative to them.
    private static func shortestDigits(of number: Double) -> (Bool, [Character], Int) {
        var text = Substring(number.magnitude.description)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...])!
            text = text[..<e]
        }
        var digits: [Character] = []
        var pointAt = -1
        for character in text {
            if character == "." { pointAt = digits.count } else { digits.append(character) }
        }
        if pointAt < 0 { pointAt = digits.count }
        while digits.first == "0" {
            digits.removeFirst()
            pointAt -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (number.sign == .minus, digits, pointAt + exponent)
    }
}
