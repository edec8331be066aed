/// Turns what a person typed into a field's value, or says why it cannot be one.
///
/// Shared by `set`, the guided walks and `--editor`, so that a value is checked
/// the same way wherever it comes from.
public enum FieldInput {
    /// Why a typed value was refused.
    public enum Problem: Error, Sendable, Equatable {
        /// The field needs a value (事業名).
        case required(SheetField)
        /// A one-line field was given line breaks.
        case lineBreak(SheetField)
        /// Not one of a closed choice; carries the choices.
        case notAChoice(SheetField, value: String, choices: [String])
        /// A choice number outside 1...count.
        case choiceNumberOutOfRange(SheetField, number: Int, count: Int)
        /// An era year that could not be read.
        case eraYear(EraYear.ParseError)
        /// The field is not set from one line (list, text, diagram).
        case notSingleLine(SheetField)
        /// A diagram flow that could not be read.
        case badFlow(String)
        /// A character no value may hold (see `unacceptableCharacter(in:)`).
        case unacceptableCharacter(SheetField, Unicode.Scalar)
    }

    /// The first character of `typed` that no value may hold: a control character (C0 but tab
    /// and line breaks, which the fields handle, DEL, C1), a direction mark or override (U+202E…),
    /// or U+FFFD, which stands for bytes that were not UTF-8 (from a terminal or a pipe with another
    /// encoding). They would be shown made visible, but have no place in a sheet, and would travel
    /// into its exports and its colleagues' terminals.
    public static func unacceptableCharacter(in typed: String) -> Unicode.Scalar? {
        typed.unicodeScalars.first { scalar in
            scalar != "\n" && scalar != "\r" && scalar != "\t" && (TerminalSafeText.isUnsafe(scalar) || scalar == "\u{FFFD}")
        }
    }

    /// Throws `.unacceptableCharacter` when `typed`, a value for `field`, holds one.
    public static func check(_ typed: String, for field: SheetField) throws(Problem) {
        if let scalar = unacceptableCharacter(in: typed) { throw .unacceptableCharacter(field, scalar) }
    }

    /// Marks a person may type before a list item; they are bullets, not content.
    public static let bulletMarks: Set<Character> = ["・", "･", "□", "○", "-", "*", "■", "●", "◯", "☐"]

    /// A list item as typed: leading bullet and surrounding white space removed. Empty means "no item".
    public static func listItem(_ typed: String) -> String {
        var text = Substring(typed.trimmingWhitespace())
        while let first = text.first, bulletMarks.contains(first) {
            text = text.dropFirst()
            text = Substring(String(text).trimmingWhitespace())
        }
        return String(text)
    }

    /// A paragraph as typed: surrounding white space removed. Empty means "no paragraph".
    public static func paragraph(_ typed: String) -> String {
        typed.trimmingWhitespace()
    }

    /// The value of a one-line field (line, choice, era year) from what was typed.
    ///
    /// For a choice, a number selects the choice with that number (1-based).
    /// - Returns: the value and, for an open choice given an unknown value, a warning.
    public static func singleLineValue(
        _ typed: String, for field: SheetField, currentWesternYear: Int
    ) throws(Problem) -> (value: FieldValue, warning: ValidationIssue?) {
        if typed.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            throw .lineBreak(field)
        }
        try check(typed, for: field)
        let text = typed.trimmingWhitespace()
        switch field.kind {
        case .line:
            if field == .title && text.isEmpty { throw .required(field) }
            return (.line(text), nil)
        case .choice(let choices, let closed):
            var chosen = text
            let digits = text.withASCIIDigits()
            if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits) {
                guard number >= 1, number <= choices.count else {
                    throw .choiceNumberOutOfRange(field, number: number, count: choices.count)
                }
                chosen = choices[number - 1]
            }
            if chosen.isEmpty { return (.line(""), nil) }
            if choices.contains(chosen) { return (.line(chosen), nil) }
            if closed { throw .notAChoice(field, value: chosen, choices: choices) }
            return (.line(chosen), ValidationIssue(severity: .warning, field: field, kind: .unknownChoice(chosen)))
        case .eraYear:
            if text.isEmpty { return (.eraYear(nil), nil) }
            do {
                return (.eraYear(try EraYear.parse(text, currentWesternYear: currentWesternYear)), nil)
            } catch {
                throw .eraYear(error)
            }
        case .list, .text, .diagram:
            throw .notSingleLine(field)
        }
    }

    /// The items of a list or text field from typed lines: cleaned, empty ones dropped.
    public static func items(_ lines: [String], for field: SheetField) -> [String] {
        if case .text = field.kind {
            return lines.map(paragraph).filter { !$0.isEmpty }
        }
        return lines.map(listItem).filter { !$0.isEmpty }
    }
}
