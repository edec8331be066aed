/// A piece of a character-level diff.
public enum DiffSegment: Sendable, Equatable {
    /// Text in both versions.
    case same(String)
    /// Text only in the old version.
    case removed(String)
    /// Text only in the new version.
    case added(String)
}

/// The characters that changed inside one paragraph, item or line, compared by grapheme
/// cluster (Swift `Character`), so a kana with its voicing mark or an emoji sequence is one unit.
public enum CharacterDiff {
    /// The segments turning `old` into `new`: runs of kept text, and between them what was removed then added.
    public static func segments(_ old: String, _ new: String) -> [DiffSegment] {
        let a = Array(old), b = Array(new)
        var segments: [DiffSegment] = []
        var same = "", removed = "", added = ""
        func flushChange() {
            if !removed.isEmpty { segments.append(.removed(removed)) }
            if !added.isEmpty { segments.append(.added(added)) }
            removed = ""; added = ""
        }
        for operation in SequenceDiff.operations(a, b) {
            switch operation {
            case .equal(let i, _):
                if !removed.isEmpty || !added.isEmpty { flushChange() }
                same.append(a[i])
            case .delete(let i):
                if !same.isEmpty { segments.append(.same(same)); same = "" }
                removed.append(a[i])
            case .insert(let j):
                if !same.isEmpty { segments.append(.same(same)); same = "" }
                added.append(b[j])
            }
        }
        flushChange()
        if !same.isEmpty { segments.append(.same(same)) }
        return segments
    }

    /// How many characters the two versions share, as a share of the longer one (0…1).
    public static func similarity(_ segments: [DiffSegment]) -> Double {
        var same = 0, old = 0, new = 0
        for segment in segments {
            switch segment {
            case .same(let text): same += text.count; old += text.count; new += text.count
            case .removed(let text): old += text.count
            case .added(let text): new += text.count
            }
        }
        let longer = max(old, new)
        return longer == 0 ? 1 : Double(same) / Double(longer)
    }

    /// The segments with long unchanged stretches shortened to `context` characters either side of
    /// a change, the cut marked `…`, so that a change in a long paragraph is seen at a glance.
    public static func elided(_ segments: [DiffSegment], context: Int = 20) -> [DiffSegment] {
        guard segments.contains(where: { if case .same = $0 { return false } else { return true } }) else { return segments }
        return segments.enumerated().map { index, segment in
            guard case .same(let text) = segment else { return segment }
            let characters = Array(text)
            let isFirst = index == 0, isLast = index == segments.count - 1
            let keep = (isFirst ? 0 : context) + (isLast ? 0 : context)
            guard characters.count > keep + 1 else { return segment }
            let head = isFirst ? "…" : String(characters.prefix(context))
            let tail = isLast ? "…" : String(characters.suffix(context))
            if isFirst { return .same(head + tail) }
            if isLast { return .same(head + tail) }
            return .same(head + "…" + tail)
        }
    }

    /// The segments as one line: `[-removed-]{+added+}` markers, or ANSI colour on a terminal.
    /// `safe` is applied to every piece of text first (SPEC §7).
    public static func render(_ segments: [DiffSegment], colour: Bool, safe: (String) -> String = { $0 }) -> String {
        var out = ""
        for segment in segments {
            switch segment {
            case .same(let text): out += safe(text)
            case .removed(let text): out += colour ? "\u{1B}[1;31;7m\(safe(text))\u{1B}[0m" : "[-\(safe(text))-]"
            case .added(let text): out += colour ? "\u{1B}[1;32;7m\(safe(text))\u{1B}[0m" : "{+\(safe(text))+}"
            }
        }
        return out
    }
}
