// Plain errors (issue 13, item 7): `casebook CMD` through pipes.
import Foundation
@testable import CasebookTestSupport
import Testing

@Suite("Plain errors")
struct PlainErrorTests {
    /// The fixture's store committed in a git repository around it.
    func committed(_ fixture: CommandFixture) throws {
        let environment = fixture.environment(language: "C.UTF-8").merging([
            "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.invalid",
            "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.invalid",
        ]) { _, new in new }
        for arguments in [["init", "-q"], ["add", "--", "Store"], ["commit", "-q", "-m", "seed"]] {
            let result = try BuiltProgram.run("/usr/bin/env", ["git"] + arguments, environment: environment, in: fixture.root)
            #expect(result.status == 0, "git \(arguments): \(result.err)")
        }
    }

    @Test("log with an ambiguous case lists the candidates and fails; an unknown case fails; a known one lists its commits")
    func logReferences() throws {
        let fixture = try CommandFixture()
        try committed(fixture)
        let ambiguous = try fixture.run(["log", "obihiro"])
        #expect(ambiguous.status == 1, "\(ambiguous.all)")
        #expect(ambiguous.err.contains("obihiro-no-mori-zukuri-kyogikai") && ambiguous.err.contains("obihiro-shi-wakaba-kai"), "\(ambiguous.err)")
        let unknown = try fixture.run(["log", "no-such-case"])
        #expect(unknown.status == 1, "\(unknown.all)")
        #expect(unknown.err.contains("no-such-case"))
        #expect(unknown.out.isEmpty)
        let known = try fixture.run(["log", "shigen"])
        #expect(known.status == 0, "\(known.all)")
        #expect(known.out.contains("seed"))
    }

    @Test("set CASE FIELD without a value is a usage error (exit 2) and changes nothing")
    func setWithoutValue() throws {
        let fixture = try CommandFixture()
        let before = try fixture.snapshot()
        let result = try fixture.run(["set", "shigen-shudan-kaishu", "title"])
        #expect(result.status == 2, "\(result.all)")
        #expect(result.err.contains("VALUE"))
        #expect(try fixture.snapshot() == before)
        // The open-case form `set FIELD VALUE` is still two words.
        let piped = try fixture.run([], input: "open shigen\nset form 共催\nquit\n")
        #expect(piped.status == 0, "\(piped.all)")
    }

    @Test("--store inside the shell is refused, not ignored")
    func storeInsideShell() throws {
        let fixture = try CommandFixture()
        let result = try fixture.run([], input: "list --store /tmp\nquit\n")
        #expect(result.status == 1)
        #expect(result.err.contains("--store"))
        #expect(!result.out.contains("shigen-shudan-kaishu"))
    }
}
