/// A readable id proposed from a title's reading, as the seed's ids are made
/// (`kodomo-shokudo-nettowaku-shien-jigyo` for 子ども食堂ネットワーク支援事業).
public enum IDProposal {
    /// The id made of `reading` — romanised words separated by spaces, as kakasi gives them
    /// (`kodomo shokudou nettowa^ku shien jigyou`): long vowels dropped as the seed's ids drop them
    /// (ou → o, uu → u, the ^ of ー), anything but a-z and 0-9 a word break, at most 48 characters cut
    /// at a word. `nil` when nothing usable is left.
    public static func id(fromReading reading: String) -> CaseID? {
        var words: [String] = []
        for word in reading.lowercased().split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "^")) }) {
            var text = word.replacingOccurrences(of: "^", with: "")
            for (long, short) in [("ou", "o"), ("uu", "u"), ("oo", "o")] {
                while text.contains(long) { text = text.replacingOccurrences(of: long, with: short) }
            }
            if !text.isEmpty { words.append(text) }
        }
        var id = ""
        for word in words {
            let next = id.isEmpty ? word : id + "-" + word
            if next.count > CaseID.maximumLength {
                if id.isEmpty { id = String(word.prefix(CaseID.maximumLength)) }
                break
            }
            id = next
        }
        return CaseID(id)
    }

    /// `id`, or `id-2`, `id-3`… : the first that `isTaken` does not refuse (kept within 48 characters).
    public static func unique(_ id: CaseID, isTaken: (CaseID) -> Bool) -> CaseID {
        if !isTaken(id) { return id }
        var number = 2
        while true {
            let suffix = "-\(number)"
            var base = String(id.rawValue.prefix(CaseID.maximumLength - suffix.count))
            while base.hasSuffix("-") { base.removeLast() }
            if let candidate = CaseID(base + suffix), !isTaken(candidate) { return candidate }
            number += 1
        }
    }
}
