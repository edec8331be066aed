import Testing
@testable import CasebookCore

struct TableLayoutTests {
    static let rows = [
        ["id", "事業名", "形態", "状態"],
        ["obihiro-01", "資源集団回収", "", "下書き"],
        ["c-2", "NPO", "共催", ""],
    ]

    /// Columns line up by display width; empty trailing cells leave no trailing spaces.
    static let expected = [
        "id          事業名        形態  状態",
        "obihiro-01  資源集団回収        下書き",
        "c-2         NPO           共催",
    ]

    @Test func alignsByDisplayWidth() {
        #expect(TableLayout.render(Self.rows) == Self.expected)
    }

    @Test func oneTextIsTheSameLinesEachEndedByANewline() {
        #expect(TableLayout.renderText(Self.rows) == Self.expected.map { $0 + "\n" }.joined())
        #expect(TableLayout.renderText([]) == "")
    }

    @Test func shortRowsArePaddedOnlyUpToTheirLastCell() {
        #expect(TableLayout.render([["a", "b", "c"], ["long", "x"]]) == ["a     b  c", "long  x"])
    }
}
