import ArgumentParser
import CasebookCore

/// `merge-driver BASE OURS THEIRS MARKER-SIZE PATH`: git's merge driver for the store's case files.
struct MergeDriverCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "merge-driver", abstract: Help.text("git's merge driver for case files.", "事例ファイル用の git マージドライバ。"))
    }
    func run() throws {}
}
