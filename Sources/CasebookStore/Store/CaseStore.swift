import CasebookCore

/// A store directory: one `<id>.json` per case (SPEC §2).
///
/// Reading is lenient about which files it can use and strict about each file:
/// a file that cannot be read is reported by name and never rewritten, and
/// every other case still loads.
public final class CaseStore {
    /// The directory's absolute path.
    public let path: String
    /// The cases that loaded, by id.
    public private(set) var cases: [CaseID: StoredCase] = [:]
    /// The files that did not load, and why.
    public private(set) var problems: [StoreProblem] = []

    /// Why a store could not be opened.
    public enum OpenError: Error, Sendable, Equatable {
        /// The directory does not exist.
        case missing(String)
        /// The directory could not be listed.
        case system(SystemError)
    }

    /// Opens the store at `path`, sweeps temporary files a crash left, and loads every case.
    public init(path: String) throws(OpenError) {
        let absolute = FileSystem.absolutePath(path)
        self.path = absolute.count > 1 && absolute.hasSuffix("/") ? String(absolute.dropLast()) : absolute
        guard FileSystem.isDirectory(self.path) else { throw .missing(self.path) }
        do {
            try reloadAll()
        } catch {
            throw .system(error)
        }
    }

    /// The ids in store order (sorted by id, so that every listing is stable).
    public var ids: [CaseID] { cases.keys.sorted() }

    /// The cases in store order.
    public var orderedCases: [StoredCase] { ids.map { cases[$0]! } }

    /// The file path of a case.
    public func filePath(of id: CaseID) -> String { path + "/" + id.fileName }

    /// Whether `name` is a temporary file of an interrupted save.
    static func isTemporaryName(_ name: String) -> Bool {
        name.hasPrefix(".") && name.contains(".json.tmp-")
    }

    /// Reads every case again from disk.
    public func reloadAll() throws(SystemError) {
        var loaded: [CaseID: StoredCase] = [:]
        var found: [StoreProblem] = []
        for name in try FileSystem.listDirectory(path) {
            if Self.isTemporaryName(name) {
                try? FileSystem.removeFile(path + "/" + name)
                continue
            }
            guard name.hasSuffix(".json"), !name.hasPrefix(".") else { continue }
            guard let id = CaseID(String(name.dropLast(5))) else {
                found.append(StoreProblem(fileName: name, reason: .badFileName))
                continue
            }
            switch Self.read(path + "/" + name, id: id) {
            case .success(let stored): loaded[id] = stored
            case .failure(let problem): found.append(problem)
            }
        }
        cases = loaded
        problems = found.sorted { $0.fileName < $1.fileName }
    }

    /// Reads one file as a case.
    static func read(_ filePath: String, id: CaseID) -> Result<StoredCase, StoreProblem> {
        let name = id.fileName
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readFile(filePath)
        } catch {
            return .failure(StoreProblem(fileName: name, reason: .unreadable(error)))
        }
        return decode(bytes, id: id)
    }

    /// Decodes a file's bytes as a case.
    static func decode(_ bytes: [UInt8], id: CaseID) -> Result<StoredCase, StoreProblem> {
        let name = id.fileName
        if hasConflictMarkers(bytes) { return .failure(StoreProblem(fileName: name, reason: .conflicted)) }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            return .failure(StoreProblem(fileName: name, reason: .notUTF8))
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            return .failure(StoreProblem(fileName: name, reason: .badJSON(error)))
        }
        do {
            let sheet = try SheetCodec.decode(document)
            let schema = SheetCodec.schemaVersion(of: document) ?? SheetCodec.schemaVersion
            return .success(StoredCase(id: id, sheet: sheet, bytesOnDisk: bytes, schemaVersion: schema))
        } catch {
            return .failure(StoreProblem(fileName: name, reason: .wrongTypes(error)))
        }
    }

    /// Whether a line of the file starts with a git conflict marker.
    static func hasConflictMarkers(_ bytes: [UInt8]) -> Bool {
        let markers: [[UInt8]] = [Array("<<<<<<< ".utf8), Array(">>>>>>> ".utf8), Array("<<<<<<<\n".utf8)]
        var lineStart = 0
        while lineStart < bytes.count {
            if bytes[lineStart] == UInt8(ascii: "<") || bytes[lineStart] == UInt8(ascii: ">") {
                for marker in markers where bytes.count - lineStart >= marker.count
                    && bytes[lineStart..<(lineStart + marker.count)].elementsEqual(marker) {
                    return true
                }
            }
            guard let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            lineStart = newline + 1
        }
        return false
    }

    /// Reads one case again from disk (after a refused save, to take the outside change).
    @discardableResult
    public func reload(_ id: CaseID) -> Result<StoredCase, StoreProblem>? {
        let filePath = filePath(of: id)
        guard FileSystem.exists(filePath) else {
            cases[id] = nil
            return nil
        }
        let result = Self.read(filePath, id: id)
        problems.removeAll { $0.fileName == id.fileName }
        switch result {
        case .success(let stored): cases[id] = stored
        case .failure(let problem):
            cases[id] = nil
            problems.append(problem)
        }
        return result
    }

    /// Resolves a reference (id, id prefix, part of a title).
    public func resolve(_ reference: String) -> CaseResolution {
        CaseReference.resolve(reference, among: orderedCases.map { ($0.id, $0.sheet.title) })
    }

    /// Saves `sheet` as case `id`, writing only that file.
    ///
    /// Refused, with nothing written, when the file changed on disk since it was
    /// read (compared by content) unless `force`, and when a newer casebook wrote it.
    /// Saving a sheet that did not change writes nothing.
    public func save(_ sheet: CaseSheet, as id: CaseID, force: Bool = false) throws(SaveError) {
        guard let stored = cases[id] else { throw .noSuchCase(id) }
        if stored.isReadOnly { throw .readOnly(id, schema: stored.schemaVersion) }
        let bytes = CanonicalJSONWriter.bytes(of: SheetCodec.encode(sheet))
        let current = try? FileSystem.readFile(filePath(of: id))
        if !force, current != stored.bytesOnDisk { throw .changedOnDisk(id) }
        if current == bytes {
            cases[id] = StoredCase(id: id, sheet: sheet, bytesOnDisk: bytes, schemaVersion: SheetCodec.schemaVersion)
            return
        }
        try write(bytes, sheet: sheet, as: id)
    }

    /// Creates case `id` with `sheet`; refused when the id is taken.
    public func create(_ sheet: CaseSheet, as id: CaseID) throws(SaveError) {
        if cases[id] != nil || FileSystem.exists(filePath(of: id)) { throw .alreadyExists(id) }
        try write(CanonicalJSONWriter.bytes(of: SheetCodec.encode(sheet)), sheet: sheet, as: id)
    }

    /// Removes case `id`'s file.
    public func delete(_ id: CaseID) throws(SaveError) {
        guard cases[id] != nil else { throw .noSuchCase(id) }
        do {
            try FileSystem.removeFile(filePath(of: id))
            try FileSystem.syncDirectory(path)
        } catch {
            throw .system(error)
        }
        cases[id] = nil
    }

    private func write(_ bytes: [UInt8], sheet: CaseSheet, as id: CaseID) throws(SaveError) {
        do {
            try FileSystem.replaceAtomically(directory: path, name: id.fileName, with: bytes)
        } catch {
            throw .system(error)
        }
        var saved = sheet
        saved.original = try? JSONParser.parse(bytes)
        cases[id] = StoredCase(id: id, sheet: saved, bytesOnDisk: bytes, schemaVersion: SheetCodec.schemaVersion)
    }
}
