import CasebookCore
import SystemSupport
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
    /// Where a capturing output keeps what was printed, instead of writing it (tests in process).
    private let memory: Captured?
    /// Standard output gathered instead of written, while a pager may take it (see `Pager`).
    private var pagerBuffer: [UInt8]?
    /// The terminal's width when lines and messages are to be wrapped to it (issue 13): set for each
    /// stream that is a terminal; `raw` output (tables and sheets laid out already) is never wrapped.
    public var outputWidth: (() -> Int)?
    public var errorWidth: (() -> Int)?
    /// Whether standard output was found closed by its reader (EPIPE, with SIGPIPE ignored):
    /// nothing more is written to it.
    public private(set) var outputClosed = false
    /// Asked before each block of standard output while set: once it answers true (Ctrl-C in the
    /// shell, `CommandInterruption`), the rest of the command's standard output is dropped.
    public var stopsWhen: (() -> Bool)?
    /// Whether `stopsWhen` stopped standard output; cleared by `resumeAfterInterruption`.
    public private(set) var outputInterrupted = false
    /// Whether nothing more reaches standard output: its reader closed it, or Ctrl-C stopped it.
    /// A command that makes long output stops making it then.
    public var outputStopped: Bool { outputClosed || outputInterrupted }
    /// How much standard output goes out between two looks at `stopsWhen`: a terminal takes a
    /// block in well under a second, so Ctrl-C stops the output at once.
    private static let interruptibleBlock = 16 * 1024

    /// What a capturing output was given: standard output and standard error apart.
    public final class Captured: @unchecked Sendable {
        /// Everything printed on standard output.
        public private(set) var output = ""
        /// Everything printed on standard error.
        public private(set) var error = ""

        fileprivate func append(_ bytes: UnsafeBufferPointer<UInt8>, toError: Bool) {
            let text = String(decoding: bytes, as: UTF8.self)
            if toError { error += text } else { output += text }
        }
    }

    /// Output to the process's standard output and error.
    public init(output: Int32 = 1, error: Int32 = 2) {
        outputDescriptor = output
        errorDescriptor = error
        memory = nil
    }

    /// Output kept in `captured`, for commands run in process by tests.
    public init(capturingInto captured: Captured) {
        // Only told apart, never written to.
        outputDescriptor = 1
        errorDescriptor = 2
        memory = captured
    }

    /// Prints `text` and a newline on standard output.
    public func line(_ text: String = "") {
        write(Self.fitted(text, to: outputWidth?()) + "\n", to: outputDescriptor)
    }

    /// Prints `text` as it is on standard output.
    public func raw(_ text: String) {
        write(text, to: outputDescriptor)
    }

    /// Prints UTF-8 text as it is on standard output: a large block made as bytes, not copied again.
    public func raw(utf8 bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write($0, to: outputDescriptor) }
    }

    /// Prints `text` and a newline on standard error.
    public func error(_ text: String) {
        write(Self.fitted(text, to: errorWidth?()) + "\n", to: errorDescriptor)
    }

    /// `text` with each line wrapped to `width` by display width (continuations under the line's own
    /// indentation), with the line-breaking rules of `show`; as it is when `width` is `nil`.
    static func fitted(_ text: String, to width: Int?) -> String {
        guard let width else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            HangingWrap.wrap(String(line), width: width, hang: line.prefix { $0 == " " }.count)
        }.joined(separator: "\n")
    }

    /// Whether standard output was stopped by `stopsWhen`; it is written again from now on.
    public func resumeAfterInterruption() -> Bool {
        defer { outputInterrupted = false }
        return outputInterrupted
    }

    /// Gathers standard output from now on instead of writing it.
    public func startCapture() {
        pagerBuffer = []
    }

    /// Stops gathering; returns what was gathered.
    public func endCapture() -> [UInt8] {
        defer { pagerBuffer = nil }
        return pagerBuffer ?? []
    }

    private func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { write($0, to: descriptor) }
    }

    private func write(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) {
        if descriptor == outputDescriptor, let stopsWhen {
            var start = 0
            repeat {
                if outputInterrupted || stopsWhen() {
                    outputInterrupted = true
                    return
                }
                let end = min(bytes.count, start + Self.interruptibleBlock)
                writeWhole(UnsafeBufferPointer(rebasing: bytes[start..<end]), to: descriptor)
                start = end
            } while start < bytes.count
            return
        }
        writeWhole(bytes, to: descriptor)
    }

    private func writeWhole(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) {
        if descriptor == outputDescriptor, pagerBuffer != nil {
            pagerBuffer!.append(contentsOf: bytes)
            return
        }
        if let memory { return memory.append(bytes, toError: descriptor == errorDescriptor) }
        // A closed or full output loses the rest; there is nowhere left to say so.
        if descriptor == outputDescriptor && outputClosed { return }
        do throws(Errno) {
            try SystemCall.writeAll(descriptor, UnsafeRawBufferPointer(bytes))
        } catch {
            if descriptor == outputDescriptor && error.code == EPIPE { outputClosed = true }
        }
    }
}
