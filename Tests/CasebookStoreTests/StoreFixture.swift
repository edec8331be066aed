import CasebookCore
import Foundation
@testable import CasebookTestSupport
@testable import CasebookStore

/// A temporary store directory, removed when the test ends.
final class StoreFixture {
    let path: String

    /// Where the stores of these tests keep their index: a temporary directory, not the user's cache.
    static let cacheDirectory: String = {
        let directory = NSTemporaryDirectory() + "casebook-test-cache-" + UUID().uuidString
        setenv("XDG_CACHE_HOME", directory, 1)
        return directory
    }()

    init(seedCases: Int = 0) throws {
        _ = Self.cacheDirectory
        path = NSTemporaryDirectory() + "casebook-store-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Store")
        let files = try FileManager.default.contentsOfDirectory(atPath: seed.path).filter { $0.hasSuffix(".json") }.sorted()
        for name in files.prefix(seedCases) {
            try FileManager.default.copyItem(atPath: seed.appendingPathComponent(name).path, toPath: path + "/" + name)
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func write(_ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path + "/" + name))
    }

    func read(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path + "/" + name)))
    }

    func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    /// The built casebook, beside the test bundle.
    static var casebookBinary: String { BuiltProgram.casebook }
}
