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
    /// Whether git was stopped because it ran past its time limit (a network step).
    public var timedOut = false

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
    ///
    /// `environment` adds variables (or replaces them); `timeLimit` (seconds) stops git, and
    /// whatever it started, when a network step takes longer.
    ///
    /// With `toCompletion`, git finishes even if casebook is killed or its terminal closes meanwhile
    /// (`ChildProcess.runToCompletion`): for a merge, which must never stop half-written.
    public func run(_ arguments: [String], input: String? = nil, environment extra: [String: String] = [:],
                    timeLimit: Double? = nil, toCompletion: Bool = false) -> GitResult {
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["LC_ALL"] = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? "C.UTF-8"
        environment.merge(extra) { _, new in new }
        let gitArguments = ["--literal-pathspecs", "-C", directory] + arguments
        let outcome = toCompletion
            ? ChildProcess.runToCompletion("git", gitArguments, environment: environment, input: Array((input ?? "").utf8))
            : ChildProcess.run("git", gitArguments, environment: environment, input: Array((input ?? "").utf8), timeLimit: timeLimit)
        return GitResult(status: outcome.status,
                         output: String(decoding: outcome.output, as: UTF8.self),
                         errorOutput: String(decoding: outcome.errorOutput, as: UTF8.self),
                         outputBytes: outcome.output, timedOut: outcome.timedOut)
    }
}
