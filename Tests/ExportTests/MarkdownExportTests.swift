// Markdown: a page per case and an index that read on a forge as the sheet, escaped.
import CasebookCore
@testable import CasebookExport
import Testing

@Suite struct MarkdownExportTests {
    @Test func seedPageReadsAsTheSheet() throws {
        let exported = try #require(Seed.cases.first { $0.id.rawValue == "shigen-shudan-kaishu" })
        let page = MarkdownExport.page(exported)
        #expect(page.hasPrefix("# 資源集団回収\n\n| 項目 | 内容 |\n|---|---|\n| 担当課 | 清掃事業課 |\n"))
        #expect(page.contains("\n## 役割\n\n| 市 | 相手 |\n|---|---|\n| ・実績管理、奨励金支給 | ・資源回収対象品の分別、保管 |\n"))
        #expect(page.contains("\n## 協働のポイント\n\n- □ 新規の実施団体はなかなか増加しない現状にあります。\n"))
        #expect(page.contains("- 町内会等 → 市：奨励金の申請\n"))
        #expect(page.contains("[目次](index.md)"))
    }

    @Test func hostileTextIsEscaped() {
        let page = MarkdownExport.page(Hostile.exported)
        // Every < is escaped, but for the line breaks in table cells that the export writes itself.
        for text in [page.replacingOccurrences(of: "<br>", with: ""), MarkdownExport.index([Hostile.exported])] {
            for index in text.indices where text[index] == "<" {
                #expect(index > text.startIndex && text[text.index(before: index)] == "\\", "an unescaped < in \(text)")
            }
        }
        #expect(!page.contains(" &copy;"))
        #expect(page.contains("\\&copy;"))
        #expect(page.contains("# \"\\>\\<script\\>alert(1)\\</script\\>"))
        #expect(!page.unicodeScalars.contains { $0 == "\u{202E}" || $0 == "\u{1B}" })
        let index = MarkdownExport.index([Hostile.exported])
        #expect(index.contains("[\"\\>\\<script\\>alert(1)\\</script\\>](hostile.md)"))
    }

    @Test func aTabInAValueIsASpaceOnThePageNotACaretI() {
        var sheet = CaseSheet()
        sheet.title = "表から\t貼った題"
        sheet.departments = ["\t部署"]
        let exported = ExportedCase(id: CaseID("tab-case")!, sheet: sheet)
        let page = MarkdownExport.page(exported)
        #expect(page.hasPrefix("# 表から 貼った題\n"), "\(page)")
        #expect(!page.contains("^I") && !page.contains("\t"), "\(page)")
        let html = HTMLExport().page(exported)
        #expect(html.contains("表から 貼った題") && !html.contains("^I"))
    }

    @Test func lineStartsThatWouldMakeBlocksAreEscaped() {
        #expect(MarkdownExport.inline("- 項目") == "\\- 項目")
        #expect(MarkdownExport.inline("1. 項目") == "1\\. 項目")
        #expect(MarkdownExport.inline("# 見出し") == "\\# 見出し")
        #expect(MarkdownExport.inline("a|b") == "a\\|b")
        #expect(MarkdownExport.inline("*強調*") == "\\*強調\\*")
        // A combining mark after a special character does not hide it: parsers read code points.
        #expect(MarkdownExport.inline("*\u{301}強調*\u{301}") == "\\*\u{301}強調\\*\u{301}")
        #expect(MarkdownExport.inline("12) 項目") == "12\\) 項目" && MarkdownExport.inline("12 項目.") == "12 項目.")
        #expect(MarkdownExport.inline("協働の成果（令和5年度）") == "協働の成果（令和5年度）")
    }

    @Test func indexLinksEveryCase() {
        let index = MarkdownExport.index(Seed.cases)
        for exported in Seed.cases { #expect(index.contains("](\(exported.id.rawValue).md)")) }
        #expect(index.contains("（27件）"))
    }
}
