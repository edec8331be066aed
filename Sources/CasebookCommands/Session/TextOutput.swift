#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where commands print: standard output and standard error, written whole and unbuffered
/// so that output and prompts interleave as they happen.
public final class TextOutput: @unchecked Sendable {
    private let outputDescriptor: Int32
    private let errorDescriptor: Int32

    /// Output to the process's standard output and error.
    public init(output: Int32 = 1, error: Int32 = 2) {
        outputDescriptor = output
        errorDescriptor = error
    }

    /// Prints `text` and a newline on standard output.
    public func line(_ text: String = "") {
        write(text + "\n", to: outputDescriptor)
    }

    /// Prints `text` as it is on standard output.
    public func raw(_ text: String) {
        write(text, to: outputDescriptor)
    }

    /// Prints `text` and a newline on standard error.
    public func error(_ text: String) {
        write(text + "\n", to: errorDescriptor)
    }

    private func write(_ text: String, to descriptor: Int32) {
        let bytes = Array(text.utf8)
        let total = bytes.count
        var offset = 0
        while offset < total {
            let start = offset
            let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + start, total - start) }
            if count < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += count
        }
    }
}
