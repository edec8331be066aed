import CLineEditShims
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What reaches the line being edited from outside while the reader waits for a key (events.c):
/// a window resize draws the line again at the new width; a wake-up from another thread
/// (``TerminalLineReader/wake()``) lets ``whenWoken`` print above the line, which is then drawn
/// again below what it printed, as it was, keys typed meanwhile and cursor included.
extension EditorState {
    /// The key sequence pushed when events ask for the line to be drawn again (bound to a private function).
    static let eventKey = "\u{1B}[99995~"

    /// Registers the event key's function on `el` and starts watching for events.
    func addEvents(_ el: OpaquePointer, bind: (String, String) -> Void) {
        _ = cle_add_function(el, wideName("casebook-events"), wideName("(internal) Redraw after a resize or a wake-up")) { el, _ in
            guard let el, let state = EditorState.of(el) else { return UInt8(CC_ERROR) }
            return state.handleEvents(el)
        }
        bind(Self.eventKey, "casebook-events")
        cle_watch_events()
    }

    /// Keeps what `events` (CLE_EVENT_ bits) ask of the line for the event key; whether they ask
    /// anything (a wake-up that nobody waits for does not).
    func noteEvents(_ events: Int32) -> Bool {
        var wanted = events & Int32(CLE_EVENT_RESIZE)
        if events & Int32(CLE_EVENT_WAKE) != 0, whenWoken != nil { wanted |= Int32(CLE_EVENT_WAKE) }
        pendingEvents |= wanted
        return wanted != 0
    }

    /// The private event key: libedit learns a new size; the old drawing of the prompt and line is
    /// erased from where it now starts (terminals rewrap a soft-wrapped line to the new width);
    /// ``whenWoken`` prints there; prompt and line are drawn again below.
    func handleEvents(_ el: OpaquePointer) -> UInt8 {
        let events = pendingEvents
        pendingEvents = 0
        if events & Int32(CLE_EVENT_RESIZE) != 0 { el_resize(el) }
        let info = el_wline(el)!.pointee
        let before = ClusterText.decode(info.buffer, count: info.cursor - info.buffer)
        let columns = max(1, terminalColumns)
        let row = Self.columns(of: before, from: promptWidth) / columns
        cle_write_output(el, "\r" + (row > 0 ? "\u{1B}[\(row)A" : "") + "\u{1B}[J")
        if events & Int32(CLE_EVENT_WAKE) != 0 { whenWoken?() }
        _ = cle_refresh(el)
        return UInt8(CC_NORM)
    }
}
