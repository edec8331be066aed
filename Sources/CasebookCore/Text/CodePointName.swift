extension Unicode.Scalar {
    /// The scalar's name as messages give it: `U+` and at least four upper-case hex digits
    /// (`U+001B`, `U+202E`, `U+20BB7`).
    public var codePointName: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
