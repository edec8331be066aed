import ArgumentParser
import CasebookCore

/// `casebook`: with a command, runs it and exits; without one, starts the shell.
public struct Casebook: ParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "casebook",
            abstract: HelpMessage.abstract.text(in: Help.language),
            discussion: HelpMessage.discussion.text(in: Help.language),
            subcommands: CommandList.all)
    }

    @OptionGroup var storeOptions: StoreOptions

    public init() {}

    public func run() throws {
        try ShellRunner.run(storePath: storeOptions.store)
    }
}
