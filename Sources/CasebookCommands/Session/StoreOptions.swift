import ArgumentParser

/// `--store DIR`, which every command accepts; the shell keeps the store it started with.
public struct StoreOptions: ParsableArguments {
    /// The store directory; defaults to CASEBOOK_STORE, then Store/.
    @Option(name: .customLong("store"), help: ArgumentHelp(Help.text("The store directory (default: $CASEBOOK_STORE, else Store/).", "ストアのディレクトリ（既定: $CASEBOOK_STORE、なければ Store/）"), valueName: "dir"))
    public var store: String?

    public init() {}
}
