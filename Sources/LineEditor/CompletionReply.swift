/// A completer's answer for the text before the cursor.
public struct CompletionReply: Sendable, Equatable {
    /// How many Unicode scalars immediately before the cursor the candidates replace
    /// (the word being completed). Clamped to the text before the cursor.
    public var replacing: Int
    /// The possible replacements for the word being completed, in the order they
    /// should be listed.
    public var candidates: [String]
    /// Whether a single candidate is followed by a space once inserted.
    public var appendSpaceWhenUnique: Bool

    /// Creates a reply.
    /// - Parameters:
    ///   - replacing: how many Unicode scalars before the cursor the candidates replace.
    ///   - candidates: the possible replacements for that word.
    ///   - appendSpaceWhenUnique: whether a single candidate is followed by a space.
    public init(replacing: Int, candidates: [String], appendSpaceWhenUnique: Bool = true) {
        self.replacing = replacing
        self.candidates = candidates
        self.appendSpaceWhenUnique = appendSpaceWhenUnique
    }

    /// A reply with no candidates (Tab beeps).
    public static let none = CompletionReply(replacing: 0, candidates: [])
}
