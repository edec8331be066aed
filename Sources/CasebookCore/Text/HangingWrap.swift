/// Wraps terminal lines that may hold colour (SGR escape sequences) by display width, the lines
/// after the first indented by `hang` columns: how `diff` and messages fit a terminal (issue 13).
///
/// Escape sequences take no columns. A line does not start with a closing mark (、。」…): the
/// character before it moves down with it, and a Latin word is not split, as with `LineWrapper`.
public enum HangingWrap {
    /// `line` in lines of at most `width` columns, continuation lines starting with `hang` spaces.
    public static func wrap(_ line: String, width: Int, hang: Int) -> [String] {
        let width = max(width, hang + 4)
        // Pieces: an escape sequence (no width) or one character.
        var pieces: [(text: String, width: Int, character: Character?)] = []
        var scalars = Array(line)[...]
        while let character = scalars.popFirst() {
            if character == "\u{1B}" {
                var sequence = String(character)
                while let next = scalars.popFirst() {
                    sequence.append(next)
                    if let value = next.unicodeScalars.first?.value, (0x40...0x7E).contains(value), next != "[" { break }
                }
                pieces.append((sequence, 0, nil))
            } else {
                pieces.append((String(character), DisplayWidth.of(character), character))
            }
        }
        guard pieces.reduce(0, { $0 + $1.width }) > width else { return [line] }
        var lines: [String] = []
        var current = ""
        var used = 0
        var start = 0
        var index = 0
        let indent = String(repeating: " ", count: hang)
        while index < pieces.count {
            let piece = pieces[index]
            if used + piece.width > width, used > (lines.isEmpty ? 0 : hang) {
                // Do not start the next line with a closing mark: move the last character down.
                var breakAt = index
                if let character = piece.character, LineWrapper.noLineStart.contains(character) {
                    var back = index - 1
                    while back > start, pieces[back].character == nil { back -= 1 }
                    if back > start { breakAt = back }
                } else if let character = piece.character, isWordCharacter(character),
                          let before = pieces[start..<index].last(where: { $0.character != nil })?.character, isWordCharacter(before),
                          let space = pieces[start..<index].lastIndex(where: { $0.character == " " }), space > start {
                    // A Latin word stays whole: the line breaks after the last space before it.
                    breakAt = space + 1
                }
                current = pieces[start..<breakAt].map(\.text).joined()
                lines.append((lines.isEmpty ? "" : indent) + current)
                start = breakAt
                index = breakAt
                used = hang
                continue
            }
            used += piece.width
            index += 1
        }
        lines.append((lines.isEmpty ? "" : indent) + pieces[start...].map(\.text).joined())
        return lines
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character.isPunctuation)
    }
}
