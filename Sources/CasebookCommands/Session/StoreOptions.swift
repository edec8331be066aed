import ArgumentParser

/// `--store DIR`, which every command accepts; the shell keeps the store it started with.
public struct StoreOptions: ParsableArguments {
    /// The store directory; defaults to CASEBOOK_STORE, then Store/.
    @Option(name: .customLong("store"), help: ArgumentHelp(Help.text("The store directory (default: $CASEBOOK_STORE, else Store/).", "ストアのディレクトリ（既定: $CASEBOOK_STORE、なければ Store/）"), valueName: "dir"))
    public var store: String?

    /// Output longer than the screen is shown through $PAGER unless this is given.
    @Flag(name: .customLong("no-pager"), help: ArgumentHelp(Help.text("Never show the output through $PAGER.", "出力を $PAGER に通さない")))
    public var noPager = false

    public init() {}
}
