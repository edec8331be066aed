// BuiltProgram: the built `casebook`, and running a program through pipes, for every test target
// that drives the real binary.
import Foundation

/// What a finished program printed and how it ended.
public struct ProgramResult {
    /// The exit status.
    public var status: Int32
    /// Standard output.
    public var out: String
    /// Standard error.
    public var err: String
    /// Both, for failure messages.
    public var all: String { out + err }
}

public enum BuiltProgram {
    /// The repository root, found from this file's path.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built `casebook`: beside the test bundle, in the same build directory.
    public static let casebook: String = {
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                          Bundle.main.bundleURL.deletingLastPathComponent(), URL(fileURLWithPath: Bundle.main.bundlePath)]
        for bundle in Bundle.allBundles { candidates.append(bundle.bundleURL.deletingLastPathComponent()) }
        for directory in candidates {
            let path = directory.appendingPathComponent("casebook").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return repositoryRoot.appendingPathComponent(".build/debug/casebook").path
    }()

    /// Runs `executable ARGUMENTS` in `directory` with exactly `environment`, `input` on standard input.
    /// Standard error goes to a file, so that neither pipe can fill up and block the child.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String],
                    in directory: URL, input: String = "") throws -> ProgramResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        let stdin = Pipe(), stdout = Pipe()
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("casebook-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errURL) }
        let stderr = try FileHandle(forWritingTo: errURL)
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        try stderr.close()
        // A program that refuses its arguments exits without reading its input: writing it then
        // fails with EPIPE, which the throwing write reports (the other one traps).
        try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProgramResult(status: process.terminationStatus, out: String(decoding: out, as: UTF8.self),
                             err: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
