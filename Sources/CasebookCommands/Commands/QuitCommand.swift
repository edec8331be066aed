import ArgumentParser

/// `quit`: leaves the shell.
struct QuitCommand: ShellCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "quit", abstract: Help.text("Leave the shell.", "シェルを終了します。"), aliases: ["exit"])
    }

    /// Asks first when edits are kept in memory (a refused save), so that none is dropped unawares.
    func run(in session: Session) throws {
        session.wantsToQuit = session.mayQuit()
    }

    func run() throws {}
}
