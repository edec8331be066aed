import CasebookCore
import CasebookStore
import Foundation

/// Writes an export's files: each replaced atomically (a temporary file renamed over it), so a
/// reader never sees half a page. The store is never written to.
enum ExportFiles {
    /// Writes `files` (name, text) into the folder `path`, creating it; files already there that
    /// the export does not name are left alone.
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
            let (name, text) = files[index]
            let target = folder.appendingPathComponent(name)
            do {
                try Data(text.utf8).write(to: target, options: .atomic)
                return nil
            } catch {
                return (target.path, reason(error))
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
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure(ExportMessage.writeFailed(path: path, reason: reason(error)), in: session)
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
