import ArgumentParser

/// `quit`: leaves the shell.
struct QuitCommand: ShellCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "quit", abstract: Help.text("Leave the shell.", "シェルを終了します。"), aliases: ["exit"])
    }

    func run(in session: Session) throws {
        session.wantsToQuit = true
    }

    func run() throws {}
}
