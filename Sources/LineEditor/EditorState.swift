import CasebookCore
import CLineEditShims
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The state libedit's callbacks reach through `EL_CLIENTDATA` while a
/// ``TerminalLineReader`` reads a line: the prompt, the pending prefill, the
/// completer and what Ctrl-C did.
final class EditorState {
    /// The wide, NUL-terminated prompt libedit prints.
    private(set) var promptBuffer: UnsafeMutablePointer<wchar_t>
    /// The prompt's display width.
    private(set) var promptWidth = 0
    /// The text the prefill key inserts, once.
    var pendingPrefill: [wchar_t]?
    /// Answers Tab during the current call.
    var completer: Completer?
    /// Set by the Ctrl-C function during the current call.
    var interrupted = false
    /// The file descriptor whose window size sets the listing width.
    let outputFD: Int32
    /// The file descriptor keys are read from during a history search.
    let inputFD: Int32
    /// The prompt of the current call (the prompt shown differs during a search).
    private(set) var normalPrompt = ""
    /// The history entries of the current call, oldest first, for Ctrl-R.
    var historyEntries: [String] = []
    /// The incremental search in progress, if any.
    private(set) var search: HistorySearch?
    /// The line and cursor (in Unicode scalars) the search-refresh key puts on the line.
    private var pendingLine: (text: String, cursor: Int)?
    /// What the insert key puts on the line: buffer characters to remove before the cursor, then
    /// characters to insert (see GraphemeEditing.swift).
    var pendingInsert: (removing: Int, inserting: [wchar_t])?
    /// The whole line when a paste of several lines ended it (see BracketedPaste.swift).
    var pastedLine: String?
    /// What a wake-up from another thread does, on this thread, while a line is edited (see EditorEvents.swift).
    var whenWoken: (() -> Void)?
    /// The events (CLE_EVENT_ bits) the event key is to handle.
    var pendingEvents: Int32 = 0

    init(inputFD: Int32, outputFD: Int32) {
        self.inputFD = inputFD
        self.outputFD = outputFD
        promptBuffer = .allocate(capacity: 1)
        promptBuffer.initialize(to: 0)
    }

    deinit {
        promptBuffer.deallocate()
    }

    /// Sets the prompt of the current call.
    func setPrompt(_ prompt: String) {
        normalPrompt = prompt
        showPrompt(prompt)
    }

    /// Sets the prompt libedit draws at its next refresh.
    private func showPrompt(_ prompt: String) {
        let wide = WideText.nulTerminated(prompt)
        let buffer = UnsafeMutablePointer<wchar_t>.allocate(capacity: wide.count)
        buffer.initialize(from: wide, count: wide.count)
        promptBuffer.deallocate()
        promptBuffer = buffer
        promptWidth = DisplayWidth.of(prompt)
    }

    /// The state registered as `el`'s client data.
    static func of(_ el: OpaquePointer?) -> EditorState? {
        guard let el, let raw = cle_get_client_data(el) else { return nil }
        return Unmanaged<EditorState>.fromOpaque(raw).takeUnretainedValue()
    }

