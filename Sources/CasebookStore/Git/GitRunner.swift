import Foundation

/// What one run of `git` gave back.
public struct GitResult: Error, Sendable {
    /// The exit status.
    public var status: Int32
    /// Standard output.
    public var output: String
    /// Standard error: git's own words, shown to the user on failure.
    public var errorOutput: String
    /// Standard output as bytes (file contents from `git show`).
    public var outputBytes: [UInt8] = []

    /// Whether git succeeded.
    public var succeeded: Bool { status == 0 }
}

/// Runs the `git` program with an argument vector — never through a shell — with
/// `--literal-pathspecs`, so no case id, title or message is ever interpreted (SPEC §5, §7).
public struct GitRunner: Sendable {
    /// The directory git runs in (the store).
    public var directory: String

    /// A runner for `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// Runs `git --literal-pathspecs -C directory ARGUMENTS…`. Callers put `--` before paths.
    public func run(_ arguments: [String], input: String? = nil) -> GitResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "--literal-pathspecs", "-C", directory] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["LC_ALL"] = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? "C.UTF-8"
        process.environment = environment
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        process.standardInput = inputPipe
        do {
            try process.run()
        } catch {
            return GitResult(status: 127, output: "", errorOutput: "git: \(error)")
        }
        if let input { inputPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try? inputPipe.fileHandleForWriting.close()
        // Read both pipes concurrently so a chatty git cannot fill one and block.
        let errorData = LockedData()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData.set(errorPipe.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        let outputData = outputPipe.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return GitResult(status: process.terminationStatus,
                         output: String(decoding: outputData, as: UTF8.self),
                         errorOutput: String(decoding: errorData.get(), as: UTF8.self),
                         outputBytes: [UInt8](outputData))
    }
}

/// A Data box shared with the reading thread.
private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}
