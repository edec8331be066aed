import Dispatch

/// A value worked out on another thread while the caller goes on: the index read beside the
/// directory scan, `find`'s search of the text file, the shell's completion vocabulary.
public final class Background<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the worker before `done` is signalled, read only after waiting for it.
    private var value: Value?

    /// Starts `work` on another thread.
    public init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async { [self] in
            value = work()
            done.signal()
        }
    }

    /// The value, once worked out (waiting for it if need be); may be asked for more than once.
    public func wait() -> Value {
        done.wait()
        // Signalled again, so that a later wait returns at once.
        done.signal()
        return value!
    }
}
