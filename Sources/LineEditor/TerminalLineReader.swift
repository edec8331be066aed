import CLineEditShims
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SystemSupport

/// Reads lines on a terminal with libedit's wide-character line editor.
///
/// Japanese text is edited by whole characters with the cursor placed right on
/// double-width characters. Emacs keys by default, then `~/.editrc` (or
/// `$EDITRC`) is read as libedit does, so it may change them. Besides libedit's
/// keys:
///
/// - Tab asks the completer: no candidate beeps, one replaces the word, several
///   complete their longest common prefix and are listed below the line in columns.
/// - Up/Down walk the ``LineHistory`` passed to the call; Ctrl-R (Ctrl-S) searches
///   it incrementally backward (forward) by whole characters: type to search,
///   Ctrl-R again for an older match, Backspace to shorten, Ctrl-G to give up,
///   Enter to accept, any other key to edit the match.
/// - Ctrl-C abandons the line (``LineReadResult/interrupted``); the terminal's
///   interrupt signal is off while a line is edited, so it never kills the process.
/// - Ctrl-D on an empty line is ``LineReadResult/endOfInput``; otherwise it deletes
///   the character under the cursor.
/// - Ctrl-Z suspends the process group and redraws the line when continued.
/// - Every key works on whole characters (grapheme clusters: か + U+3099, 葛 + U+E0100, 👨‍👩‍👧, flags),
///   shown at their true width (``ClusterText``, GraphemeEditing.swift); Ctrl-W erases the word
///   before the cursor; a resize redraws the line at the new width.
/// - Pasted text arrives as one block (BracketedPaste.swift): a paste of several lines ends the line
///   and comes back with its line breaks as `\n`.
/// - Another thread may ``wake()`` the reader: ``whenWoken`` then prints above the line being edited,
///   which is drawn again below, as it was (EditorEvents.swift).
///
/// The terminal's settings from when the reader was created are put back on
/// exit and on SIGTERM, SIGHUP, SIGQUIT, SIGABRT, SIGSEGV, SIGBUS, SIGILL,
/// SIGTRAP and SIGFPE (a Swift runtime trap included), which are then
/// re-raised to this process alone (libedit's own signal handling, which sends
/// them to the whole process group, is off). Window size changes are followed.
///
/// Not thread-safe: use one reader from one thread.
public final class TerminalLineReader: LineReading {
    /// The key sequence pushed to insert the prefill (bound to a private function).
    static let prefillKey = "\u{1B}[99991~"
    /// The key sequence pushed by Ctrl-C to end the line (bound to ed-newline).
    static let newlineKey = "\u{1B}[99992~"
    /// The key sequence pushed during a history search to redraw it (bound to a private function).
    static let searchRefreshKey = "\u{1B}[99993~"

    private let editLine: OpaquePointer
    private let libeditHistory: OpaquePointer
    private let state: EditorState
    private weak var loadedHistory: LineHistory?
    private var loadedGeneration = -1
    private var historyIsEmpty = true

