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
        #expect(String(decoding: TableLayout.renderUTF8(Self.rows), as: UTF8.self) == Self.expected.map { $0 + "\n" }.joined())
        #expect(TableLayout.renderUTF8([]).isEmpty)
    }

    @Test func shortRowsArePaddedOnlyUpToTheirLastCell() {
        #expect(TableLayout.render([["a", "b", "c"], ["long", "x"]]) == ["a     b  c", "long  x"])
    }

    @Test func aRowOfEmptyCellsButTheLastIsPaddedAcrossEveryColumn() {
        // The padding of several empty cells in a row adds up to the whole table's width.
        #expect(TableLayout.render([["資源集団回収", "共催", "x"], ["", "", "y"]]) == ["資源集団回収  共催  x", "                    y"])
    }

    @Test func cellWidthsGivenAreThoseUsed() {
        let widths = Self.rows.map { $0.map(DisplayWidth.of) }
        #expect(TableLayout.renderUTF8(Self.rows, cellWidths: widths) == TableLayout.renderUTF8(Self.rows))
    }
}
