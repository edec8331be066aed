/// What Tab offers: candidates for the text just before the cursor, and how much of it they replace.
public struct CompletionCandidates: Sendable, Equatable {
    /// How many Unicode scalars before the cursor a candidate replaces.
    public var replacing: Int
    /// The candidates, each as it should be inserted.
    public var candidates: [String]
    /// Whether a unique candidate ends the word (a space follows).
    public var endsWord: Bool

    /// Makes a reply.
    public init(replacing: Int, candidates: [String], endsWord: Bool = true) {
        self.replacing = replacing
        self.candidates = candidates
        self.endsWord = endsWord
    }
}
