import CasebookCore
import CLineEditShims
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Text as it travels through libedit's buffer: one wide character per grapheme cluster.
///
/// libedit edits and draws `wchar_t`s, one per screen cell, and loses zero-width ones (a combining
/// mark after か, the variation selector in 葛 + U+E0100, the joiners of 👨‍👩‍👧). A cluster of several
/// scalars — or one that libedit could not draw — is therefore stored in the buffer as a single
/// placeholder (see `CLineEditClusters.h`), double-width or narrow as the cluster shows, and the
/// editor's output stream prints the cluster itself in its place. Every libedit key (Left, Right,
/// Backspace, Delete, word moves, kill and yank, history) then works on whole characters, and the
/// screen shows exactly what will be returned.
///
/// The table of placeholders lives for the process; one line editor uses it from one thread.
enum ClusterText {
    /// The first placeholders of each range (kept in step with `clusters.c`).
    private static let wideFirst: UInt32 = 0x17000, wideLast: UInt32 = 0x187F7
    private static let narrowFirst: UInt32 = 0xF0000, narrowLast: UInt32 = 0xFFFFD

    /// The value each placeholder given out stands for, and the reverse.
    nonisolated(unsafe) private static var values: [wchar_t: String] = [:]
    nonisolated(unsafe) private static var placeholders: [String: wchar_t] = [:]
    nonisolated(unsafe) private static var nextWide = wideFirst
    nonisolated(unsafe) private static var nextNarrow = narrowFirst

    /// The buffer characters for `text` (no NUL).
    static func encode(_ text: String) -> [wchar_t] {
        var result: [wchar_t] = []
        result.reserveCapacity(text.unicodeScalars.count)
        for character in text { result.append(contentsOf: encode(character)) }
        return result
    }

    /// The buffer characters for `text`, NUL-terminated (for `el_winsertstr`).
    static func nulTerminated(_ text: String) -> [wchar_t] {
        encode(text) + [0]
    }

    /// The buffer characters for one cluster: itself when libedit can draw it, else a placeholder.
    static func encode(_ character: Character) -> [wchar_t] {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let scalar = scalars.first {
            if scalar.value == 0 { return [] }
            if scalar.value < 0x20 || scalar.value == 0x7F { return [wchar_t(bitPattern: scalar.value)] }
            // libedit draws a scalar as wide as glibc's wcwidth says; where that is not the width
            // casebook measures everywhere else (DisplayWidth), a placeholder of the right width
            // stands in, so the screen and every layout agree.
            let drawn = cle_wcwidth(wchar_t(bitPattern: scalar.value))
            if !isPlaceholderRange(scalar.value) && drawn > 0 && Int(drawn) == DisplayWidth.of(character) {
                return [wchar_t(bitPattern: scalar.value)]
            }
        }
        if let placeholder = placeholder(for: String(character)) { return [placeholder] }
        // The table is full (thousands of distinct clusters in one process): the scalars as they are.
        return scalars.filter { $0.value != 0 }.map { wchar_t(bitPattern: $0.value) }
    }

    /// The text of `count` buffer characters at `start`, placeholders expanded.
    static func decode(_ start: UnsafePointer<wchar_t>, count: Int) -> String {
        decode(UnsafeBufferPointer(start: start, count: max(0, count)))
    }

    /// The text of buffer characters, placeholders expanded.
    static func decode<C: Collection>(_ characters: C) -> String where C.Element == wchar_t {
        var text = ""
        for character in characters { text += decode(character) }
        return text
    }

    /// The text one buffer character stands for.
    static func decode(_ character: wchar_t) -> String {
        if let value = values[character] { return value }
        return String(Unicode.Scalar(UInt32(bitPattern: character)) ?? "\u{FFFD}")
    }

    /// How many buffer characters at the end of `characters` hold the last `scalars` Unicode scalars
    /// of their decoded text (rounded up to whole buffer characters).
    static func suffixLength<C: BidirectionalCollection>(of characters: C, holdingScalars scalars: Int) -> Int
    where C.Element == wchar_t {
        var remaining = scalars
        var length = 0
        for character in characters.reversed() {
            if remaining <= 0 { break }
            remaining -= decode(character).unicodeScalars.count
            length += 1
        }
        return length
    }

    /// How many buffer characters hold the first `scalars` Unicode scalars of `text`.
    static func prefixLength(of text: String, scalars: Int) -> Int {
        var remaining = scalars
        var length = 0
        for character in text {
            if remaining <= 0 { break }
            remaining -= character.unicodeScalars.count
            length += encode(character).count
        }
        return length
    }

    /// Terminal columns one cluster takes on the line: the core's width, at least one (a mark on
    /// its own shows on a dotted circle) and at most two.
    static func width(of character: Character) -> Int {
        min(2, max(1, DisplayWidth.of(character)))
    }

    private static func isPlaceholderRange(_ value: UInt32) -> Bool {
        (wideFirst...wideLast).contains(value) || (narrowFirst...narrowLast).contains(value)
    }

    /// The placeholder standing for `value`, given out (and its display recorded) when new.
    private static func placeholder(for value: String) -> wchar_t? {
        if let known = placeholders[value] { return known }
        let character = value.first!
        let wide = width(of: character) == 2
        // A mark or joiner on its own shows on a dotted circle, as Unicode's charts show one.
        let shown = DisplayWidth.width(of: value.unicodeScalars.first!) <= 0 ? "\u{25CC}" + value : value
        let next = wide ? nextWide : nextNarrow
        guard next <= (wide ? wideLast : narrowLast) else { return nil }
        let placeholder = wchar_t(bitPattern: next)
        guard cle_cluster_show(placeholder, shown) == 0 else { return nil }
        if wide { nextWide += 1 } else { nextNarrow += 1 }
        placeholders[value] = placeholder
        values[placeholder] = value
        return placeholder
    }
}
