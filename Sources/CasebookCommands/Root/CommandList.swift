import ArgumentParser

/// Every command, in the order `help` lists them. One list serves the command line and the shell.
enum CommandList {
    static let all: [ParsableCommand.Type] = [
        ListCommand.self,
        FindCommand.self,
        NewCommand.self,
        OpenCommand.self,
        ShowCommand.self,
        EditCommand.self,
        SetCommand.self,
        ValidateCommand.self,
        DeleteCommand.self,
        ReviewCommand.self,
        ApproveCommand.self,
        StatusCommand.self,
        DiffCommand.self,
        CommitCommand.self,
        LogCommand.self,
        RevertCommand.self,
        SyncCommand.self,
        ResolveCommand.self,
        ExportCommand.self,
        MergeDriverCommand.self,
        UndoCommand.self,
        RenameCommand.self,
        InitCommand.self,
        SaveCommand.self,
        ReloadCommand.self,
        QuitCommand.self,
    ]

    /// The names a person types, for completion and the unknown-command message.
    static var names: [String] {
        all.flatMap { type -> [String] in
            let configuration = type.configuration
            return [configuration.commandName ?? ""] + configuration.aliases
        } + ["help"]
    }
}
