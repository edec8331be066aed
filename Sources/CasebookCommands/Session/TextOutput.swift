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
    /// Where a capturing output keeps what was printed, instead of writing it.
    private let captured: Captured?

    /// What a capturing output was given: standard output and standard error apart.
    public final class Captured: @unchecked Sendable {
        /// Everything printed on standard output.
        public private(set) var output = ""
        /// Everything printed on standard error.
        public private(set) var error = ""

        fileprivate func append(_ text: String, toError: Bool) {
            if toError { error += text } else { output += text }
        }
    }

    /// Output to the process's standard output and error.
    public init(output: Int32 = 1, error: Int32 = 2) {
        outputDescriptor = output
        errorDescriptor = error
        captured = nil
    }

    /// Output kept in `captured`, for commands run in process by tests.
    public init(capturingInto captured: Captured) {
        // Only told apart, never written to.
        outputDescriptor = 1
        errorDescriptor = 2
        self.captured = captured
    }

    /// Prints `text` and a newline on standard output.
    public func line(_ text: String = "") {
        write(text + "\n", to: outputDescriptor)
    }

    /// Prints `text` as it is on standard output.
    public func raw(_ text: String) {
        write(text, to: outputDescriptor)
    }

    /// Prints UTF-8 text as it is on standard output: a large block made as bytes, not copied again.
    public func raw(utf8 bytes: [UInt8]) {
        if let captured { return captured.append(String(decoding: bytes, as: UTF8.self), toError: false) }
        bytes.withUnsafeBufferPointer { write($0, to: outputDescriptor) }
    }

    /// Prints `text` and a newline on standard error.
    public func error(_ text: String) {
        write(text + "\n", to: errorDescriptor)
    }

    private func write(_ text: String, to descriptor: Int32) {
        if let captured { return captured.append(text, toError: descriptor == errorDescriptor) }
        var text = text
        text.withUTF8 { write($0, to: descriptor) }
    }

    private func write(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) {
        guard let base = bytes.baseAddress else { return }
        let total = bytes.count
        var offset = 0
        while offset < total {
            let count = Glibc.write(descriptor, base + offset, total - offset)
            if count < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += count
        }
    }
}
