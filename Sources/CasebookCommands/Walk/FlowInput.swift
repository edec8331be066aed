import CasebookCore
import LineEditor

/// The flows prompt of a walk (`から → へ：内容`): Tab completes actor names, and a name that is
/// no actor is added only when the user agrees (so a typo does not become an actor).
enum FlowInput {
    /// Completes the actor name being typed: at the start of the line, or after the arrow.
    static func completer(actors: @escaping () -> [String]) -> Completer {
        { text in
            var start = text.startIndex
            for arrow in ["→", "->", "⇒", "=>"] {
                if let range = text.range(of: arrow, options: .backwards), range.upperBound > start { start = range.upperBound }
            }
            // After the colon comes the label: nothing to complete there.
            if text[start...].contains(where: { $0 == "：" || $0 == ":" }) { return .none }
            let typed = String(text[start...])
            let word = String(typed.drop { $0 == " " })
            let candidates = actors().filter { $0.hasPrefix(word) && $0 != word }
            return CompletionReply(replacing: word.unicodeScalars.count, candidates: candidates, appendSpaceWhenUnique: false)
        }
    }

    /// Asks whether `name` should become an actor; no (the default) refuses the flow.
    static func confirmNewActor(_ name: String, in session: Session) -> Bool {
        session.say(EditingMessage.addActorQuestion(name: name))
        guard case .line(let answer) = session.lineReader.readLine(prompt: "> ") else { return false }
        return ["y", "yes", "はい", "ｙ"].contains(answer.trimmingWhitespace().lowercased())
    }
}
