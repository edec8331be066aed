import Dispatch
import Foundation

/// A value worked out on another thread while the caller goes on: the index read beside the
/// directory scan, `find`'s search of the text file, the shell's completion vocabulary and its
/// look at the store after the first prompt.
public final class Background<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the worker before `done` is signalled, read only after waiting for it.
    private var value: Value?

    /// Starts `work` on a thread of its own.
    ///
    /// Not on GCD's global queue: its threads are as many as the cores, and work that waits there
    /// for other work queued behind it waits for ever (the shell's look at its store, waited for
    /// by another Background, waits for the index read on two cores).
    public init(_ work: @escaping @Sendable () -> Value) {
        Thread { [self] in
            value = work()
            done.signal()
        }.start()
    }

    /// Whether the value is worked out yet; never waits.
    public var isReady: Bool {
        guard done.wait(timeout: .now()) == .success else { return false }
        done.signal()
        return true
    }

    /// The value, once worked out (waiting for it if need be); may be asked for more than once.
    public func wait() -> Value {
        done.wait()
        // Signalled again, so that a later wait returns at once.
        done.signal()
        return value!
    }
}
