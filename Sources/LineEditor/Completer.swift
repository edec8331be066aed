/// Computes completions for Tab from the text before the cursor.
///
/// Called on the thread that called ``LineReading/readLine(prompt:prefill:history:completer:)``,
/// while the line is being edited; it should answer quickly (well under 20 ms).
public typealias Completer = (_ textBeforeCursor: String) -> CompletionReply
