// The index in $XDG_CACHE_HOME must never hide a change made behind casebook's back (issue 5).
import Foundation
import XCTest

final class IndexFreshnessTests: XCTestCase {
    /// Rewrites a case file in place with `old` replaced by `new` (same length in bytes) and puts its
    /// modification time back, as a careless tool might: only the change time and content differ.
    private func rewriteKeepingSizeAndTime(_ url: URL, _ old: String, _ new: String) throws {
        XCTAssertEqual(old.utf8.count, new.utf8.count)
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains(old))
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: Data(text.replacingOccurrences(of: old, with: new).utf8))
        try handle.close()
        try FileManager.default.setAttributes([.modificationDate: attributes[.modificationDate]!], ofItemAtPath: url.path)
    }

    func testListAndFindSeeAChangeTheIndexDidNotMake() throws {
        let fixture = try CommandFixture()
        // Older than the index's racy window, so that the index is trusted on its fingerprints alone.
        Thread.sleep(forTimeInterval: 2.2)
        for round in 0..<2 {
            XCTAssertTrue(try fixture.run(["list"]).out.contains("資源集団回収"), "round \(round)")
            XCTAssertTrue(try fixture.run(["find", "資源集団回収"]).out.contains("shigen-shudan-kaishu\t"), "round \(round)")
        }
        let cache = fixture.root.appendingPathComponent("home/.cache/casebook")
        let indexFiles = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        XCTAssertTrue(indexFiles.contains { $0.hasSuffix(".summary") } && indexFiles.contains { $0.hasSuffix(".text") }, "\(indexFiles)")

        try rewriteKeepingSizeAndTime(fixture.fileURL("shigen-shudan-kaishu"), "資源集団回収", "資源集団収集")
        let list = try fixture.run(["list"])
        XCTAssertTrue(list.out.contains("資源集団収集"), list.out)
        XCTAssertFalse(list.out.contains("資源集団回収"), list.out)
        let stale = try fixture.run(["find", "資源集団回収"])
        XCTAssertFalse(stale.out.contains("shigen-shudan-kaishu\t"), stale.out)
        let fresh = try fixture.run(["find", "資源集団収集"])
        XCTAssertTrue(fresh.out.contains("shigen-shudan-kaishu\t資源集団収集\t事業名\t[[資源集団収集]]"), fresh.out)

        // A file removed and one added are seen too.
        try FileManager.default.removeItem(at: fixture.fileURL("shigen-shudan-kaishu"))
        try FileManager.default.copyItem(at: fixture.fileURL("komyuniti-koza"), to: fixture.fileURL("komyuniti-koza-2"))
        let after = try fixture.run(["list"])
        XCTAssertFalse(after.out.contains("shigen-shudan-kaishu"), after.out)
        XCTAssertTrue(after.out.contains("komyuniti-koza-2"), after.out)
        XCTAssertEqual(try fixture.run(["find", "資源集団収集"]).status, 1)
    }
}
