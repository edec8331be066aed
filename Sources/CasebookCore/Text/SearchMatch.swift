/// A `find` hit inside one string: where it is, in the original's characters.
public struct SearchMatch: Sendable, Equatable {
    /// The character offsets of the match in the original text.
    public var range: Range<Int>

    /// Every place `needle` (already normalised) occurs in `text`, compared in normal form
    /// but reported in `text`'s own characters, so the original can be shown with the match marked.
    public static func all(of normalizedNeedle: String, in text: String) -> [SearchMatch] {
        let needle = normalizedNeedle.unicodeScalars.map(\.value)
        guard !needle.isEmpty else { return [] }
        // Text of quick scalars only has one scalar per character, so the search can run on scalars.
        if let quick = SearchNormalizer.quickScalars(text) {
            return find(needle, in: quick, owner: nil)
        }
        // The search form of each character as scalars, and which character each came from.
        var normalized: [UInt32] = []
        var owner: [Int] = []
        normalized.reserveCapacity(text.utf8.count / 2)
        owner.reserveCapacity(text.utf8.count / 2)
        var index = 0
        for character in text {
            let scalars = character.unicodeScalars
            if scalars.count == 1, let form = SearchNormalizer.quickForm(of: scalars.first!) {
                normalized.append(form.value)
                owner.append(index)
            } else {
                for scalar in SearchNormalizer.normalize(String(character)).unicodeScalars {
                    normalized.append(scalar.value)
                    owner.append(index)
                }
            }
            index += 1
        }
        return find(needle, in: normalized, owner: owner)
    }

    /// The non-overlapping places of `needle` in `normalized`, mapped to characters through `owner`
    /// (the identity when `nil`).
    private static func find(_ needle: [UInt32], in normalized: [UInt32], owner: [Int]?) -> [SearchMatch] {
        guard let first = needle.first, needle.count <= normalized.count else { return [] }
        var matches: [SearchMatch] = []
        var start = 0
        let last = normalized.count - needle.count
        while start <= last {
            if normalized[start] == first, normalized[start..<(start + needle.count)].elementsEqual(needle) {
                let from = owner?[start] ?? start
                let to = owner?[start + needle.count - 1] ?? (start + needle.count - 1)
                matches.append(SearchMatch(range: from..<(to + 1)))
                start += needle.count
            } else {
                start += 1
            }
        }
        return matches
    }

    /// The passage around each place `needle` (already normalised) occurs in `text`, as `passage`
    /// makes it: what `find` prints. The text is split into characters once, not once per match.
    public static func passages(of normalizedNeedle: String, in text: String, context: Int = 20, mark: (String) -> String) -> [String] {
        let needle = normalizedNeedle.unicodeScalars.map(\.value)
        guard !needle.isEmpty else { return [] }
        var utf8Text = text
        if let quick = utf8Text.withUTF8({ quickPassages(of: needle, in: $0, context: context, mark: mark) }) {
            return quick
        }
        let matches = all(of: normalizedNeedle, in: text)
        guard !matches.isEmpty else { return [] }
        let characters = Array(text)
        return matches.map { $0.passage(in: characters, context: context, mark: mark) { String($0) } }
    }

    /// `passages` for text whose every scalar has a quick search form (one scalar per character),
    /// worked on its UTF-8 directly: `find` runs this over thousands of paragraphs. `nil` when the
    /// text has another scalar.
    private static func quickPassages(of needle: [UInt32], in utf8: UnsafeBufferPointer<UInt8>, context: Int,
                                      mark: (String) -> String) -> [String]? {
        // Each character's search form, and where it starts in the UTF-8.
        var forms: [UInt32] = []
        var starts: [Int32] = []
        forms.reserveCapacity(utf8.count / 2)
        starts.reserveCapacity(utf8.count / 2)
        var position = 0
        while position < utf8.count {
            // A String's UTF-8 is well-formed.
            let (scalar, length) = WellFormedUTF8.scalar(at: position, in: utf8)
            guard let form = SearchNormalizer.quickForm(of: scalar) else { return nil }
            forms.append(form.value)
            starts.append(Int32(position))
            position += length
        }
        let matches = find(needle, in: forms, owner: nil)
        func text(_ from: Int, _ to: Int) -> String {
            let start = from < starts.count ? Int(starts[from]) : utf8.count
            let end = to < starts.count ? Int(starts[to]) : utf8.count
            return TerminalSafeText.make(String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<end]), as: UTF8.self))
        }
        return matches.map { match in
            let from = max(0, match.range.lowerBound - context)
            let to = min(forms.count, match.range.upperBound + context)
            var out = from > 0 ? "…" : ""
            out += text(from, match.range.lowerBound)
            out += mark(text(match.range.lowerBound, match.range.upperBound))
            out += text(match.range.upperBound, to)
            if to < forms.count { out += "…" }
            return out
        }
    }

    /// The passage around the match: up to `context` characters either side, `…` where cut.
    public func passage(in text: String, context: Int = 20, mark: (String) -> String) -> String {
        passage(in: Array(text), context: context, mark: mark) { String($0) }
    }

    /// The passage, over the text's characters however they are held.
    private func passage<Element>(in characters: [Element], context: Int, mark: (String) -> String,
                                  string: (ArraySlice<Element>) -> String) -> String {
        let from = max(0, range.lowerBound - context)
        let to = min(characters.count, range.upperBound + context)
        var out = from > 0 ? "…" : ""
        out += TerminalSafeText.make(string(characters[from..<range.lowerBound]))
        out += mark(TerminalSafeText.make(string(characters[range])))
        out += TerminalSafeText.make(string(characters[range.upperBound..<to]))
        if to < characters.count { out += "…" }
        return out
    }
}
