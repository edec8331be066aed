/// Something that reads lines of input one at a time: a terminal line editor or a plain stream.
public protocol LineReading: AnyObject {
    /// Reads one line.
    ///
    /// - Parameters:
    ///   - prompt: printed before the line (terminal only).
    ///   - prefill: put on the line as literal text, ready to edit, cursor at its end
    ///     (terminal only; control characters in it are inserted as text, never run as keys).
    ///   - history: the history that Up, Down and Ctrl-R walk for this call (terminal only).
    ///     The reader never adds to it: the caller does.
    ///   - completer: answers Tab (terminal only); `nil` makes Tab beep.
    /// - Returns: the line, ``LineReadResult/interrupted`` for Ctrl-C, or
    ///   ``LineReadResult/endOfInput`` for Ctrl-D on an empty line or the end of input.
    func readLine(prompt: String, prefill: String, history: LineHistory?, completer: Completer?) -> LineReadResult
}

extension LineReading {
    /// Reads one line with no prefill, history or completion.
    public func readLine(prompt: String) -> LineReadResult {
        readLine(prompt: prompt, prefill: "", history: nil, completer: nil)
    }
}
