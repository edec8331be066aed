/// A `find` hit inside one string: where it is, in the original's characters.
public struct SearchMatch: Sendable, Equatable {
    /// The character offsets of the match in the original text.
    public var range: Range<Int>

    /// Every place `needle` (already normalised) occurs in `text`, compared in normal form
    /// but reported in `text`'s own characters, so the original can be shown with the match marked.
    public static func all(of normalizedNeedle: String, in text: String) -> [SearchMatch] {
        guard !normalizedNeedle.isEmpty else { return [] }
        let characters = Array(text)
        // The normal form of each character, and where it starts in the normalised text.
        var normalized: [Character] = []
        var owner: [Int] = []
        for (index, character) in characters.enumerated() {
            let scalars = character.unicodeScalars
            if scalars.count == 1, let form = SearchNormalizer.quickForm(of: scalars.first!) {
                normalized.append(Character(form))
                owner.append(index)
                continue
            }
            for piece in SearchNormalizer.normalize(String(character)) {
                normalized.append(piece)
                owner.append(index)
            }
        }
        let needle = Array(normalizedNeedle)
        guard needle.count <= normalized.count else { return [] }
        var matches: [SearchMatch] = []
        var start = 0
        while start + needle.count <= normalized.count {
            if normalized[start..<(start + needle.count)].elementsEqual(needle) {
                let first = owner[start]
                let last = owner[start + needle.count - 1]
                matches.append(SearchMatch(range: first..<(last + 1)))
                start += needle.count
            } else {
                start += 1
            }
        }
        return matches
    }

    /// The passage around the match: up to `context` characters either side, `…` where cut.
    public func passage(in text: String, context: Int = 20, mark: (String) -> String) -> String {
        let characters = Array(text)
        let from = max(0, range.lowerBound - context)
        let to = min(characters.count, range.upperBound + context)
        var out = from > 0 ? "…" : ""
        out += TerminalSafeText.make(String(characters[from..<range.lowerBound]))
        out += mark(TerminalSafeText.make(String(characters[range])))
        out += TerminalSafeText.make(String(characters[range.upperBound..<to]))
        if to < characters.count { out += "…" }
        return out
    }
}
