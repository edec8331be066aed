#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import SystemSupport

/// Runs a program with an argument vector (never through a shell): either collecting its output
/// (``run(_:_:environment:input:timeLimit:)``, git and the browser) or on casebook's own terminal
/// (``runOnTerminal(_:_:environment:input:)``, the editor and the pager). The one way casebook
/// starts a process.
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
    /// The program runs in a process group of its own, so that the terminal's Ctrl-C (SIGINT to
    /// the foreground group) reaches casebook alone: a git that casebook runs for its own ends
    /// (`cat-file` for the committed versions, `commit`, `log`) is never cut short by it, which made
    /// `status` call every changed case added and `commit` write that in its message. In the
    /// shell Ctrl-C stops the output instead (`CommandInterruption`). With a `timeLimit` (seconds)
    /// the whole group is killed when the limit passes: a browser or a `git fetch` that hangs must
    /// not hang casebook, and the helpers they started (ssh, renderers) must not keep the pipes open.
    public static func run(_ program: String, _ arguments: [String], environment: [String: String], input: [UInt8] = [],
                           timeLimit: Double? = nil) -> Outcome {
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        var inPipe: [Int32] = [-1, -1]
        guard makePipe(&outPipe), makePipe(&errPipe), makePipe(&inPipe) else {
            return Outcome(status: 127, output: [], errorOutput: Array("\(program): cannot create pipes".utf8))
        }
        let started = spawn(program, arguments, environment: environment,
                            standardStreams: [inPipe[0], outPipe[1], errPipe[1]], closing: inPipe + outPipe + errPipe,
                            ownProcessGroup: true, resetsSignals: false)
        close(inPipe[0])
        close(outPipe[1])
        close(errPipe[1])
        guard case .success(let pid) = started else {
            close(inPipe[1]); close(outPipe[0]); close(errPipe[0])
            let reason = if case .failure(let failure) = started { String(cString: strerror(failure.code)) } else { "" }
            return Outcome(status: 127, output: [], errorOutput: Array("\(program): \(reason)".utf8))
        }
        // The input goes in as the child takes it, while its outputs are read: a child that
        // answers as it reads (`git cat-file --batch` given a thousand paths) fills its output
        // pipe long before it has read everything, and a casebook still writing would wait for
        // it as it waits for casebook. A child that exits without reading it all (git refused by
        // a hook) must be EPIPE here, not SIGPIPE ending casebook.
        var unsent = input[...]
        var inputFD: Int32 = inPipe[1]
        let previousPipeHandler = input.isEmpty ? nil : signal(SIGPIPE, SIG_IGN)
        defer { if let previousPipeHandler { signal(SIGPIPE, previousPipeHandler) } }
        func closeInput() {
            if inputFD >= 0 { close(inputFD) }
            inputFD = -1
        }
        if unsent.isEmpty { closeInput() } else { _ = fcntl(inputFD, F_SETFL, fcntl(inputFD, F_GETFL) | O_NONBLOCK) }
        var output: [UInt8] = []
        var errorOutput: [UInt8] = []
        var open: [Int32] = [outPipe[0], errPipe[0]]
        var buffer = [UInt8](repeating: 0, count: 65536)
        let deadline = timeLimit.map { monotonicSeconds() + $0 }
        var timedOut = false
        while !open.isEmpty || inputFD >= 0 {
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if inputFD >= 0 { fds.append(pollfd(fd: inputFD, events: Int16(POLLOUT), revents: 0)) }
            if let deadline, deadline - monotonicSeconds() <= 0 {
                timedOut = true
                kill(-pid, SIGKILL)
                for fd in open { close(fd) }
                closeInput()
                break
            }
            // The wait is worked out anew when a signal interrupts the poll, so the limit holds.
            let ready = SystemCall.retryingOnInterrupt {
                poll(&fds, nfds_t(fds.count), deadline.map { Int32(max(0, min(($0 - monotonicSeconds()) * 1000 + 1, 60_000))) } ?? -1)
            }
            if ready == 0 { continue }
            if ready < 0 {
                closeInput()
                break
            }
            for entry in fds where entry.revents != 0 {
                if entry.fd == inputFD {
                    let count = unsent.withUnsafeBytes { bytes in
                        SystemCall.retryingOnInterrupt { write(inputFD, bytes.baseAddress, min(bytes.count, 65536)) }
                    }
                    if count > 0 { unsent = unsent.dropFirst(count) }
                    // All written, or the child will read no more (EPIPE): its input ends.
                    if unsent.isEmpty || (count < 0 && errno != EAGAIN) { closeInput() }
                    continue
                }
                let count = buffer.withUnsafeMutableBytes { bytes in
                    SystemCall.retryingOnInterrupt { read(entry.fd, bytes.baseAddress, bytes.count) }
                }
                if count > 0 {
                    if entry.fd == outPipe[0] { output.append(contentsOf: buffer[0..<count]) } else { errorOutput.append(contentsOf: buffer[0..<count]) }
                } else {
                    close(entry.fd)
                    open.removeAll { $0 == entry.fd }
                }
            }
        }
        return Outcome(status: waitForExit(pid), output: output, errorOutput: errorOutput, timedOut: timedOut)
    }

    /// Runs `program` like `run`, but so that it finishes its work even if casebook does not live
    /// to see it: its output goes to files rather than pipes (a pipe whose reader is gone ends the
    /// writer by SIGPIPE), and it runs in a process group of its own (the terminal's Ctrl-C and
    /// hang-up go to casebook's group, not to it).
    ///
    /// For a step that changes many files at once and must not stop half-way: `git merge` killed
    /// between writing the work tree and writing its index leaves the other person's changes as if
    /// they were one's own, with nothing to abort. `input` is small (it is written before the wait).
    public static func runToCompletion(_ program: String, _ arguments: [String], environment: [String: String],
                                       input: [UInt8] = []) -> Outcome {
        guard let outFile = anonymousFile(), let errFile = anonymousFile() else {
            return Outcome(status: 127, output: [], errorOutput: Array("\(program): cannot create a temporary file".utf8))
        }
        defer { close(outFile); close(errFile) }
        var inPipe: [Int32] = [-1, -1]
        guard makePipe(&inPipe) else {
            return Outcome(status: 127, output: [], errorOutput: Array("\(program): cannot create pipes".utf8))
        }
        let started = spawn(program, arguments, environment: environment,
                            standardStreams: [inPipe[0], outFile, errFile], closing: inPipe,
                            ownProcessGroup: true, resetsSignals: false)
        close(inPipe[0])
        guard case .success(let pid) = started else {
            close(inPipe[1])
            let reason = if case .failure(let failure) = started { String(cString: strerror(failure.code)) } else { "" }
            return Outcome(status: 127, output: [], errorOutput: Array("\(program): \(reason)".utf8))
        }
        feed(input, to: inPipe[1])
        let status = waitForExit(pid)
        return Outcome(status: status, output: contents(of: outFile), errorOutput: contents(of: errFile))
    }

    /// A temporary file with no name (unlinked at once), open for reading and writing and never
    /// inherited unless made a child's standard stream (marked under the spawn lock, as a pipe is).
    private static func anonymousFile() -> Int32? {
        let directory = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((directory + "/casebook-output-XXXXXX").utf8CString)
        let fd = spawning.withLock { _ in
            template.withUnsafeMutableBufferPointer { name -> Int32 in
                let fd = mkstemp(name.baseAddress!)
                if fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
                return fd
            }
        }
        guard fd >= 0 else { return nil }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return fd
    }

    /// All that was written to `fd`, read from its start.
    private static func contents(of fd: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var offset: off_t = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in
                SystemCall.retryingOnInterrupt { pread(fd, raw.baseAddress, raw.count, offset) }
            }
            guard count > 0 else { return bytes }
            bytes.append(contentsOf: buffer[0..<count])
            offset += off_t(count)
        }
    }

    /// Runs `program` (looked up in PATH) with `arguments`, in `environment`, on casebook's own
    /// terminal, and waits for it: standard output and error are casebook's, and so is standard
    /// input unless `input` is given, which is then fed to it through a pipe (a pager's text).
    /// Returns the exit status (128 + signal when killed; 127 when it could not start).
    ///
    /// For the programs a person works in: an editor needs the terminal itself, and a pager
    /// reads its keys from the terminal while its text comes through the pipe.
    public static func runOnTerminal(_ program: String, _ arguments: [String], environment: [String: String],
                                     input: [UInt8]? = nil) -> Int32 {
        guard let input else {
            guard case .success(let pid) = spawn(program, arguments, environment: environment,
                                                 standardStreams: [0, 1, 2], closing: [], ownProcessGroup: false, resetsSignals: true) else {
                return 127
            }
            return waitForExit(pid)
        }
        var inPipe: [Int32] = [-1, -1]
        guard makePipe(&inPipe) else { return 127 }
        let started = spawn(program, arguments, environment: environment,
                            standardStreams: [inPipe[0], 1, 2], closing: inPipe, ownProcessGroup: false, resetsSignals: true)
        close(inPipe[0])
        guard case .success(let pid) = started else {
            close(inPipe[1])
            return 127
        }
        feed(input, to: inPipe[1])
        return waitForExit(pid)
    }

    /// Starts `program` with `standardStreams` as its descriptors 0, 1 and 2 and every descriptor
    /// in `closing` closed; in a process group of its own when `ownProcessGroup` (so that the whole
    /// group can be killed). With `resetsSignals` the child starts with no signal blocked and the
    /// usual signals at their defaults, as Foundation's `Process` started the editor and the pager:
    /// a person's program must answer Ctrl-C whatever casebook was doing with it. Without, the child
    /// inherits casebook's mask, so a git run inside a save is not cut short by a held-back signal.
    private static func spawn(_ program: String, _ arguments: [String], environment: [String: String],
                              standardStreams: [Int32], closing: [Int32], ownProcessGroup: Bool,
                              resetsSignals: Bool) -> Result<pid_t, Errno> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Also when source is target (a pipe that got descriptor 0, 1 or 2): the dup2 of a
        // descriptor onto itself clears its close-on-exec flag in the child (glibc 2.29 and later).
        for (target, source) in standardStreams.enumerated() {
            posix_spawn_file_actions_adddup2(&actions, source, Int32(target))
        }
        for fd in closing { posix_spawn_file_actions_addclose(&actions, fd) }

        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var flags: Int32 = 0
        if ownProcessGroup {
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        if resetsSignals {
            flags |= Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
            var noSignals = sigset_t()
            sigemptyset(&noSignals)
            posix_spawnattr_setsigmask(&attributes, &noSignals)
            // SIGPIPE above all: casebook ignores it while it feeds a pager.
            var defaults = sigset_t()
            sigemptyset(&defaults)
            for signal in [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH, SIGCHLD] {
                sigaddset(&defaults, signal)
            }
            posix_spawnattr_setsigdefault(&attributes, &defaults)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        var pid: pid_t = 0
        let spawned = spawning.withLock { _ in posix_spawnp(&pid, program, &actions, &attributes, argv, envp) }
        return spawned == 0 ? .success(pid) : .failure(Errno(code: spawned))
    }

    /// A pipe whose two ends a child never inherits unless they are made its standard streams.
    ///
    /// Two threads may run programs at once (sync lists what came in while git merges): a pipe
    /// open in one thread while the other spawns would be inherited by the other's child, and the
    /// first thread would wait for that child to end before it saw the end of its own output (or
    /// its child for the end of its input). Swift sees no `pipe2`, so the pipe is made and marked
    /// under the lock every spawn takes.
    private static func makePipe(_ fds: inout [Int32]) -> Bool {
        spawning.withLock { _ in
            guard pipe(&fds) == 0 else { return false }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            return true
        }
    }

    /// Taken to make a pipe and to spawn, so that no child starts between the two steps of `makePipe`.
    private static let spawning = Mutex(())

    /// Writes `input` to the child's standard input and closes it.
    ///
    /// A child may exit without reading it (git when a pre-commit hook refuses, a pager quit
    /// early): that must be EPIPE here, not SIGPIPE ending casebook. Set after the spawn, so the
    /// child keeps the default. Only when there is input: two threads running programs at once
    /// (sync fetches while it commits) must not restore each other's handler around a write.
    private static func feed(_ input: [UInt8], to fd: Int32) {
        let previousHandler = input.isEmpty ? nil : signal(SIGPIPE, SIG_IGN)
        try? SystemCall.writeAll(fd, input)
        close(fd)
        if let previousHandler { signal(SIGPIPE, previousHandler) }
    }

    /// Waits for `pid` to end; its exit status, or 128 + the signal that killed it.
    private static func waitForExit(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        _ = SystemCall.retryingOnInterrupt { waitpid(pid, &status, 0) }
        let exited = status & 0x7F == 0
        return exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// Seconds on the monotonic clock, for time limits that a change of the wall clock cannot stretch.
    private static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
