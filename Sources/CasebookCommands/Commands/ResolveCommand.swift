import ArgumentParser
import CasebookCore
import CasebookStore

/// `resolve [CASE]`: settles merge conflicts field by field (SPEC §8).
struct ResolveCommand: StoreCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "resolve", abstract: Help.text("Settle merge conflicts field by field.", "マージの競合を項目ごとに解消します。"))
    }

    @Argument var reference: String?
    @OptionGroup var storeOptions: StoreOptions

    func run(in session: Session) throws {}
}
