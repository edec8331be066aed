import CasebookCore
import CasebookStore
import Foundation

/// Writes an export's files. The store is never written to.
enum ExportFiles {
    /// A folder of pages (HTML, Markdown), made ready before the first page is rendered so that
    /// each page is written as soon as it is rendered, on the core that rendered it: 10,000 pages
    /// are never all held in memory at once.
    struct Folder: Sendable {
        /// The folder's path, as given.
        let path: String

        /// A page that could not be written: its path and the system's words for why.
        struct Failure: Sendable {
            let path: String
            let reason: String
        }

        /// Writes `text` as the file `name` in the folder; the failure, if any.
        ///
        /// A page already there is overwritten in place, not truncated first and not replaced by
        /// a temporary file renamed over it. A new inode per page per run (a rename), or a
        /// truncation to zero (which makes ext4 give the old blocks back, discard them, and write
        /// the file out on close, its guard for files rewritten by truncation) each cost more than
        /// rendering the page: 10,000 pages took 0.6 s to write that way against 0.06 s for
        /// overwriting. Only a page that got shorter is cut to its new length afterwards. A folder
        /// of pages is published as a whole, after the export, so no reader needs each page to
        /// change in one step; a single file (PDF, CSV) is still replaced atomically.
        func write(_ name: String, _ text: String) -> Failure? {
            let target = path + "/" + name
            let descriptor = open(target, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { return Failure(path: target, reason: String(cString: strerror(errno))) }
            defer { close(descriptor) }
            do throws(Errno) {
                try SystemCall.writeAll(descriptor, text)
            } catch {
                return Failure(path: target, reason: String(cString: strerror(error.code)))
            }
            var info = stat()
            guard fstat(descriptor, &info) == 0 else { return Failure(path: target, reason: String(cString: strerror(errno))) }
            let length = off_t(text.utf8.count)
            if info.st_size > length, SystemCall.retryingOnInterrupt({ ftruncate(descriptor, length) }) != 0 {
                return Failure(path: target, reason: String(cString: strerror(errno)))
            }
            return nil
        }

        /// Throws the first of `failures`, if any.
        func check(_ failures: [Failure?], in session: Session) throws {
            if let failure = failures.lazy.compactMap({ $0 }).first {
                throw CommandFailure(ExportMessage.writeFailed(path: failure.path, reason: failure.reason), in: session)
            }
        }
    }

    /// The folder `path`, created if missing; files already there that the export does not name
    /// are left alone.
    static func folder(_ path: String, in session: Session) throws -> Folder {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
            throw CommandFailure(ExportMessage.outputInTheWay(path: path, needsFolder: true), in: session)
        }
        do throws(SystemError) {
            try FileSystem.makeDirectory(path)
        } catch {
            throw CommandFailure(ExportMessage.writeFailed(path: path, reason: error.reason), in: session)
        }
        return Folder(path: path)
    }

    /// Writes one file.
    static func writeFile(_ path: String, bytes: [UInt8], in session: Session) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw CommandFailure(ExportMessage.outputInTheWay(path: path, needsFolder: false), in: session)
        }
        // The one atomic writer, not durable (an export can be made again), a new file 0644.
        let (directory, name) = directoryAndName(of: path)
        do throws(SystemError) {
            try FileSystem.replaceAtomically(directory: directory, name: name, with: bytes, newFileMode: 0o644, durable: false)
        } catch {
            throw CommandFailure(ExportMessage.writeFailed(path: path, reason: error.reason), in: session)
        }
    }

    /// The folder an output path is in (`.` for a bare name) and its name in that folder.
    static func directoryAndName(of path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        return (slash == path.startIndex ? "/" : String(path[..<slash]), String(path[path.index(after: slash)...]))
    }
}
