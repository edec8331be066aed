#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SystemSupport

/// Reads lines from a file descriptor (standard input by default) with no
/// prompt, echo or editing: for pipes, files and scripts.
///
/// Lines end at `\n`; a `\r` before it is dropped (CRLF input). Invalid UTF-8 is
/// replaced with U+FFFD. A last line without a terminator is returned as a line;
/// after it, and at the end of input, every call returns
/// ``LineReadResult/endOfInput``. The prompt, prefill, history and completer are ignored.
public final class StreamLineReader: LineReading {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var reachedEnd = false

    /// Creates a reader over `fileDescriptor` (standard input by default). The
    /// descriptor is not closed by the reader.
    public init(fileDescriptor: Int32 = 0) {
        self.fd = fileDescriptor
    }

    /// Returns the next line, or ``LineReadResult/endOfInput``. Never returns
    /// ``LineReadResult/interrupted``.
    public func readLine(prompt: String, prefill: String, history: LineHistory?, completer: Completer?) -> LineReadResult {
        var searchFrom = start
        while true {
            if let newline = buffer[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = newline + 1
                compact()
                return .line(line)
            }
            searchFrom = buffer.count
            if reachedEnd || !fill() {
                reachedEnd = true
                guard start < buffer.count else { return .endOfInput }
                var end = buffer.count
                if buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = buffer.count
                compact()
                return .line(line)
            }
        }
    }

    /// Reads more bytes into the buffer; false at end of input or on an error.
    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { bytes in
            SystemCall.retryingOnInterrupt { read(fd, bytes.baseAddress, bytes.count) }
        }
        guard n > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<n])
        return true
    }

    private func compact() {
        if start > 0 && (start >= buffer.count || start > 65536) {
            buffer.removeFirst(start)
            start = 0
        }
    }
}
