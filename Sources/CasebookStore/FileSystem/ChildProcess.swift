#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program with an argument vector (never through a shell) and collects its output.
///
/// posix_spawn and poll rather than Foundation's `Process`, whose wait polls in steps of tens
/// of milliseconds: the shell runs git before its first prompt, and that must be quick.
public enum ChildProcess {
    /// What a finished program gave back.
    public struct Outcome: Sendable {
        /// The exit status (128 + signal when killed; 127 when it could not start).
        public var status: Int32
        /// Standard output.
        public var output: [UInt8]
        /// Standard error.
        public var errorOutput: [UInt8]
        /// Whether the program was killed because it ran past its time limit.
        public var timedOut = false
    }

    /// Runs `program` (looked up in PATH) with `arguments`, in `environment`, feeding it `input`.
    ///
    /// With a `timeLimit` (seconds) the program runs in a process group of its own, and the whole
    /// group is killed when the limit passes: a browser or a `git fetch` that hangs must not hang
    /// casebook, and the helpers they started (ssh, renderers) must not keep the pipes open.
    public static func run(_ program: String, _ arguments: [String], environment: [String: String], input: [UInt8] = [],
                           timeLimit: Double? = nil) -> Outcome {
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        var inPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0, pipe(&inPipe) == 0 else {
            return Outcome(status: 127, output: [], errorOutput: Array("\(program): cannot create pipes".utf8))
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for fd in inPipe + outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }

        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if timeLimit != nil {
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, program, &actions, &attributes, argv, envp)
        close(inPipe[0])
        close(outPipe[1])
        close(errPipe[1])
        guard spawned == 0 else {
            close(inPipe[1]); close(outPipe[0]); close(errPipe[0])
            return Outcome(status: 127, output: [], errorOutput: Array("\(program): \(String(cString: strerror(spawned)))".utf8))
        }
        // Input is small (a commit message); write it all, then read both outputs as they come.
        // A child may exit without reading it (git when a pre-commit hook refuses): that must be
        // EPIPE here, not SIGPIPE ending casebook. Set after the spawn, so the child keeps the default.
        // Only when there is input: two threads running programs at once (sync fetches while it
        // commits) must not restore each other's handler around a write.
        let previousHandler = input.isEmpty ? nil : signal(SIGPIPE, SIG_IGN)
        var written = 0
        while written < input.count {
            let count = input.withUnsafeBytes { write(inPipe[1], $0.baseAddress! + written, input.count - written) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            written += count
        }
        close(inPipe[1])
        if let previousHandler { signal(SIGPIPE, previousHandler) }
        var output: [UInt8] = []
        var errorOutput: [UInt8] = []
        var open: [Int32] = [outPipe[0], errPipe[0]]
        var buffer = [UInt8](repeating: 0, count: 65536)
        let deadline = timeLimit.map { monotonicSeconds() + $0 }
        var timedOut = false
        while !open.isEmpty {
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            var wait: Int32 = -1
            if let deadline {
                let left = deadline - monotonicSeconds()
                if left <= 0 {
                    timedOut = true
                    kill(-pid, SIGKILL)
                    for fd in open { close(fd) }
                    break
                }
                wait = Int32(min(left * 1000 + 1, 60_000))
            }
            let ready = poll(&fds, nfds_t(fds.count), wait)
            if ready == 0 { continue }
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            for entry in fds where entry.revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if entry.fd == outPipe[0] { output.append(contentsOf: buffer[0..<count]) } else { errorOutput.append(contentsOf: buffer[0..<count]) }
                } else if count == 0 || errno != EINTR {
                    close(entry.fd)
                    open.removeAll { $0 == entry.fd }
                }
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7F == 0
        return Outcome(status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), output: output, errorOutput: errorOutput,
                       timedOut: timedOut)
    }

    /// Seconds on the monotonic clock, for time limits that a change of the wall clock cannot stretch.
    private static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
