/// A reviewer's verdict on one section, stored under the section's key in `review`.
public struct ReviewVerdict: Sendable, Equatable {
    /// `ok` or `flagged`.
    public enum State: String, Sendable {
        case ok
        case flagged
    }

    /// The verdict.
    public var state: State
    /// Who gave it (git's user.name, else the login name).
    public var by: String
    /// When, as `YYYY-MM-DD`.
    public var at: String
    /// The reviewer's note (empty for most `ok`s).
    public var note: String
    /// The hash of the section's content when the verdict was given.
    public var hash: String

    /// Makes a verdict.
    public init(state: State, by: String, at: String, note: String, hash: String) {
        self.state = state
        self.by = by
        self.at = at
        self.note = note
        self.hash = hash
    }
}
