import Foundation

/// casebook as git's merge driver for the store's case files (SPEC §8).
///
/// git keeps a driver's command in `.git/config` (`merge.casebook.driver`), never in the
/// repository, so a clone cannot ship it: casebook registers itself there, and the store's
/// `.gitattributes` names it for `*.json`. Without the config git falls back to its line merge
/// without a word, so every merge casebook runs itself also passes the driver with `git -c`.
public struct MergeDriverRegistration: Sendable {
    /// The driver's name in `.gitattributes` (`merge=casebook`) and in the config keys.
    public static let driverName = "casebook"
    /// `merge.casebook.name`: what git shows for the driver.
    public static let description = "casebook: field-by-field merge of case sheets"
    /// The store's `.gitattributes` line: case files are text with LF line ends, merged by casebook.
    public static let attributesLine = "*.json text eol=lf merge=casebook"
    /// The line `casebook init` wrote before the driver existed; replaced, not repeated.
    static let olderAttributesLine = "*.json text eol=lf"

    /// The casebook executable the driver command runs.
    public let executable: String

    /// Registration for the casebook that is running now.
    public init(executable: String = MergeDriverRegistration.runningExecutable) {
        self.executable = executable
    }

    /// The path of the running executable (Linux's `/proc/self/exe`; else the first argument made absolute).
    public static var runningExecutable: String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if count > 0 {
            buffer[count] = 0
            return String(cString: buffer)
        }
        return FileSystem.absolutePath(CommandLine.arguments.first ?? "casebook")
    }

    /// The command git runs through `sh`: the executable quoted for the shell, then git's placeholders
    /// (`%O` base, `%A` ours and the result, `%B` theirs, `%L` the marker size, `%P` the path).
    public var command: String {
        Self.shellQuoted(executable) + " merge-driver %O %A %B %L %P"
    }

    /// The `git -c` options that name the driver for one command, whatever the clone's config says.
    public var configArguments: [String] {
        ["-c", "merge.\(Self.driverName).name=\(Self.description)", "-c", "merge.\(Self.driverName).driver=\(command)"]
    }

    /// `text` in single quotes for `sh`, a `'` inside written as `'\''`.
    public static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    // MARK: State

    /// Where the store stands: the config of its clone, and its `.gitattributes`.
    public struct State: Sendable, Equatable {
        /// The driver command in the clone's config, if any.
        public var configuredCommand: String?
        /// Whether the store's `.gitattributes` names the driver for `*.json`.
        public var attributesNameDriver: Bool

        /// Whether git will run casebook's driver in a plain `git merge` or `git pull`.
        public var isRegistered: Bool { configuredCommand != nil && attributesNameDriver }
    }

    /// The registration of the store at `storePath`; `nil` when it is not inside a git repository.
    ///
    /// One `git config --local` run: outside a repository `--local` fails (128), without the keys it exits 1.
    public func state(storePath: String) -> State? {
        let git = GitRunner(directory: storePath)
        let result = git.run(["config", "--local", "--get-regexp", "^merge\\.\(Self.driverName)\\."])
        guard result.status == 0 || result.status == 1 else { return nil }
        var command: String?
        for line in result.output.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2 { command = Self.driverCommand(key: parts[0], value: parts[1]) ?? command }
        }
        return State(configuredCommand: command, attributesNameDriver: Self.attributesNameDriver(in: storePath))
    }

    /// The driver command, when `key` (as `git config` prints it, from the clone's own config) is its key.
    static func driverCommand(key: Substring, value: Substring) -> String? {
        key == "merge.\(driverName).driver" ? String(value) : nil
    }

    /// Whether the store's `.gitattributes` names the driver for `*.json`.
    static func attributesNameDriver(in storePath: String) -> Bool {
        attributes(in: storePath).contains(attributesLine)
    }

    /// What `register` changed.
    public struct Changes: Sendable, Equatable {
        /// The config keys were written (missing, or naming another executable).
        public var config = false
        /// The store's `.gitattributes` was written.
        public var attributes = false

        /// Whether anything changed.
        public var any: Bool { config || attributes }
    }

    /// Registers the driver for the store at `storePath`, idempotently: writes the config keys when
    /// they are missing or name another executable, and the `.gitattributes` line when it is missing
    /// (replacing the older line without `merge=casebook`). `nil` when the store is not in a repository.
    /// `known` is the state when already read (sync reads it with the rest of the clone's config).
    public func register(storePath: String, known: State? = nil) throws(RegistrationError) -> Changes? {
        guard let state = known ?? state(storePath: storePath) else { return nil }
        var changes = Changes()
        let git = GitRunner(directory: storePath)
        if state.configuredCommand != command {
            for (key, value) in [("name", Self.description), ("driver", command)] {
                let result = git.run(["config", "--local", "merge.\(Self.driverName).\(key)", value])
                guard result.succeeded else { throw .git(result) }
            }
            changes.config = true
        }
        if !state.attributesNameDriver {
            let lines = Self.attributes(in: storePath)
            var updated = lines.map { $0.trimmingCharacters(in: .whitespaces) == Self.olderAttributesLine ? Self.attributesLine : $0 }
            if !updated.contains(Self.attributesLine) { updated.append(Self.attributesLine) }
            do {
                try FileSystem.replaceAtomically(directory: storePath, name: ".gitattributes",
                                                 with: Array(updated.map { $0 + "\n" }.joined().utf8))
            } catch {
                throw .file(error)
            }
            changes.attributes = true
        }
        return changes
    }

    /// Why registering failed.
    public enum RegistrationError: Error, Sendable {
        /// `git config` refused (git's own words inside).
        case git(GitResult)
        /// The `.gitattributes` file could not be written.
        case file(SystemError)
    }

    /// The lines of the store's `.gitattributes` (empty when there is none), without line ends.
    static func attributes(in storePath: String) -> [String] {
        guard let bytes = try? FileSystem.readFile(storePath + "/.gitattributes") else { return [] }
        var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
