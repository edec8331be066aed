// A reader that stops early (`casebook find … | head`) while casebook still writes its index beside
// the output: the index must be written whole, no temporary file left, and casebook must still end
// as a program whose reader went away does (SIGPIPE, status 141 in the shell).
import Foundation
@testable import CasebookTestSupport
import XCTest

final class ClosedPipeTests: XCTestCase {
    /// Copies every seed case `count` times over (`c1-…`, `c2-…`), for a store large enough that
    /// the output fills a pipe many times.
    private func addCopies(_ count: Int, in fixture: CommandFixture) throws {
        let seeds = try FileManager.default.contentsOfDirectory(atPath: fixture.store.path).filter { $0.hasSuffix(".json") }
        for copy in 1...count {
            for seed in seeds {
                try FileManager.default.copyItem(at: fixture.store.appendingPathComponent(seed),
                                                 to: fixture.store.appendingPathComponent("c\(copy)-" + seed))
            }
        }
    }

    /// `casebook ARGUMENTS` into a pipe whose reader takes `bytesRead` bytes and leaves; its
    /// standard output is casebook's exit status as the shell saw it.
    private func runClosingEarly(_ arguments: [String], bytesRead: Int, in fixture: CommandFixture) throws -> ProgramResult {
        let script = "\"$0\" \"$@\" | head -c \(bytesRead) >/dev/null; echo \"${PIPESTATUS[0]}\""
        return try BuiltProgram.run("/bin/bash", ["-c", script, CommandFixture.executable] + arguments + ["--store", fixture.store.path],
                                    environment: fixture.environment(language: "C.UTF-8"), in: fixture.root, input: "")
    }

    func testFindIntoAPipeClosedEarlyStillWritesTheWholeIndex() throws {
        let fixture = try CommandFixture()
        // Enough cases that the index takes a while to write and the output fills the pipe many times.
        try addCopies(60, in: fixture)
        let closed = try runClosingEarly(["find", "市"], bytesRead: 10, in: fixture)
        XCTAssertEqual(closed.out.trimmingCharacters(in: .whitespacesAndNewlines), "141", closed.err)

        let cache = fixture.root.appendingPathComponent("home/.cache/casebook")
        let names = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        XCTAssertFalse(names.contains { $0.contains(".tmp-") }, "\(names)")
        let text = try XCTUnwrap(names.first { $0.hasSuffix(".text") }, "\(names)")
        // Every case's record is in it (one record separator each).
        let listed = try fixture.run(["list"]).out.split(separator: "\n").count - 1
        XCTAssertGreaterThan(listed, 1500)
        let bytes = try Data(contentsOf: cache.appendingPathComponent(text))
        XCTAssertEqual(bytes.reduce(0) { $0 + ($1 == 0x1E ? 1 : 0) }, listed)
        // And the next find, read from it, finds what a find with no index finds.
        let fromIndex = try fixture.run(["find", "市"])
        let fresh = try fixture.run(["find", "市"], extra: ["HOME": fixture.root.appendingPathComponent("other-home").path])
        XCTAssertEqual(fromIndex.status, 0)
        XCTAssertEqual(fromIndex.out, fresh.out)
    }

    func testListIntoAPipeClosedEarlyGoesOnToTheEndAndThenEndsBySIGPIPE() throws {
        // What comes after the output (the report of a file that did not load, on standard error,
        // and the index) still happens when the reader has gone: casebook is not ended at the
        // first write that fails, only once it is done.
        let fixture = try CommandFixture()
        try addCopies(30, in: fixture)
        try Data("{".utf8).write(to: fixture.store.appendingPathComponent("broken.json"))
        let closed = try runClosingEarly(["list"], bytesRead: 1, in: fixture)
        XCTAssertEqual(closed.out.trimmingCharacters(in: .whitespacesAndNewlines), "141", closed.err)
        XCTAssertTrue(closed.err.contains("broken.json"), closed.err)
        let cache = fixture.root.appendingPathComponent("home/.cache/casebook")
        XCTAssertTrue(try FileManager.default.contentsOfDirectory(atPath: cache.path).contains { $0.hasSuffix(".summary") })
    }

    func testAbandonedTemporaryIndexFilesAreSweptAtTheNextWrite() throws {
        let fixture = try CommandFixture()
        let cache = fixture.root.appendingPathComponent("home/.cache/casebook")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        // As a write killed halfway leaves one, last touched an hour ago; and one just made, which
        // a live writer may be about to lock.
        let abandoned = cache.appendingPathComponent(".index-0123456789abcdef01234567.text.tmp-Ab12Cd")
        let fresh = cache.appendingPathComponent(".index-0123456789abcdef01234567.summary.tmp-Ef34Gh")
        try Data(repeating: 0x41, count: 1000).write(to: abandoned)
        try Data(repeating: 0x41, count: 1000).write(to: fresh)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: abandoned.path)
        XCTAssertEqual(try fixture.run(["find", "市"]).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: abandoned.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: fresh.path))
    }
}
