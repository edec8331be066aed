import CasebookCore
import CasebookStore
import Foundation

/// Writes an export's files. The store is never written to.
enum ExportFiles {
    /// Writes `files` (name, text) into the folder `path`, creating it; files already there that
    /// the export does not name are left alone.
    ///
    /// Each page is rewritten in place rather than through a temporary file renamed over it: an
    /// export of 10,000 cases would otherwise make 10,000 new inodes on every run, which on a busy
    /// ext4 costs more than rendering the pages. A folder of pages is published as a whole, after
    /// the export, so no reader needs each page to change in one step; a single file (PDF, CSV)
    /// is still replaced atomically.
    static func writeFolder(_ path: String, files: [(String, String)], in session: Session) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
            throw CommandFailure(ExportMessage.outputInTheWay(path: path, needsFolder: true), in: session)
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure(ExportMessage.writeFailed(path: path, reason: reason(error)), in: session)
        }
        let folder = URL(fileURLWithPath: path)
        let failures = Parallel.map(files.count) { index -> (String, String)? in
            let name = files[index].0
            let text = files[index].1
            let target = folder.appendingPathComponent(name).path
            let descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { return (target, String(cString: strerror(errno))) }
            defer { close(descriptor) }
            do throws(Errno) {
                try SystemCall.writeAll(descriptor, text)
                return nil
            } catch {
                return (target, String(cString: strerror(error.code)))
            }
        }
        if let (failedPath, why) = failures.compactMap({ $0 }).first {
            throw CommandFailure(ExportMessage.writeFailed(path: failedPath, reason: why), in: session)
        }
    }

    /// Writes one file.
    static func writeFile(_ path: String, bytes: [UInt8], in session: Session) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw CommandFailure(ExportMessage.outputInTheWay(path: path, needsFolder: false), in: session)
        }
        // The one atomic writer, not durable (an export can be made again), a new file 0644.
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        do throws(SystemError) {
            try FileSystem.replaceAtomically(directory: directory, name: name, with: bytes, newFileMode: 0o644, durable: false)
        } catch {
            throw CommandFailure(ExportMessage.writeFailed(path: path, reason: error.reason), in: session)
        }
    }

    /// The system's words for a failed write, without Foundation's wrapping.
    static func reason(_ error: Error) -> String {
        let error = error as NSError
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return error.localizedDescription
    }
}
