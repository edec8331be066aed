import Foundation

extension String {
    /// The string without leading and trailing white space (ideographic space included).
    public func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace && !$0.isNewline }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace && !$0.isNewline })!
        return String(self[first...last])
    }

    /// Full-width ASCII digits (０-９) as ASCII digits; everything else untouched.
    public func withASCIIDigits() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { scalar in
            (0xFF10...0xFF19).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFF10 + 0x30)! : scalar
        }))
    }
}
