import Foundation

/// Splits a line typed at the prompt into words as a POSIX shell does:
/// white space separates, single quotes keep everything, double quotes keep all
/// but `\"` and `\\`, a backslash outside quotes escapes the next character.
/// Full-width spaces (U+3000) separate words too, since an input method types them.
public enum WordSplitter {
    /// Why a line could not be split.
    public enum Problem: Error, Sendable, Equatable {
        /// A quote was opened and never closed.
        case unterminatedQuote(Character)
        /// The line ends with a lone backslash.
        case trailingBackslash
    }

    /// The words of `line`.
    public static func split(_ line: String) throws(Problem) -> [String] {
        try splitKeepingState(line).words
    }

    /// The words of `line`, and whether the last one is still open (the cursor is inside it):
    /// what completion needs to know.
    public static func splitKeepingState(_ line: String) throws(Problem) -> (words: [String], lastWordOpen: Bool) {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaping = false
        for character in line {
            if escaping {
                current.append(character)
                escaping = false
                continue
            }
            if let q = quote {
                if character == q {
                    quote = nil
                } else if q == "\"" && character == "\\" {
                    escaping = true
                } else {
                    current.append(character)
                }
                continue
            }
            switch character {
            case "\\":
                escaping = true
                inWord = true
            case "'", "\"":
                quote = character
                inWord = true
            case " ", "\t", "\u{3000}":
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            default:
                current.append(character)
                inWord = true
            }
        }
        if let quote { throw .unterminatedQuote(quote) }
        if escaping { throw .trailingBackslash }
        if inWord { words.append(current) }
        return (words, inWord)
    }

    /// `word` quoted so that `split` gives it back unchanged (for completion and messages).
    public static func quoted(_ word: String) -> String {
        if !word.isEmpty, !word.contains(where: { " \t\u{3000}'\"\\".contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