    /// Creates a reader on standard input and output, or returns `nil` when
    /// standard input is not a terminal (then use ``StreamLineReader``).
    ///
    /// Sets up a UTF-8 locale first if the current one is not (see ``setUpUTF8Locale()``).
    /// - Parameter programName: the name libedit uses for program-specific lines in `~/.editrc`.
    public init?(programName: String = "casebook") {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        if !currentLocaleIsUTF8() { setUpUTF8Locale() }
        _ = cle_install_terminal_restore(STDIN_FILENO)
        // Placeholders for whole characters are shown as the characters themselves by this stream.
        guard let el = cle_init_clusters(programName) else { return nil }
        guard let history = history_winit() else {
            cle_end(el)
            return nil
        }
        editLine = el
        libeditHistory = history
        state = EditorState(inputFD: STDIN_FILENO, outputFD: STDOUT_FILENO)

        _ = cle_history_set_size(history, 1000)
        _ = cle_history_set_unique(history, 1)
        _ = cle_set_history(el, history)
        _ = cle_set_client_data(el, Unmanaged.passUnretained(state).toOpaque())
        _ = cle_set_editor(el, wide("emacs"))
        // Not libedit's signal handling: it re-sends SIGTERM and SIGHUP with kill(0, sig), to the
        // whole process group (the shell that started casebook, and its other children). The
        // terminal-restore handlers end this process alone; SIGWINCH and SIGCONT are ours too.
        _ = cle_set_signal(el, 0)
        _ = cle_install_editor_signals()
        _ = cle_set_prompt(el) { el in
            EditorState.of(el)?.promptBuffer
        }
        // Ctrl-C and Ctrl-Z reach the editor as keys, not signals, while editing.
        _ = cle_setty(el, wide("-d"), wide("-isig"))
        // libedit's screen update miscounts the cursor when it inserts or deletes
        // characters in front of double-width ones (it lands one column right).
        // Without these capabilities it rewrites the rest of the line instead, which
        // is exact and still cheap for one line.
        for capability in ["ic", "IC", "im", "ei", "dc", "DC"] {
            _ = cle_settc(el, wide(capability), wide(""))
        }

        _ = cle_add_function(el, wide("casebook-complete"), wide("Complete the word before the cursor")) { el, _ in
            guard let el, let state = EditorState.of(el) else { return UInt8(CC_ERROR) }
            return state.complete(el)
        }
        _ = cle_add_function(el, wide("casebook-interrupt"), wide("Abandon the line")) { el, _ in
            guard let el, let state = EditorState.of(el) else { return UInt8(CC_ERROR) }
            return state.interrupt(el)
        }
        _ = cle_add_function(el, wide("casebook-eof-or-delete"), wide("End of input on an empty line, else delete the character under the cursor")) { el, _ in
            guard let el, let state = EditorState.of(el) else { return UInt8(CC_ERROR) }
            return state.endOfInputOrDelete(el)
        }
        _ = cle_add_function(el, wide("casebook-suspend"), wide("Suspend")) { el, _ in
            guard let el, let state = EditorState.of(el) else { return UInt8(CC_ERROR) }
            return state.suspend(el)
        }
        _ = cle_add_function(el, wide("casebook-search-backward"), wide("Search the history backward incrementally")) { el, _ in
            guard let el, let state = EditorState.of(el) else { return UInt8(CC_ERROR) }
            return state.startSearch(el, backward: true)
        }
        _ = cle_add_function(el, wide("casebook-search-forward"), wide("Search the history forward incrementally")) { el, _ in
            guard let el, let state = EditorState.of(el) else { return UInt8(CC_ERROR) }
            return state.startSearch(el, backward: false)
        }
        _ = cle_add_function(el, wide("casebook-search-refresh"), wide("(internal) Redraw the history search")) { el, _ in
            guard let el, let state = EditorState.of(el) else { return UInt8(CC_ERROR) }
            return state.applySearchLine(el)
        }
        _ = cle_add_function(el, wide("casebook-prefill"), wide("Insert the prefilled value")) { el, _ in
            guard let el, let state = EditorState.of(el) else { return UInt8(CC_ERROR) }
            return state.insertPrefill(el)
        }

        let bindings: [(String, String)] = [
            ("^I", "casebook-complete"),
            ("^C", "casebook-interrupt"),
            ("^D", "casebook-eof-or-delete"),
            ("^Z", "casebook-suspend"),
            ("^R", "casebook-search-backward"),
            ("^S", "casebook-search-forward"),
            (Self.searchRefreshKey, "casebook-search-refresh"),
            (Self.prefillKey, "casebook-prefill"),
            (Self.newlineKey, "ed-newline"),
            ("\u{1B}[1~", "ed-move-to-beg"), ("\u{1B}[H", "ed-move-to-beg"), ("\u{1B}OH", "ed-move-to-beg"),
            ("\u{1B}[4~", "ed-move-to-end"), ("\u{1B}[F", "ed-move-to-end"), ("\u{1B}OF", "ed-move-to-end"),
            ("\u{1B}[3~", "ed-delete-next-char"),
            ("\u{1B}[1;5D", "ed-prev-word"), ("\u{1B}[1;5C", "em-next-word"),
        ]
        for (key, command) in bindings {
            _ = cle_bind(el, wide(key), wide(command))
        }
        let bind: (String, String) -> Void = { key, command in _ = cle_bind(el, wide(key), wide(command)) }
        state.addWholeCharacterKeys(el, bind: bind)
        state.addBracketedPaste(el, bind: bind)
        _ = cle_source_editrc(el)
    }

