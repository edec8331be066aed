// The HTML pages: one seed sheet against its golden page, a hostile case carrying none of its
// markup, and the rules every page keeps (lang, policy, nothing fetched, no script).
import CasebookCore
@testable import CasebookExport
import Foundation
import Testing

@Suite struct HTMLExportTests {
    let html = HTMLExport()

    @Test func seedSheetMatchesItsGoldenPage() throws {
        let exported = try #require(Seed.cases.first { $0.id.rawValue == "shigen-shudan-kaishu" })
        let page = html.page(exported)
        let url = Seed.goldenDirectory.appendingPathComponent("shigen-shudan-kaishu.html")
        if Seed.updatingGolden { try Data(page.utf8).write(to: url) }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(page == golden, "the page differs from Golden/shigen-shudan-kaishu.html (CASEBOOK_UPDATE_GOLDEN=1 rewrites it; read it then)")
        // What the golden page was read for, checked here too.
        #expect(page.contains("<h1>資源集団回収</h1>"))
        #expect(page.contains("<li>□ 新規の実施団体はなかなか増加しない現状にあります。</li>"))
        #expect(page.contains("<h3>市</h3><ul><li>実績管理、奨励金支給</li></ul>"))
        #expect(page.contains("<h3>相手</h3><ul><li>資源回収対象品の分別、保管</li></ul>"))
        #expect(page.contains("<li>町内会等 → 市：奨励金の申請</li>"), "the flows written out for screen readers")
        #expect(page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(page.contains("昭和60年度（1985年度）"))
    }

    @Test func everyPageIsJapaneseSelfContainedAndForbidsScripts() {
        let pages = Seed.cases.map(html.page) + [html.index(Seed.cases), html.book(Seed.cases), html.page(Hostile.exported)]
        for page in pages {
            #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"ja\">"))
            #expect(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; script-src &#39;none&#39;; style-src &#39;sha256-"))
            #expect(!page.lowercased().contains("<script"))
            #expect(!page.contains("<link"))
            #expect(!page.contains("<img") && !page.contains(" src=\""))
            #expect(!page.contains("url("))
            #expect(!page.contains("@import"))
            #expect(!page.contains("href=\"http"))
            #expect(page.contains("<style>" + HTMLExport.css + "</style>"))
        }
    }

    /// The policy names the stylesheet by its hash: a changed stylesheet with a stale hash
    /// would leave every page unstyled.
    @Test func policyHashIsTheStylesheets() throws {
        let policy = HTMLExport.contentSecurityPolicy
        let start = try #require(policy.range(of: "'sha256-"))
        let end = try #require(policy[start.upperBound...].firstIndex(of: "'"))
        let digest = try #require(Data(base64Encoded: String(policy[start.upperBound..<end])))
        #expect(digest.map { String(format: "%02x", $0) }.joined() == SHA256.hex(of: Array(HTMLExport.css.utf8)))
    }

    @Test func hostileCaseCarriesNoneOfItsMarkup() {
        for page in [html.page(Hostile.exported), html.book([Hostile.exported]), html.index([Hostile.exported])] {
            #expect(!page.lowercased().contains("<script"))
            #expect(!page.contains("<img"))
            #expect(!page.contains("<b "))
            #expect(!page.contains("onmouseover=\""))
            #expect(!page.contains("&copy;"), "an entity in a value is text, so its & is escaped")
            #expect(!page.unicodeScalars.contains { $0 == "\u{202E}" || $0 == "\u{1B}" })
            #expect(page.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
        let page = html.page(Hostile.exported)
        #expect(page.contains("<h1>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
        #expect(page.contains("<title>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"))
        #expect(page.contains("&amp;copy;"))
        #expect(page.contains("&lt;U+202E&gt;逆順"), "the override is shown, not obeyed")
        #expect(page.contains("^[[31m赤"), "the escape is shown, not sent")
        #expect(page.contains("&#39;quote&#39;"))
        #expect(page.contains("&lt;/text&gt;&lt;script&gt;alert(4)&lt;/script&gt;"), "the diagram's label is escaped inside the SVG")
    }

    @Test func indexListsEveryCaseLinkedWithItsColumns() {
        let index = html.index(Seed.cases)
        #expect(index.contains("<th>事業名</th><th>協働の形態</th><th>担当課</th><th>事業実施</th><th>状態</th>"))
        for exported in Seed.cases {
            #expect(index.contains("<a href=\"\(exported.id.rawValue).html\">\(XMLText.escape(exported.sheet.title))</a>"))
        }
        #expect(index.contains("<td>補助・助成</td><td>清掃事業課</td><td>昭和60年度（1985年度）</td><td>下書き</td>"))
    }
}
