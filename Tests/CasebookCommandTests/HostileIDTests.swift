// Hostile ids given to the real program: refused with the rule, and no file made anywhere.
import Foundation
import Testing

struct HostileIDTests {
    @Test(arguments: ["../x", "-n", "A", "a/b", "..", ".hidden", "x.json", "/tmp/x", "a--b", String(repeating: "a", count: 49)])
    func newRefusesTheIDAndMakesNoFile(id: String) throws {
        let fixture = try CommandFixture()
        let storeBefore = try fixture.snapshot()
        let rootBefore = try FileManager.default.contentsOfDirectory(atPath: fixture.root.path).sorted()
        // Where `/tmp/x` would land: made or touched by this run, not merely there already (another
        // program may have left one).
        func outside() -> Date? { (try? FileManager.default.attributesOfItem(atPath: "/tmp/x.json"))?[.modificationDate] as? Date }
        let outsideBefore = outside()
        // The walk's values follow on standard input, as a script would give them.
        let result = try fixture.run(["new", "--store", fixture.store.path, "--", id], storeOption: false, input: "題名\n\n")
        #expect(result.status != 0, "\(id): \(result.all)")
        #expect(result.err.contains("a-z") || result.err.contains("not a valid id"), "\(id): \(result.err)")
        #expect(try fixture.snapshot() == storeBefore)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.root.path).sorted() == rootBefore)
        #expect(outside() == outsideBefore, "/tmp/x.json made or changed")
    }

    @Test(arguments: [["reload"], ["save", "shigen-shudan-kaishu"], ["open", "shigen-shudan-kaishu"]])
    func shellOnlyCommandsFromTheCommandLineSaySo(arguments: [String]) throws {
        let fixture = try CommandFixture()
        let before = try fixture.snapshot()
        let english = try fixture.run(arguments)
        #expect(english.status == 2, "\(english.all)")
        #expect(english.err.contains("`\(arguments[0])` works only inside the shell"), "\(english.err)")
        let japanese = try fixture.run(arguments, language: "ja_JP.UTF-8")
        #expect(japanese.err.contains("`\(arguments[0])` はシェルの中でのみ使えます"), "\(japanese.err)")
        #expect(try fixture.snapshot() == before)
    }
}
