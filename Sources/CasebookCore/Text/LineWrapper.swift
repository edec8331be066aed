/// Breaks text into lines that fit a number of terminal columns, Japanese-style:
/// anywhere between characters, but never so that a line starts with a closing
/// mark (、。」）…) or ends with an opening one (「（…) — 禁則処理.
public enum LineWrapper {
    /// Characters that may not start a line.
    public static let noLineStart: Set<Character> = Set("、。，．,.）)」』】〕〉》］]｝}〙〗’”・：；:;！？!?ー～ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ％%")
    /// Characters that may not end a line.
    public static let noLineEnd: Set<Character> = Set("（(「『【〔〈《［[｛{〘〖‘“")

    /// The lines of `text` in `width` columns (at least 2); an empty text gives one empty line.
    ///
    /// Latin words (runs of ASCII letters, digits and marks such as `-`, `/`, `$`) are kept whole
    /// when they fit on a line: a line breaks after a space, or before the word where Japanese
    /// text runs into it (`、skip`), rather than inside it.
    ///
    /// A line break in `text` ends a line there, and the next one starts with the full width (a
    /// command's help is written in lines).
    public static func wrap(_ text: String, width: Int) -> [String] {
        if text.contains("\n") {
            return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { wrap(String($0), width: width) }
        }
        let width = max(width, 2)
        let characters = Array(text)
        var lines: [String] = []
        var start = 0
        while start < characters.count {
            var used = 0
            var end = start
            while end < characters.count {
                let w = DisplayWidth.of(characters[end])
                if used + w > width { break }
                used += w
                end += 1
            }
            if end == characters.count {
                lines.append(String(characters[start..<end]))
                break
            }
            if end == start { end = start + 1 }
            var breakAt = end
            // Pull characters down until the next line does not start with a closing mark
            // and this one does not end with an opening mark.
            while breakAt > start + 1,
                  noLineStart.contains(characters[breakAt]) || noLineEnd.contains(characters[breakAt - 1]) {
                breakAt -= 1
            }
            // Keep a Latin word whole: break where it starts (with any opening marks before it),
            // after a space or after the Japanese text before it, unless a closing mark would start the line.
            if isWordCharacter(characters[breakAt]), isWordCharacter(characters[breakAt - 1]) {
                var wordStart = breakAt - 1
                while wordStart > start, isWordCharacter(characters[wordStart - 1]) { wordStart -= 1 }
                while wordStart > start, noLineEnd.contains(characters[wordStart - 1]) { wordStart -= 1 }
                if wordStart > start, !noLineStart.contains(characters[wordStart]) {
                    breakAt = wordStart
                }
            }
            lines.append(trailingSpaceTrimmed(String(characters[start..<breakAt])))
            start = breakAt
            while start < characters.count, characters[start] == " " { start += 1 }
        }
        return lines.isEmpty ? [""] : lines
    }

    private static func isWordCharacter(_ c: Character) -> Bool {
        c.isASCII && !c.isWhitespace && !noLineStart.contains(c) && !noLineEnd.contains(c)
    }

    private static func trailingSpaceTrimmed(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }
}
