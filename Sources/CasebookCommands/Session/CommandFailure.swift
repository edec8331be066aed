import CasebookCore

/// A command that could not do what was asked; its message is shown and the exit status is 1.
public struct CommandFailure: Error, Sendable {
    /// What went wrong, already in the user's language.
    public var message: String
    /// Whether a script reading shell lines from a pipe must stop here (exit 1): a guided walk
    /// ended by a failed save, whose remaining value lines must not run as commands.
    public var endsScript = false

    /// A failure with a message.
    public init(_ message: String, endsScript: Bool = false) {
        self.message = message
        self.endsScript = endsScript
    }
}

extension CommandFailure {
    /// A failure whose message is a typed message in the session's language.
    public init(_ message: some UserMessage, in session: Session) {
        self.init(message.text(in: session.language))
    }
}
