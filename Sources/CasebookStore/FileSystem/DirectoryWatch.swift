#if canImport(Glibc)
import Glibc
#endif

/// Whether anything in a directory has changed since it was last asked, as the kernel tells it
/// (inotify): the shell's Tab asks this instead of looking at every file of the store, which at
/// 100,000 cases takes some 170 ms, far over a Tab's 20.
///
/// Any event counts: a file made, removed, renamed, written or touched, the directory itself moved
/// or removed, or events lost (the queue overflowed). Changes the kernel does not see (another
/// machine writing to a network file system) are not told; only completion relies on it, and every
/// command still looks at every file first.
public final class DirectoryWatch {
    private let fd: Int32

    /// Watches the directory at `path`; `nil` when the kernel will not (no inotify, or the limit of
    /// watches reached), and the caller then looks at the files as it did before.
    public init?(path: String) {
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        let events = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_ATTRIB | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE
                            | IN_DELETE_SELF | IN_MOVE_SELF)
        guard inotify_add_watch(fd, path, events) >= 0 else {
            close(fd)
            return nil
        }
    }

    deinit {
        close(fd)
    }

    /// Whether anything changed since the last call (or since the watch began); takes every event
    /// waiting, so the next call tells only of what happens after this one.
    public func takeChanges() -> Bool {
        var changed = false
        var buffer = [UInt8](repeating: 0, count: 16 << 10)
        while true {
            let got = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if got > 0 {
                changed = true
                continue
            }
            if got < 0 && SystemCall.isInterruption(errno) { continue }
            // EAGAIN: nothing more waits. Anything else is taken as a change, to be looked at.
            return changed || !(got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        }
    }
}
