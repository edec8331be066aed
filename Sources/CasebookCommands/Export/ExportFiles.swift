import CasebookCore
import CasebookStore
import Foundation
import SystemSupport

/// Writes an export's files. The store is never written to.
enum ExportFiles {
    /// A folder of pages (HTML, Markdown), made ready before the first page is rendered so that
    /// each page is written as soon as it is rendered, on the core that rendered it: 10,000 pages
    /// are never all held in memory at once.
    struct Folder: Sendable {
        /// The folder's path, as given.
        let path: String

        /// A page that could not be written: its path and the system's words for why, or `nil`
        /// when what stands there is a symbolic link or not a regular file.
        struct Failure: Sendable {
            let path: String
            let reason: String?
        }

        /// Writes `text` as the file `name` in the folder; the failure, if any.
        ///
        /// A page already there with the same bytes is left as it is: exporting again after a few
        /// changes reads the other pages rather than writing them (cheaper than writing, and
        /// nothing is changed that need not be). Any other page, new or changed, is written to a
        /// temporary file and renamed into place in one step, so that a failure — a full disk, a
        /// kill — never leaves a page cut short or empty under its name, and never removes a page
        /// another export put there meanwhile (what a new page created in place and removed on
        /// failure did). A symbolic link or anything else that is not a regular file where a page
        /// goes is refused, never written through.
        func write(_ name: String, _ text: String) -> Failure? {
            let target = path + "/" + name
            func failure(_ code: Int32) -> Failure {
                Failure(path: target, reason: code == ELOOP || code == EINVAL ? nil : String(cString: strerror(code)))
            }
            var text = text
            return text.withUTF8 { bytes in
                let existing = open(target, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
                if existing >= 0 {
                    let same = ExportFiles.holds(existing, exactly: bytes)
                    close(existing)
                    if case .failure(let error) = same { return failure(error.code) }
                    if case .success(true) = same { return nil }
                } else if errno != ENOENT {
                    return failure(errno)
                }
                do throws(SystemError) {
                    try AtomicFile.replace(directory: path, name: name, with: Array(bytes),
                                           options: AtomicFile.Options(mode: .keptOr(0o644), durable: false, refusesSymbolicLink: true))
                    return nil
                } catch {
                    return failure(error.code)
                }
            }
        }

        /// Throws the first of `failures`, if any, saying how many more there were.
        func check(_ failures: [Failure?], in session: Session) throws {
            let failed = failures.compactMap { $0 }
            guard let first = failed.first else { return }
            let reason = first.reason ?? session.text(ExportMessage.notARegularFile)
            if failed.count > 1 {
                throw CommandFailure(ExportMessage.writesFailed(path: first.path, reason: reason, others: failed.count - 1), in: session)
            }
            throw CommandFailure(ExportMessage.writeFailed(path: first.path, reason: reason), in: session)
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
        // The temporary pages of an export killed half-way (`.NAME.tmp-…`), so that none is
        // published; one an export running now still holds is left to it.
        let names = (try? FileSystem.listDirectory(path)) ?? []
        for name in names where name.hasPrefix(".") && name.contains(".tmp-") {
            FileSystem.removeIfAbandoned(path + "/" + name)
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

    /// Whether the open file `descriptor` holds exactly `bytes`; the errno of a failed read, or
    /// EINVAL when it is not a regular file (a FIFO, a device).
    static func holds(_ descriptor: Int32, exactly bytes: UnsafeBufferPointer<UInt8>) -> Result<Bool, Errno> {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(Errno(code: errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(Errno(code: EINVAL)) }
        guard info.st_size == off_t(bytes.count) else { return .success(false) }
        guard !bytes.isEmpty else { return .success(true) }
        // One byte more than the page, so that a file that grew meanwhile is not taken for it.
        var found = [UInt8](repeating: 0, count: bytes.count + 1)
        let read = found.withUnsafeMutableBytes { buffer in
            Result { () throws(Errno) in try SystemCall.read(descriptor, into: buffer) }
        }
        switch read {
        case .failure(let error):
            return .failure(error)
        case .success(let count):
            return .success(count == bytes.count && found.withUnsafeBufferPointer { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 })
        }
    }

    /// The folder an output path is in (`.` for a bare name) and its name in that folder.
    static func directoryAndName(of path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        return (slash == path.startIndex ? "/" : String(path[..<slash]), String(path[path.index(after: slash)...]))
    }
}
