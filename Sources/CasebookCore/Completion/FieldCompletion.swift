/// Completion while a walk asks for a field: its choices, era names, or the values the store uses.
public enum FieldCompletion {
    /// Candidates for the whole line typed so far; they replace all of it.
    public static func complete(_ textBeforeCursor: String, field: SheetField, storeValues: [String]) -> CompletionCandidates {
        let values: [String]
        switch field.kind {
        case .choice(let choices, _): values = choices + storeValues.filter { !choices.contains($0) }
        case .eraYear: values = Era.allCases.map(\.rawValue)
        default: values = storeValues
        }
        let typed = textBeforeCursor.trimmingWhitespace()
        let candidates = CommandCompletion.matching(typed, in: values)
        return CompletionCandidates(replacing: textBeforeCursor.unicodeScalars.count, candidates: candidates, endsWord: false)
    }
}
