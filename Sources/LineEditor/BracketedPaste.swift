import CLineEditShims
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Pasted text arrives as one block (xterm's bracketed paste, which libedit does not do itself).
///
/// While a line is read the terminal is asked to mark pastes (`ESC[?2004h`, and `ESC[?2004l` after);
/// it then sends `ESC[200~`, the text, `ESC[201~`. The start is bound to a function that reads up to
/// the end itself, so that the pasted characters are never taken as keys: a line break in the paste
/// does not end the line, a Tab does not complete.
///
/// - Text without line breaks (a trailing one is dropped) is inserted at the cursor as typed.
/// - Text with line breaks ends the line at once: ``TerminalLineReader/readLine(prompt:prefill:history:completer:)``
///   returns the line with the paste in it, line breaks as `\n`, for the caller to take apart (a walk
///   makes paragraphs of it; the shell does not run it).
extension EditorState {
    /// What the terminal sends before and after pasted text.
    static let pasteStart = "\u{1B}[200~"
    static let pasteEnd = "\u{1B}[201~"

    /// Registers the paste function on `el` and binds the paste start to it.
    func addBracketedPaste(_ el: OpaquePointer, bind: (String, String) -> Void) {
        _ = cle_add_function(el, wideName("casebook-paste"), wideName("Take pasted text as one block")) { el, _ in
            guard let el, let state = EditorState.of(el) else { return UInt8(CC_ERROR) }
            return state.takePaste(el)
        }
        bind(Self.pasteStart, "casebook-paste")
    }

    /// Whether the terminal is asked to mark pastes (not on a dumb terminal).
    static var terminalMarksPastes: Bool {
        guard let term = getenv("TERM").map({ String(cString: $0) }) else { return false }
        return !term.isEmpty && term != "dumb"
    }

    /// The paste start key: reads the pasted text up to its end and puts it on the line.
    func takePaste(_ el: OpaquePointer) -> UInt8 {
        let end = Array(Self.pasteEnd.unicodeScalars.map { wchar_t(bitPattern: $0.value) })
        var pasted: [wchar_t] = []
        while true {
            var key: wchar_t = 0
            guard cle_read_char(inputFD, &key) == 1 else { break }  // the terminal went away
            pasted.append(key)
            if pasted.count >= end.count && Array(pasted.suffix(end.count)) == end {
                pasted.removeLast(end.count)
                break
            }
        }
        var text = Self.normalisedLineBreaks(WideText.string(pasted, count: pasted.count))
        while text.hasSuffix("\n") { text.removeLast() }
        guard !text.isEmpty else { return UInt8(CC_NORM) }

        let info = el_wline(el)!.pointee
        let before = ClusterText.decode(info.buffer, count: info.cursor - info.buffer)
        let after = ClusterText.decode(info.cursor, count: info.lastchar - info.cursor)
        if !text.contains("\n") {
            // Joined with the text before it, a first character that extends the cluster there (a
            // pasted combining mark) becomes part of it.
            var removing = 0
            var inserting = text
            if let last = before.last, let first = text.first, String([last, first]).count == 1 {
                removing = 1
                inserting = String(String([last, first]).first!) + text.dropFirst()
            }
            pendingInsert = (removing: removing, inserting: ClusterText.encode(inserting))
            return applyPendingInsert(el)
        }
        pastedLine = before + text + after
        let key = WideText.nulTerminated(TerminalLineReader.newlineKey)
        key.withUnsafeBufferPointer { el_wpush(el, $0.baseAddress) }
        return UInt8(CC_NORM)
    }

    /// `text` with CR LF and lone CR (what terminals send for a line break) as LF.
    static func normalisedLineBreaks(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                previousWasCR = true
                continue
            }
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            out.append(scalar)
        }
        return String(out)
    }
}
