// CommandFixture: runs the built `casebook COMMAND …` once, through pipes, on a temporary copy of Store/.
import CasebookCore
import Foundation
@testable import CasebookTestSupport
import XCTest

final class CommandFixture {
    static let repositoryRoot = BuiltProgram.repositoryRoot

    /// The built `casebook`, found beside the test bundle.
    static let executable = BuiltProgram.casebook

    typealias Result = ProgramResult

    let root: URL
    let store: URL

    init() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("casebook-cmd-\(UUID().uuidString)")
        self.root = root
        store = root.appendingPathComponent("Store")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("home"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.repositoryRoot.appendingPathComponent("Store"), to: store)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func environment(language: String) -> [String: String] {
        ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
         "HOME": root.appendingPathComponent("home").path,
         "XDG_STATE_HOME": root.appendingPathComponent("state").path,
         "LANG": language, "TERM": "dumb", "GIT_CONFIG_NOSYSTEM": "1"]
    }

    /// `casebook ARGS --store STORE` (unless `storeOption` is false), standard input empty.
    func run(_ arguments: [String], storeOption: Bool = true, language: String = "C.UTF-8",
             extra: [String: String] = [:], input: String = "") throws -> Result {
        try BuiltProgram.run(Self.executable, arguments + (storeOption ? ["--store", store.path] : []),
                             environment: environment(language: language).merging(extra) { _, new in new },
                             in: root, input: input)
    }

    func fileURL(_ id: String) -> URL { store.appendingPathComponent("\(id).json") }
    func bytes(_ id: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: fileURL(id))) }

    /// Every file in the store and its bytes: to prove that nothing changed.
    func snapshot() throws -> [String: [UInt8]] {
        var all: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: store.path) {
            all[name] = [UInt8](try Data(contentsOf: store.appendingPathComponent(name)))
        }
        return all
    }

    /// The case parsed; fails when the file is not canonical.
    func sheet(_ id: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let data = try bytes(id)
        XCTAssertEqual(CanonicalJSONWriter.bytes(of: try JSONParser.parse(data)), data, "\(id).json is not canonical", file: file, line: line)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(data)) as? [String: Any], file: file, line: line)
    }

    /// Writes a case file from a seed case with `changes` applied, canonical, keys in the seed's order.
    func writeCase(_ id: String, from seed: String, _ changes: [String: Any]) throws {
        var members = try JSONParser.parse(bytes(seed)).objectMembers!
        var object = try JSONSerialization.jsonObject(with: Data(bytes(seed))) as! [String: Any]
        object.merge(changes) { _, new in new }
        let parsed = try JSONParser.parse([UInt8](try JSONSerialization.data(withJSONObject: object)))
        for index in members.indices { members[index].value = parsed[members[index].key]! }
        try Data(CanonicalJSONWriter.bytes(of: .object(members))).write(to: fileURL(id))
    }
}
