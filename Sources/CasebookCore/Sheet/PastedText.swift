/// Text pasted into a field, taken apart the way a person means it (SPEC §3.1, issue 13).
///
/// Paragraphs are separated by empty lines. Inside a paragraph, a line break that a PDF or a mail
/// put in the middle of a sentence is layout, not content: such lines may be joined back. A
/// paragraph whose lines are bullet items, or each end a sentence, is a list of separate lines.
public enum PastedText {
    /// The paragraphs of `text`, each as its lines (surrounding white space removed); runs of empty
    /// lines separate paragraphs, and empty paragraphs are dropped.
    public static func paragraphs(_ text: String) -> [[String]] {
        var result: [[String]] = []
        var current: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = String(line).trimmingWhitespace()
            if trimmed.isEmpty {
                if !current.isEmpty { result.append(current) }
                current = []
            } else {
                current.append(trimmed)
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Whether `lines` (one paragraph) were broken in the middle of a sentence: some line but the
    /// last ends without a sentence-ending mark, and the line after it is not a bullet item.
    public static func isBrokenMidSentence(_ lines: [String]) -> Bool {
        guard lines.count > 1 else { return false }
        for index in 0..<(lines.count - 1) {
            if !endsSentence(lines[index]) && !startsWithBullet(lines[index + 1]) { return true }
        }
        return false
    }

    /// The lines of one paragraph joined back into one line: directly between Japanese text,
    /// with a space between two Latin words or numbers.
    public static func joined(_ lines: [String]) -> String {
        var result = ""
        for line in lines {
            if let last = result.last, let first = line.first, isLatinWordCharacter(last), isLatinWordCharacter(first) {
                result += " "
            }
            result += line
        }
        return result
    }

    /// The items (a list's lines or a text's paragraphs) `text` gives: each paragraph joined into
    /// one when `joinBrokenLines` is set and it was broken mid-sentence, otherwise one item per line.
    public static func items(_ text: String, joinBrokenLines: Bool) -> [String] {
        paragraphs(text).flatMap { lines in
            joinBrokenLines && isBrokenMidSentence(lines) ? [joined(lines)] : lines
        }
    }

    /// `text` as one line, every line break removed (for a field that holds one line).
    public static func oneLine(_ text: String) -> String {
        joined(paragraphs(text).flatMap { $0 })
    }

    private static let sentenceEnds: Set<Character> = ["。", "．", ".", "！", "？", "!", "?", "」", "』", "）", ")", "：", ":"]
    private static let bullets: Set<Character> = ["・", "･", "□", "■", "○", "●", "◎", "-", "*", "※", "①", "②", "③", "④", "⑤"]

    private static func endsSentence(_ line: String) -> Bool {
        guard let last = line.last else { return true }
        return sentenceEnds.contains(last)
    }

    private static func startsWithBullet(_ line: String) -> Bool {
        guard let first = line.first else { return false }
        return bullets.contains(first)
    }

    private static func isLatinWordCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber)
    }
}
