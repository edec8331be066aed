#if canImport(Glibc)
import Glibc
#endif
import Testing
import SystemSupport

/// The system-call loops written once: the retry on EINTR, writing and reading whole.
@Suite("SystemCall")
struct SystemCallTests {
    @Test("a call interrupted by a signal is made again; its first other result is returned")
    func retriesInterruptedCalls() {
        var calls = 0
        let result = SystemCall.retryingOnInterrupt { () -> Int in
            calls += 1
            if calls < 3 {
                errno = EINTR
                return -1
            }
            return 42
        }
        #expect(result == 42)
        #expect(calls == 3)
    }

    @Test("a call that fails otherwise is not retried, and errno is left as it set it")
    func otherFailuresAreReturned() {
        var calls = 0
        let result = SystemCall.retryingOnInterrupt { () -> Int32 in
            calls += 1
            errno = EIO
            return -1
        }
        #expect(result == -1)
        #expect(errno == EIO)
        #expect(calls == 1)
        #expect(SystemCall.isInterruption(EINTR))
        #expect(!SystemCall.isInterruption(EIO))
    }

    @Test("writeAll then readAll carries every byte through a pipe, more than one buffer's worth")
    func writeAndReadWhole() throws {
        var fds: [Int32] = [-1, -1]
        #expect(pipe(&fds) == 0)
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        // The writer on its own thread: a pipe holds less than this, so the reader must drain it.
        let writer = Thread { try? SystemCall.writeAll(fds[1], bytes); close(fds[1]) }
        writer.start()
        let read = try SystemCall.readAll(fds[0], expectedSize: 10)
        close(fds[0])
        writer.join()
        #expect(read == bytes)
    }

    @Test("a regular file is read whole whether fstat's size is right, too small or too large, or 0")
    func regularFilesAreReadWhole() throws {
        let path = "/tmp/casebook-readRegularFile-\(getpid())"
        defer { unlink(path) }
        for length in [0, 1, 4095, 4096, 4097, 100_000] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            let out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            try SystemCall.writeAll(out, bytes)
            close(out)
            // The size as fstat gave it, and as it would be had the file grown or shrunk since.
            for size in Set([length, max(length - 10, 0), length + 10, 1]) {
                let fd = open(path, O_RDONLY)
                defer { close(fd) }
                #expect(try SystemCall.readRegularFile(fd, size: size) == bytes, "\(length) bytes, told \(size)")
            }
        }
    }

    @Test("a write to a pipe nobody reads fails with EPIPE rather than returning short")
    func writeFailureIsThrown() {
        var fds: [Int32] = [-1, -1]
        #expect(pipe(&fds) == 0)
        close(fds[0])
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous); close(fds[1]) }
        #expect(throws: Errno(code: EPIPE)) { try SystemCall.writeAll(fds[1], "lost") }
    }

    @Test("read(into:) fills the buffer across short reads and stops at the end")
    func readFillsBuffer() throws {
        var fds: [Int32] = [-1, -1]
        #expect(pipe(&fds) == 0)
        try SystemCall.writeAll(fds[1], "abc")
        try SystemCall.writeAll(fds[1], "def")
        close(fds[1])
        var buffer = [UInt8](repeating: 0, count: 10)
        let count = try buffer.withUnsafeMutableBytes { try SystemCall.read(fds[0], into: $0) }
        close(fds[0])
        #expect(count == 6)
        #expect(String(decoding: buffer[..<count], as: UTF8.self) == "abcdef")
    }
}

/// A POSIX thread running `body`, for a pipe's other end.
final class Thread: @unchecked Sendable {
    private let body: () -> Void
    private var thread = pthread_t()

    init(_ body: @escaping () -> Void) {
        self.body = body
    }

    func start() {
        let context = Unmanaged.passRetained(self).toOpaque()
        pthread_create(&thread, nil, { context in
            let me = Unmanaged<Thread>.fromOpaque(context!).takeRetainedValue()
            me.body()
            return nil
        }, context)
    }

    func join() {
        pthread_join(thread, nil)
    }
}
