import Foundation

/// Paths the tests read: the package root, the seed store, the golden files.
enum TestPaths {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let store = packageRoot.appendingPathComponent("Store")
    static let golden = packageRoot.appendingPathComponent("Tests/CasebookCoreTests/Golden")

    static func seedFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: store, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
