import CasebookCore
import LineEditor

/// What a walk does with a paste of several lines (the line editor returns one with its line
/// breaks): paragraphs become the field's paragraphs or items, and lines broken in the middle of a
/// sentence — what copying from the city's PDFs gives — are joined when the user agrees.
struct PastedInput {
    let session: Session

    /// Whether `line` came from a paste of several lines.
    static func isPaste(_ line: String) -> Bool {
        line.contains("\n")
    }

    /// The items or paragraphs `pasted` gives, asking first whether to join lines broken mid-sentence.
    func items(from pasted: String) -> [String] {
        let broken = PastedText.paragraphs(pasted).filter(PastedText.isBrokenMidSentence).count
        var join = false
        if broken > 0 {
            session.say(EditingMessage.joinBrokenLinesQuestion(paragraphs: broken))
            if case .line(let answer) = session.lineReader.readLine(prompt: "> ") {
                join = ["", "y", "yes", "はい", "ｙ"].contains(answer.trimmingWhitespace().lowercased())
            }
        }
        return PastedText.items(pasted, joinBrokenLines: join)
    }
}