    /// Called on the reading thread after ``wake()``, while a line is edited (at the start of the
    /// next line when none is): what it prints to standard output or error shows above the line,
    /// which is then drawn again below it, keys typed so far and cursor included. A wake-up while
    /// this is `nil` does nothing.
    public var whenWoken: (() -> Void)? {
        get { state.whenWoken }
        set { state.whenWoken = newValue }
    }

    /// Wakes the reader of a line to call ``whenWoken`` there. May be called from any thread,
    /// before a reader exists too; keys typed meanwhile are neither lost nor echoed twice.
    public static func wake() {
        cle_wake()
    }

    deinit {
        cle_end(editLine)
        history_wend(libeditHistory)
    }

    /// Reads one line with editing. See ``LineReading/readLine(prompt:prefill:history:completer:)``.
    public func readLine(prompt: String, prefill: String, history: LineHistory?, completer: Completer?) -> LineReadResult {
        state.setPrompt(prompt)
        state.completer = completer
        state.interrupted = false
        state.pendingPrefill = nil
        state.pendingInsert = nil
        state.pastedLine = nil
        useHistory(history)
        state.historyEntries = history?.entries ?? []
        defer {
            state.endSearch(editLine)
            state.completer = nil
            state.pendingPrefill = nil
            state.historyEntries = []
        }

        let prefillWide = ClusterText.nulTerminated(prefill)
        if prefillWide.count > 1 {
            state.pendingPrefill = prefillWide
            let key = WideText.nulTerminated(Self.prefillKey)
            key.withUnsafeBufferPointer { el_wpush(editLine, $0.baseAddress) }
        }

        // Raw mode before the prompt is drawn: keys typed as soon as the prompt
        // shows are then never echoed or taken by the line discipline.
        _ = cle_prep_term(editLine, 1)
        let marksPastes = EditorState.terminalMarksPastes
        if marksPastes {
            // Noted first: a signal that ends the process in between still has the terminal stop.
            cle_set_pastes_marked(1)
            cle_write_output(editLine, "\u{1B}[?2004h")
        }
        var count: Int32 = 0
        errno = 0
        cle_reading(editLine)
        let line = el_wgets(editLine, &count)
        cle_reading(nil)
        let readErrno = errno
        if marksPastes {
            cle_write_output(editLine, "\u{1B}[?2004l")
            cle_set_pastes_marked(0)
        }
        if state.interrupted { return .interrupted }
        guard let line, count > 0 else {
            if count < 0 && SystemCall.isInterruption(readErrno) { return .interrupted }
            if count == 0 { cle_write_output(editLine, "\n") }  // Ctrl-D: leave the prompt line
            return .endOfInput
        }
        if let pasted = state.pastedLine { return .line(pasted) }
        var text = ClusterText.decode(line, count: Int(count))
        if text.hasSuffix("\n") { text.removeLast() }
        return .line(text)
    }

    /// Makes libedit's history the entries of `history` (or empty), refilling it
    /// only when a different history or a changed one is passed.
    private func useHistory(_ history: LineHistory?) {
        guard let history else {
            if !historyIsEmpty { _ = cle_history_clear(libeditHistory) }
            historyIsEmpty = true
            loadedHistory = nil
            loadedGeneration = -1
            return
        }
        if loadedHistory === history && loadedGeneration == history.generation { return }
        _ = cle_history_clear(libeditHistory)
        _ = cle_history_set_size(libeditHistory, Int32(clamping: history.capacity))
        for entry in history.entries {
            let wideEntry = ClusterText.nulTerminated(entry)
            _ = wideEntry.withUnsafeBufferPointer { cle_history_enter(libeditHistory, $0.baseAddress) }
        }
        historyIsEmpty = history.entries.isEmpty
        loadedHistory = history
        loadedGeneration = history.generation
    }
}

/// A NUL-terminated wide string that lives as long as the process (libedit keeps names and keys).
private func wide(_ text: String) -> UnsafePointer<wchar_t> { wideName(text) }
