/// A text as written, kept as the edits that make it from its search form: a search record holds
/// every text's search form anyway, and the two differ only where a character was folded (ハ for
/// は, （ for (, Ａ for a), a few characters of a long text. Keeping only those, instead of the
/// whole text again, makes a store's text index a third smaller: less to build, write, read and
/// check on every `find`.
///
/// Each edit is `KEPT,DROPPED,INSERTED:` in decimal followed by INSERTED bytes: keep KEPT bytes of
/// the search form, drop the next DROPPED, and put the INSERTED bytes in their place; the rest of
/// the search form after the last edit is kept. The lengths are in ASCII digits, so an edit never
/// holds a byte a record uses as a separator (0x1C–0x1F) unless the text does, and a record's
/// texts never do.
enum WrittenFormEdits {
    /// Appends the edits that make `written` from `searched`, its search form, to `edits`.
    ///
    /// The two are compared character by character when they have as many characters, as the
    /// quick forms make them (one character for one); otherwise, or when the edits would not be
    /// shorter, one edit replaces the whole text.
    static func append(written: UnsafeBufferPointer<UInt8>, searched: UnsafeBufferPointer<UInt8>, to edits: inout [UInt8]) {
        let start = edits.count
        var writtenIndex = 0
        var searchedIndex = 0
        // Where the current run of differing characters began, in each, or nil between runs.
        var run: (written: Int, searched: Int)?
        // The end of the last edit in the search form.
        var kept = 0
        while writtenIndex < written.count && searchedIndex < searched.count {
            // Between runs, straight to the first byte that differs: most of a text is the same
            // in both. It can be inside a character, the same one in both so far; the step ends
            // at that character's start.
            if run == nil {
                var next = writtenIndex + equalBytes(written, from: writtenIndex, searched, from: searchedIndex)
                while next < written.count && written[next] & 0xC0 == 0x80 { next -= 1 }
                if next > writtenIndex {
                    searchedIndex += next - writtenIndex
                    writtenIndex = next
                    continue
                }
            }
            let lead = written[writtenIndex]
            let length = scalarLength(lead: lead)
            var same = lead == searched[searchedIndex]
            if same && length > 1 {
                // The same lead byte: the same length, and the rest of both is there.
                for offset in 1..<length where written[writtenIndex + offset] != searched[searchedIndex + offset] {
                    same = false
                    break
                }
            }
            if same, let begin = run {
                appendRun(from: begin, to: (writtenIndex, searchedIndex), after: kept, of: written, to: &edits)
                kept = searchedIndex
                run = nil
            } else if !same && run == nil {
                run = (writtenIndex, searchedIndex)
            }
            writtenIndex += length
            searchedIndex += scalarLength(lead: searched[searchedIndex])
        }
        guard writtenIndex == written.count && searchedIndex == searched.count else {
            // Not one character for one: the whole text is one edit.
            edits.removeSubrange(start...)
            appendEdit(kept: 0, dropped: searched.count, inserted: written, to: &edits)
            return
        }
        if let begin = run {
            appendRun(from: begin, to: (writtenIndex, searchedIndex), after: kept, of: written, to: &edits)
        }
        if edits.count - start > written.count + 16 {
            edits.removeSubrange(start...)
            appendEdit(kept: 0, dropped: searched.count, inserted: written, to: &edits)
        }
    }

    /// The text as written that `edits` make of `searched`; nil when they are not edits this
    /// type wrote for it (a number that does not parse, a length past the end).
    static func apply(_ edits: UnsafeBufferPointer<UInt8>, to searched: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var written: [UInt8] = []
        written.reserveCapacity(searched.count + edits.count)
        var editIndex = 0
        var searchedIndex = 0
        func number(ending terminator: UInt8) -> Int? {
            var value = 0
            let begin = editIndex
            while editIndex < edits.count, edits[editIndex] != terminator {
                let digit = Int(edits[editIndex]) - Int(UInt8(ascii: "0"))
                guard (0...9).contains(digit), editIndex - begin < 9 else { return nil }
                value = value * 10 + digit
                editIndex += 1
            }
            guard editIndex < edits.count, editIndex > begin else { return nil }
            editIndex += 1
            return value
        }
        while editIndex < edits.count {
            guard let kept = number(ending: UInt8(ascii: ",")), let dropped = number(ending: UInt8(ascii: ",")),
                  let inserted = number(ending: UInt8(ascii: ":")),
                  kept + dropped <= searched.count - searchedIndex, inserted <= edits.count - editIndex else { return nil }
            written.append(contentsOf: UnsafeBufferPointer(rebasing: searched[searchedIndex..<(searchedIndex + kept)]))
            written.append(contentsOf: UnsafeBufferPointer(rebasing: edits[editIndex..<(editIndex + inserted)]))
            searchedIndex += kept + dropped
            editIndex += inserted
        }
        written.append(contentsOf: UnsafeBufferPointer(rebasing: searched[searchedIndex...]))
        return written
    }

    /// The edit for a run of differing characters from `begin` to `end` (in the text as written
    /// and in the search form), the last edit having ended at `kept` in the search form.
    private static func appendRun(from begin: (written: Int, searched: Int), to end: (written: Int, searched: Int), after kept: Int,
                                  of written: UnsafeBufferPointer<UInt8>, to edits: inout [UInt8]) {
        appendEdit(kept: begin.searched - kept, dropped: end.searched - begin.searched,
                   inserted: UnsafeBufferPointer(rebasing: written[begin.written..<end.written]), to: &edits)
    }

    private static func appendEdit(kept: Int, dropped: Int, inserted: UnsafeBufferPointer<UInt8>, to edits: inout [UInt8]) {
        appendDecimal(kept, to: &edits)
        edits.append(UInt8(ascii: ","))
        appendDecimal(dropped, to: &edits)
        edits.append(UInt8(ascii: ","))
        appendDecimal(inserted.count, to: &edits)
        edits.append(UInt8(ascii: ":"))
        edits.append(contentsOf: inserted)
    }

    private static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { digits in
            repeat {
                count += 1
                digits[24 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: digits[(24 - count)...]))
        }
    }

    /// How many bytes of `a` from `aIndex` are those of `b` from `bIndex`, eight at a time.
    @inline(__always)
    private static func equalBytes(_ a: UnsafeBufferPointer<UInt8>, from aIndex: Int, _ b: UnsafeBufferPointer<UInt8>, from bIndex: Int) -> Int {
        let limit = min(a.count - aIndex, b.count - bIndex)
        var count = 0
        while count + 8 <= limit {
            let difference = load8(a, aIndex + count) ^ load8(b, bIndex + count)
            if difference != 0 { return count + difference.trailingZeroBitCount / 8 }
            count += 8
        }
        while count < limit && a[aIndex + count] == b[bIndex + count] { count += 1 }
        return count
    }

    /// Eight bytes of `bytes` from `index`, which has eight after it, the first in the lowest bits.
    @inline(__always)
    private static func load8(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
    }

    /// The length of the UTF-8 sequence that `lead` starts (the bytes are well-formed).
    @inline(__always)
    private static func scalarLength(lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }
}
