import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A folder in the system's temporary directory for one run of a program casebook starts
/// (Chromium's profile, the layout probe's page). Its name carries casebook's process id, so
/// that one left behind by a casebook that was killed is known for abandoned and removed the
/// next time such a folder is made: a killed `export pdf` would otherwise leave megabytes in
/// /tmp each time.
public enum ScratchFolder {
    /// A new, empty folder `casebook-PURPOSE-PID-…`, after removing those of processes that are gone.
    public static func make(_ purpose: String) -> URL {
        let directory = FileManager.default.temporaryDirectory
        let prefix = "casebook-\(purpose)-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = pid_t(name.dropFirst(prefix.count).prefix { $0 != "-" }), isGone(pid) else { continue }
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
        let folder = directory.appendingPathComponent(prefix + "\(getpid())-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Whether the process `pid` (named in what it left: a folder, a `.tmp-PID` file) is gone, so
    /// that what it left is abandoned. Never this process, nor one that still runs.
    public static func isGone(_ pid: pid_t) -> Bool {
        pid > 0 && pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
    }
}