    /// The terminal's width in columns (80 if unknown).
    var terminalColumns: Int {
        var size = winsize()
        if ioctl(outputFD, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    // MARK: - Editor functions

    /// Tab: completes the word before the cursor through the completer.
    func complete(_ el: OpaquePointer) -> UInt8 {
        guard let completer else { return UInt8(CC_ERROR) }
        let info = el_wline(el)!.pointee
        let cursorOffset = info.cursor - info.buffer
        let lineLength = info.lastchar - info.buffer
        let before = ClusterText.decode(info.buffer, count: cursorOffset)
        let after = ClusterText.decode(info.cursor, count: lineLength - cursorOffset)
        let reply = completer(before)
        let replacingScalars = min(max(0, reply.replacing), before.unicodeScalars.count)
        let word = String(String.UnicodeScalarView(before.unicodeScalars.suffix(replacingScalars)))
        // The completer counts Unicode scalars; the buffer holds one character per cluster.
        let replacing = ClusterText.suffixLength(of: UnsafeBufferPointer(start: info.buffer, count: cursorOffset),
                                                 holdingScalars: replacingScalars)

        switch reply.candidates.count {
        case 0:
            return UInt8(CC_ERROR)
        case 1:
            let replacement = reply.candidates[0] + (reply.appendSpaceWhenUnique ? " " : "")
            if replacement == word { return UInt8(CC_NORM) }
            replaceWord(el, length: replacing, with: replacement)
            return UInt8(CC_REFRESH)
        default:
            // Where the terminal cursor is now, to start the list below the line.
            let columns = terminalColumns
            let cursorRow = Self.columns(of: before, from: promptWidth) / columns
            let lastRow = Self.columns(of: before + after, from: promptWidth) / columns
            let prefix = CompletionListLayout.longestCommonPrefix(reply.candidates)
            if !prefix.isEmpty, prefix != word, prefix.unicodeScalars.count >= replacingScalars {
                replaceWord(el, length: replacing, with: prefix)
            }
            var text = String(repeating: "\n", count: max(0, lastRow - cursorRow) + 1)
            for line in CompletionListLayout.lines(for: reply.candidates, width: columns) {
                text += line + "\n"
            }
            cle_write_output(el, text)
            _ = cle_refresh(el)  // prompt and line again, below the list
            return UInt8(CC_NORM)
        }
    }

    private func replaceWord(_ el: OpaquePointer, length: Int, with replacement: String) {
        if length > 0 { el_deletestr(el, Int32(length)) }
        let wide = ClusterText.nulTerminated(replacement)
        if wide.count > 1 { _ = wide.withUnsafeBufferPointer { el_winsertstr(el, $0.baseAddress) } }
    }

    /// The private prefill key: inserts the pending prefill as literal text.
    func insertPrefill(_ el: OpaquePointer) -> UInt8 {
        guard let prefill = pendingPrefill else { return UInt8(CC_NORM) }
        pendingPrefill = nil
        if prefill.count > 1 { _ = prefill.withUnsafeBufferPointer { el_winsertstr(el, $0.baseAddress) } }
        return UInt8(CC_REFRESH)
    }

    /// Ctrl-C: marks the call interrupted, shows `^C` at the end of the line and
    /// ends the line through the private newline key (which moves below the line).
    func interrupt(_ el: OpaquePointer) -> UInt8 {
        interrupted = true
        pendingPrefill = nil
        let info = el_wline(el)!.pointee
        _ = el_cursor(el, Int32(info.lastchar - info.cursor))
        let mark = WideText.nulTerminated("^C")
        _ = mark.withUnsafeBufferPointer { el_winsertstr(el, $0.baseAddress) }
        let key = WideText.nulTerminated(TerminalLineReader.newlineKey)
        key.withUnsafeBufferPointer { el_wpush(el, $0.baseAddress) }
        return UInt8(CC_REFRESH)
    }

    /// Ctrl-D: end of input on an empty line, else delete the character under the cursor.
    func endOfInputOrDelete(_ el: OpaquePointer) -> UInt8 {
        let info = el_wline(el)!.pointee
        if info.lastchar == info.buffer { return UInt8(CC_EOF) }
        if info.cursor == info.lastchar { return UInt8(CC_ERROR) }
        _ = el_cursor(el, 1)
        el_deletestr(el, 1)
        return UInt8(CC_REFRESH)
    }

    /// Ctrl-Z (the terminal's signals are off while editing): suspends the process
    /// group as the terminal would, then redraws the line when continued.
    func suspend(_ el: OpaquePointer) -> UInt8 {
        cle_write_output(el, "\n")
        _ = cle_prep_term(el, 0)
        kill(0, SIGTSTP)
        _ = cle_prep_term(el, 1)
        _ = cle_refresh(el)
        return UInt8(CC_NORM)
    }

    // MARK: - Incremental history search

    /// Ctrl-R / Ctrl-S: starts a search; keys are then read by ``readDuringSearch(_:_:)``.
    func startSearch(_ el: OpaquePointer, backward: Bool) -> UInt8 {
        let info = el_wline(el)!.pointee
        let original = Array(UnsafeBufferPointer(start: info.buffer, count: info.lastchar - info.buffer))
        var newSearch = HistorySearch(originalLine: original, originalCursor: info.cursor - info.buffer,
                                      entries: historyEntries)
        newSearch.backward = backward
        search = newSearch
        showPrompt(newSearch.prompt)
        _ = cle_set_read_function(el) { el, out in
            guard let el, let out, let state = EditorState.of(el) else { return -1 }
            return state.readDuringSearch(el, out)
        }
        return UInt8(CC_REFRESH)
    }

    /// Reads a key while a search runs: the search keys change the search and
    /// are answered with the private search-refresh key; any other key ends the
    /// search, keeping the entry found on the line, and is then handled as usual.
    func readDuringSearch(_ el: OpaquePointer, _ out: UnsafeMutablePointer<wchar_t>) -> Int32 {
        var key: wchar_t = 0
        let status = cle_read_char(inputFD, &key)
        guard status == 1, var current = search else {
            endSearch(el)
            out.pointee = key
            return status
        }
        let original = (text: ClusterText.decode(current.originalLine),
                        cursor: ClusterText.decode(current.originalLine.prefix(current.originalCursor)).unicodeScalars.count)
        var followingKey: wchar_t?
        switch key {
        case 0x12: current.next(backward: true)          // Ctrl-R
        case 0x13: current.next(backward: false)         // Ctrl-S
        case 0x08, 0x7F: current.erase()                 // Backspace
        case 0x07:                                       // Ctrl-G: back to the line as it was
            pendingLine = original
            endSearch(el)
        default:
            if key >= 0x20, !(0x7F...0x9F).contains(key), let scalar = Unicode.Scalar(UInt32(bitPattern: key)) {
                current.type(scalar)
            } else {
                pendingLine = current.shown ?? original
                endSearch(el)
                followingKey = key
            }
        }
        if search != nil {
            search = current
            pendingLine = current.shown ?? original
            showPrompt(current.prompt)
            if current.failed { cle_write_output(el, "\u{07}") }
        }
        var push = WideText.nulTerminated(String(TerminalLineReader.searchRefreshKey.dropFirst()))
        if let followingKey { push.insert(followingKey, at: push.count - 1) }
        push.withUnsafeBufferPointer { el_wpush(el, $0.baseAddress) }
        out.pointee = 0x1B  // the first character of the search-refresh key
        return 1
    }

    /// Ends a search (if one runs): the normal prompt and key reading again.
    func endSearch(_ el: OpaquePointer) {
        guard search != nil else { return }
        search = nil
        showPrompt(normalPrompt)
        installKeyReader(el)
    }

    /// The private search-refresh key: puts the pending line on the line.
    func applySearchLine(_ el: OpaquePointer) -> UInt8 {
        guard let (text, cursor) = pendingLine else { return UInt8(CC_REFRESH) }
        pendingLine = nil
        let info = el_wline(el)!.pointee
        _ = el_cursor(el, Int32(info.lastchar - info.cursor))
        let length = info.lastchar - info.buffer
        if length > 0 { el_deletestr(el, Int32(length)) }
        let wide = ClusterText.nulTerminated(text)
        if wide.count > 1 { _ = wide.withUnsafeBufferPointer { el_winsertstr(el, $0.baseAddress) } }
        _ = el_cursor(el, Int32(ClusterText.prefixLength(of: text, scalars: cursor) - (wide.count - 1)))
        return UInt8(CC_REFRESH)
    }
}
