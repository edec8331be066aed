// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "casebook",
    products: [
        .executable(name: "casebook", targets: ["casebook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Export: HTML through a template engine that escapes by default, CSV through a kept RFC 4180 writer.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // libedit, found through pkg-config; apt names the package that provides it.
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // Non-variadic C wrappers around libedit, which Swift cannot call directly.
        .target(name: "CLineEditShims", dependencies: ["CEditLine"]),
        // A small Swift line editor over libedit's wide-character interface.
        // It measures and makes text safe with the core's DisplayWidth and TerminalSafeText, so that the
        // editor and the rest of casebook agree on every character's width.
        .target(name: "LineEditor", dependencies: ["CLineEditShims", "CasebookCore", "SystemSupport"]),
        // The system calls' loops written once, below everything that does I/O: retrying on EINTR,
        // writing and reading whole, and the one atomic file replacement (the store, the index
        // caches, the command history, the editor's file). Pure Swift over Glibc, no dependency.
        .target(name: "SystemSupport"),
        // glibc's memmem for the core's byte search (a GNU extension Swift does not see).
        .target(name: "CByteSearch"),
        // glibc's <malloc.h> (mallopt), which Swift's Glibc module leaves out: the program's edge
        // sets how malloc grows its heaps.
        .systemLibrary(name: "CMalloc"),
        // The pure core: the sheet, era years, validation, canonical JSON, text rules, layout. No I/O.
        .target(name: "CasebookCore", dependencies: ["CByteSearch"]),
        // The store directory and git, around the core.
        .target(name: "CasebookStore", dependencies: ["CasebookCore", "SystemSupport"]),
        // What `export` writes, as pure functions of the sheets: HTML pages, the diagram's SVG, CSV, Markdown.
        // Its templates and its one CSS file are files in Templates/, compiled into the module by the
        // EmbedExportFiles plugin, so the binary needs no resource bundle beside it.
        .target(
            name: "CasebookExport",
            dependencies: [
                "CasebookCore",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            exclude: ["Templates"],
            plugins: ["EmbedExportFiles"]
        ),
        // Turns the files of a target's Templates/ folder into Swift string constants at build time.
        .executableTarget(name: "embed-files"),
        .plugin(name: "EmbedExportFiles", capability: .buildTool(), dependencies: ["embed-files"]),
        // Every command, defined once for both `casebook CMD` and the interactive shell.
        .target(
            name: "CasebookCommands",
            dependencies: [
                "CasebookCore",
                "CasebookStore",
                "CasebookExport",
                "CMalloc",
                "LineEditor",
                "SystemSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "casebook", dependencies: ["CasebookCommands"]),
        // forkpty for the end-to-end tests, kept out of the product.
        .target(name: "CPseudoTerminal"),
        // What the tests that drive the built program share: locating it, pipes, a pseudo-terminal.
        .target(name: "CasebookTestSupport", dependencies: ["CPseudoTerminal"], path: "Tests/CasebookTestSupport"),
        // Drives TerminalLineReader for the line editor's pseudo-terminal tests.
        .executableTarget(name: "line-editor-probe", dependencies: ["LineEditor"]),

        .testTarget(
            name: "CasebookCoreTests",
            dependencies: ["CasebookCore"],
            resources: [.copy("Golden")]
        ),
        .testTarget(name: "SystemSupportTests", dependencies: ["SystemSupport"]),
        .testTarget(name: "CasebookStoreTests", dependencies: ["CasebookTestSupport", "CasebookCore", "CasebookStore"]),
        .testTarget(name: "CasebookCommandTests", dependencies: ["CasebookTestSupport", "CasebookCore", "CasebookStore", "CasebookCommands"]),
        .testTarget(name: "EndToEndTests", dependencies: ["CasebookTestSupport", "CPseudoTerminal", "CasebookCore"], exclude: ["Golden"]),
        .testTarget(name: "LineEditorTests", dependencies: ["CasebookTestSupport", "CPseudoTerminal", "LineEditor", "CasebookCore"]),
        .testTarget(name: "ExportTests", dependencies: ["CasebookTestSupport", "CasebookCore", "CasebookStore", "CasebookExport"], exclude: ["Golden"]),
        .testTarget(name: "SyncTests", dependencies: ["CasebookTestSupport", "CPseudoTerminal", "CasebookCore", "CasebookStore"]),
        .testTarget(name: "ReviewTests", dependencies: ["CasebookTestSupport", "CasebookCore", "CasebookStore", "CasebookCommands"]),
    ]
)
