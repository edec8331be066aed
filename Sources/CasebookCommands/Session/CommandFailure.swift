/// A command that could not do what was asked; its message is shown and the exit status is 1.
public struct CommandFailure: Error, Sendable {
    /// What went wrong, already in the user's language.
    public var message: String

    /// A failure with a message.
    public init(_ message: String) {
        self.message = message
    }
}
