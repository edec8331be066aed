#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few loops every caller of `read`, `write` and friends would otherwise write by hand, once:
/// retrying a call a signal interrupted, writing a buffer whole, reading to the end.
///
/// Modelled on swift-system's `valueOrErrno(retryOnInterrupt:)` and `writeAll`, without its
/// `FileDescriptor` type: casebook's descriptors are plain `Int32`s shared with C shims and
/// posix_spawn, and one file of helpers does not earn a package dependency's build time.
public enum SystemCall {
    /// Calls `call` again for as long as it fails with EINTR (returns -1 with errno EINTR), and
    /// returns its first other result, errno as the call left it.
    ///
    /// A signal with a handler (the shell's SIGINT, SIGWINCH) interrupts a blocking call; that is
    /// not a failure of the call, and no caller of this helper wants to see it. The closure runs
    /// anew each time, so a timeout computed inside it (poll's) is recomputed after an interruption.
    @inlinable
    public static func retryingOnInterrupt<Result: BinaryInteger>(_ call: () -> Result) -> Result {
        while true {
            let result = call()
            if result == -1 && errno == EINTR { continue }
            return result
        }
    }

    /// Whether errno `code` says the call was interrupted by a signal: for a caller that must
    /// stop rather than retry (a line editor gives back an interrupted read as Ctrl-C).
    public static func isInterruption(_ code: Int32) -> Bool {
        code == EINTR
    }

    /// Writes all of `bytes` to `fd`, however many `write`s it takes.
    /// - Throws: errno of the write that failed (EIO if a write wrote nothing).
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(Errno) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let count = retryingOnInterrupt { write(fd, base + offset, bytes.count - offset) }
            if count < 0 { throw Errno(code: errno) }
            if count == 0 { throw Errno(code: EIO) }
            offset += count
        }
    }

    /// Writes all of `bytes` to `fd`.
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(Errno) {
        // withUnsafeBytes rethrows untyped errors; the typed one is carried out in a Result.
        try bytes.withUnsafeBytes { buffer in Result { () throws(Errno) in try writeAll(fd, buffer) } }.get()
    }

    /// Writes all of `text`'s UTF-8 to `fd`.
    public static func writeAll(_ fd: Int32, _ text: String) throws(Errno) {
        var text = text
        try text.withUTF8 { buffer in Result { () throws(Errno) in try writeAll(fd, UnsafeRawBufferPointer(buffer)) } }.get()
    }

    /// Reads from `fd` into `buffer` until it is full or the input ends; returns how many bytes
    /// were read (fewer than `buffer.count` only at the end of the input).
    public static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var filled = 0
        while filled < buffer.count {
            let got = retryingOnInterrupt { Glibc.read(fd, base + filled, buffer.count - filled) }
            if got < 0 { throw Errno(code: errno) }
            if got == 0 { break }
            filled += got
        }
        return filled
    }

    /// Reads into `buffer` from `offset` of `fd` until it is full or the file ends; returns how
    /// many bytes it read. Leaves the descriptor's own offset alone, so threads may share it.
    public static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(Errno) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var filled = 0
        while filled < buffer.count {
            let got = retryingOnInterrupt { Glibc.pread(fd, base + filled, buffer.count - filled, off_t(offset + filled)) }
            if got < 0 { throw Errno(code: errno) }
            if got == 0 { break }
            filled += got
        }
        return filled
    }

    /// The contents of the regular file open as `fd`, which `fstat` said holds `size` bytes. A
    /// regular file's read returns less than asked only at its end, so a first read that asks for
    /// one byte more and gets `size` has it all: one call, not a second to see the end (a scan of
    /// 10,000 files made 10,000 such calls). A file found longer, or a read that comes back short
    /// of `size`, is read on to its end as `readAll` does.
    public static func readRegularFile(_ fd: Int32, size: Int) throws(Errno) -> [UInt8] {
        // A size of 0 tells nothing (a file of the kernel's says 0 and has lines): read to the end.
        guard size > 0 else { return try readAll(fd) }
        var failure: Errno?
        let first = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            count = 0
            while count < size {
                let got = retryingOnInterrupt { Glibc.read(fd, buffer.baseAddress! + count, size + 1 - count) }
                if got < 0 { failure = Errno(code: errno); return }
                if got == 0 { return }
                count += got
            }
        }
        if let failure { throw failure }
        // Shorter than `size` (it shrank: its end was read) or exactly `size`: whole.
        guard first.count > size else { return first }
        let rest = try readAll(fd)
        return first + rest
    }

    /// Everything left to read from `fd`, up to its end. `expectedSize` (a file's size) sizes the
    /// first buffer so that a file is read straight into the result; more is read if it has grown.
    public static func readAll(_ fd: Int32, expectedSize: Int = 0) throws(Errno) -> [UInt8] {
        var result: [UInt8] = []
        // One byte more than expected, so that growth (or the end) is noticed without a second pass.
        var capacity = max(expectedSize + 1, 4096)
        while true {
            var failure: Errno?
            let filled = result.count
            let grown = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                _ = UnsafeMutableBufferPointer(rebasing: buffer[..<filled]).initialize(from: result)
                count = filled
                do throws(Errno) {
                    count += try read(fd, into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[filled...])))
                } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
            let done = grown.count < capacity
            result = grown
            if done { return result }
            capacity *= 2
        }
    }
}

/// errno of a failed system call, for the helpers that know no path to name.
public struct Errno: Error, Sendable, Equatable {
    /// errno.
    public var code: Int32

    /// The failure errno `code`.
    public init(code: Int32) {
        self.code = code
    }

    /// The same failure, named as `operation` on `path`.
    public func named(_ operation: String, _ path: String) -> SystemError {
        SystemError(operation: operation, path: path, code: code)
    }
}
