import CLineEditShims
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole characters while a line is edited: the keys read one at a time are gathered into grapheme
/// clusters before libedit sees them, and Ctrl-W erases whole words of whole characters. (The key
/// reader also hands on what comes from outside, a resize or a wake-up: EditorEvents.swift.)
///
/// A combining mark typed after か, the variation selector after 葛, a joiner and the next emoji:
/// each reaches the reader as a key of its own. When it extends the cluster before the cursor, the
/// reader answers libedit with the private insert key instead, whose function replaces that cluster's
/// placeholder with the placeholder of the longer cluster (``ClusterText``). libedit never holds a
/// zero-width character, so Left, Right, Backspace and Delete move and erase the cluster whole.
extension EditorState {
    /// The key sequence pushed to apply ``pendingInsert`` (bound to a private function).
    static let insertKey = "\u{1B}[99994~"

    /// Registers the functions and keys of this extension on `el`, and reads keys through it.
    func addWholeCharacterKeys(_ el: OpaquePointer, bind: (String, String) -> Void) {
        _ = cle_add_function(el, wideName("casebook-insert-cluster"), wideName("(internal) Insert a whole character")) { el, _ in
            guard let el, let state = EditorState.of(el) else { return UInt8(CC_ERROR) }
            return state.applyPendingInsert(el)
        }
        _ = cle_add_function(el, wideName("casebook-erase-word"), wideName("Erase the word before the cursor")) { el, _ in
            guard let el, let state = EditorState.of(el) else { return UInt8(CC_ERROR) }
            return state.eraseWordBefore(el)
        }
        bind(Self.insertKey, "casebook-insert-cluster")
        bind("^W", "casebook-erase-word")
        addEvents(el, bind: bind)
        installKeyReader(el)
    }

    /// Makes `el` read its keys through ``readKey(_:_:)``.
    func installKeyReader(_ el: OpaquePointer) {
        _ = cle_set_read_function(el) { el, out in
            guard let el, let out, let state = EditorState.of(el) else { return -1 }
            return state.readKey(el, out)
        }
    }

    /// Reads one key for libedit: a character that extends the cluster before the cursor, or one
    /// that libedit could not show by itself, becomes the private insert key; an event from outside
    /// that asks for the line to be drawn again, the private event key.
    func readKey(_ el: OpaquePointer, _ out: UnsafeMutablePointer<wchar_t>) -> Int32 {
        var key: wchar_t = 0
        var status: Int32
        repeat {
            var events: Int32 = 0
            status = cle_read_char_or_event(inputFD, &key, &events)
            if status == 2, noteEvents(events) {
                push(el, Self.eventKey)
                out.pointee = 0x1B
                return 1
            }
        } while status == 2
        guard status == 1 else {
            out.pointee = key
            return status
        }
        if key >= 0x20, key != 0x7F, let scalar = Unicode.Scalar(UInt32(bitPattern: key)) {
            if let extended = clusterExtended(el, by: scalar) {
                pendingInsert = (removing: 1, inserting: ClusterText.encode(extended))
            } else if ClusterText.encode(Character(scalar)) != [key] {
                pendingInsert = (removing: 0, inserting: ClusterText.encode(Character(scalar)))
            }
            if pendingInsert != nil {
                push(el, Self.insertKey)
                out.pointee = 0x1B
                return 1
            }
        }
        out.pointee = key
        return 1
    }

    /// The cluster before the cursor with `scalar` added, when that is still one cluster.
    private func clusterExtended(_ el: OpaquePointer, by scalar: Unicode.Scalar) -> Character? {
        let info = el_wline(el)!.pointee
        guard info.cursor > info.buffer else { return nil }
        var text = ClusterText.decode(info.cursor[-1])
        text.unicodeScalars.append(scalar)
        return text.count == 1 ? text.first : nil
    }

    /// Pushes `key` (an ESC sequence) minus its ESC, which the reader returns itself.
    func push(_ el: OpaquePointer, _ key: String) {
        let rest = WideText.nulTerminated(String(key.dropFirst()))
        rest.withUnsafeBufferPointer { el_wpush(el, $0.baseAddress) }
    }

    /// The private insert key: replaces what ``pendingInsert`` says before the cursor.
    func applyPendingInsert(_ el: OpaquePointer) -> UInt8 {
        guard let (removing, inserting) = pendingInsert else { return UInt8(CC_NORM) }
        pendingInsert = nil
        if removing > 0 { el_deletestr(el, Int32(removing)) }
        let text = inserting + [0]
        if text.count > 1 { _ = text.withUnsafeBufferPointer { el_winsertstr(el, $0.baseAddress) } }
        return UInt8(CC_REFRESH)
    }

    /// Ctrl-W: erases the spaces before the cursor and the word before them, by whole characters
    /// (as a shell's Ctrl-W does).
    func eraseWordBefore(_ el: OpaquePointer) -> UInt8 {
        let info = el_wline(el)!.pointee
        let before = Array(UnsafeBufferPointer(start: info.buffer, count: info.cursor - info.buffer))
        func isSpace(_ character: wchar_t) -> Bool {
            ClusterText.decode(character).allSatisfy { $0.isWhitespace }
        }
        var start = before.count
        while start > 0 && isSpace(before[start - 1]) { start -= 1 }
        while start > 0 && !isSpace(before[start - 1]) { start -= 1 }
        guard start < before.count else { return UInt8(CC_ERROR) }
        el_deletestr(el, Int32(before.count - start))
        return UInt8(CC_REFRESH)
    }

    /// The column the screen reaches when `text` is drawn from column `start`, cluster by cluster,
    /// as libedit draws it (a Tab to the next multiple of 8, another control character as ^X).
    static func columns(of text: String, from start: Int) -> Int {
        text.reduce(start) { column, character in
            let scalars = character.unicodeScalars
            if scalars.count == 1, let scalar = scalars.first, scalar.value < 0x20 || scalar.value == 0x7F {
                return scalar == "\t" ? (column / 8 + 1) * 8 : column + 2
            }
            return column + ClusterText.width(of: character)
        }
    }
}

/// A NUL-terminated wide string that lives as long as the process (libedit keeps function names).
func wideName(_ text: String) -> UnsafePointer<wchar_t> {
    let chars = WideText.nulTerminated(text)
    let buffer = UnsafeMutablePointer<wchar_t>.allocate(capacity: chars.count)
    buffer.initialize(from: chars, count: chars.count)
    return UnsafePointer(buffer)
}
