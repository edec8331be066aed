import CasebookCore

/// A command that could not do what was asked; its message is shown and the exit status is 1.
public struct CommandFailure: Error, Sendable {
    /// What went wrong, already in the user's language.
    public var message: String

    /// A failure with a message.
    public init(_ message: String) {
        self.message = message
    }
}

extension CommandFailure {
    /// A failure whose message is a typed message in the session's language.
    public init(_ message: some UserMessage, in session: Session) {
        self.init(message.text(in: session.language))
    }
}
