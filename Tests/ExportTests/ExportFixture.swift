// ExportFixture: the seed cases, a hostile case, and a temporary world to run the built
// `casebook export` in (a copy of Store/, its own HOME).
import CasebookCore
import CasebookExport
import CasebookStore
import Foundation
@testable import CasebookTestSupport

enum Seed {
    /// The 27 seed cases, as the store reads them.
    static let cases: [ExportedCase] = {
        let store = try! CaseStore(path: BuiltProgram.repositoryRoot.appendingPathComponent("Store").path)
        return store.orderedCases.map { ExportedCase(id: $0.id, sheet: $0.sheet) }
    }()

    /// Where golden files live.
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Set CASEBOOK_UPDATE_GOLDEN=1 to write the golden files instead of comparing (then read them).
    static let updatingGolden = ProcessInfo.processInfo.environment["CASEBOOK_UPDATE_GOLDEN"] == "1"
}

/// A case written by someone who wants the export to run their markup: every text holds
/// markup, an entity, quotes, a right-to-left override and an escape sequence.
enum Hostile {
    static let id = CaseID("hostile")!
    static let title = "\"><script>alert(1)</script>"
    static let text = "本文 <b onmouseover=\"x()\">太字</b> &copy; 'quote' \u{202E}逆順\u{202C} \u{1B}[31m赤\u{1B}[0m"

    static var sheet: CaseSheet {
        var sheet = CaseSheet()
        sheet.title = title
        sheet.departments = ["<img src=x onerror=alert(2)>課"]
        sheet.partners = ["&copy; 相手"]
        sheet.form = "\"共催\""
        sheet.started = EraYear(era: .heisei, year: 1)
        sheet.domain = "対等に役割を分担"
        sheet.overview = [text, "</p><script>alert(3)</script>"]
        sheet.origin = [text]
        sheet.roles = .init(city: ["<script>city()</script>"], partner: [text])
        sheet.strengths = .init(city: [text], partner: ["]]><!--"])
        sheet.results = [text]
        sheet.points = [text]
        sheet.diagram = Diagram(actors: ["<市>", "\"相手\" & 'co'"],
                                flows: [.init(from: "<市>", to: "\"相手\" & 'co'", label: "</text><script>alert(4)</script>")],
                                notes: [text])
        return sheet
    }

    static var exported: ExportedCase { ExportedCase(id: id, sheet: sheet) }

    /// The case file's bytes, canonical as the store writes them.
    static var fileBytes: [UInt8] { CanonicalJSONWriter.bytes(of: SheetCodec.encode(sheet)) }
}

/// A temporary directory with a copy of the seed store, a home, and the built program.
final class ExportWorld: Sendable {
    let root: URL
    let store: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("casebook-export-\(UUID().uuidString)")
        store = root.appendingPathComponent("Store")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("home"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: BuiltProgram.repositoryRoot.appendingPathComponent("Store"), to: store)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// The environment a run gets: a PATH (the system's unless given), its own HOME, a language.
    func environment(language: String = "C.UTF-8", path: String? = nil) -> [String: String] {
        ["PATH": path ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
         "HOME": root.appendingPathComponent("home").path,
         "XDG_CACHE_HOME": root.appendingPathComponent("cache").path,
         "LANG": language, "TERM": "dumb"]
    }

    /// `casebook ARGUMENTS --store STORE` in the world's root, started and left running, its output
    /// thrown away: for a test that stops it, or runs another beside it.
    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltProgram.casebook)
        process.arguments = arguments + ["--store", store.path]
        process.environment = environment()
        process.currentDirectoryURL = root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// `casebook ARGUMENTS --store STORE` in the world's root, through pipes.
    func run(_ arguments: [String], language: String = "C.UTF-8", path: String? = nil) throws -> ProgramResult {
        try BuiltProgram.run(BuiltProgram.casebook, arguments + ["--store", store.path],
                             environment: environment(language: language, path: path), in: root)
    }

    /// Adds a case file to the store.
    func add(_ id: String, bytes: [UInt8]) throws {
        try Data(bytes).write(to: store.appendingPathComponent("\(id).json"))
    }

    /// A file the export wrote, relative to the root.
    func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// Every file under the root but the store, with its bytes: to show that nothing was written.
    func writtenFiles() throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root.path)!
        for case let relative as String in enumerator where !relative.hasPrefix("Store") && !relative.hasPrefix("home") && !relative.hasPrefix("cache") {
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: url(relative).path, isDirectory: &isFolder)
            if !isFolder.boolValue { files[relative] = try Data(contentsOf: url(relative)) }
        }
        return files
    }
}
