import ArgumentParser
import CasebookCore

/// `casebook`: with a command, runs it and exits; without one, starts the shell.
public struct Casebook: ParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "casebook",
            abstract: Catalogue.text(.helpAbstract, Help.language),
            discussion: Catalogue.text(.helpDiscussion, Help.language),
            subcommands: CommandList.all)
    }

    @OptionGroup var storeOptions: StoreOptions

    public init() {}

    public func run() throws {
        try ShellRunner.run(storePath: storeOptions.store)
    }
}
