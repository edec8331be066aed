import Foundation
import PackagePlugin

/// Compiles the files in a target's `Templates/` folder into one Swift file of string constants.
///
/// SwiftPM's resource bundles are found through `Bundle.module`, which stops the program with a
/// fatal error when the bundle is not beside the binary (a copied or installed `casebook`). The
/// templates and the stylesheet stay real files in the repository, edited as HTML and CSS; the
/// program carries their text inside itself.
@main
struct EmbedExportFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        // `directory`, not `directoryURL`, which needs tools version 6.1.
        let folder = URL(fileURLWithPath: target.directory.string).appendingPathComponent("Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { !$0.hasPrefix(".") }
            .sorted()
        let inputs = names.map { folder.appendingPathComponent($0) }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(names.joined(separator: ", ")) into \(target.name)",
                executable: try context.tool(named: "embed-files").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }
}
