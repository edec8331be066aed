/// What one call to ``LineReading/readLine(prompt:prefill:history:completer:)`` produced.
public enum LineReadResult: Sendable, Equatable {
    /// A line was entered (Enter pressed, or a final unterminated line of a stream).
    /// The text has no line terminator.
    case line(String)
    /// The line was abandoned with Ctrl-C. The process keeps running; the caller
    /// normally prints a fresh prompt.
    case interrupted
    /// Ctrl-D on an empty line, or the end of the input.
    case endOfInput
}
