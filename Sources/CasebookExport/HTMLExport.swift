import CasebookCore
import Foundation
import Mustache

/// The HTML of the export: one self-contained page per case, the 事例集's table of contents, and
/// the book of every sheet that Chromium prints to PDF.
///
/// Every page goes through the Mustache templates in `Templates/`, which escape each value
/// (`& < > " '`) unless a template asks otherwise with `{{{ }}}`; only three things are inserted
/// raw: the stylesheet (a file of the repository), the diagram's SVG, which `DiagramDrawing`
/// builds with every text XML-escaped, and the rows of the table of contents, which the engine
/// rendered and escaped (`contents-rows.mustache`, in runs on every core). The pages carry no script and fetch nothing, and their
/// Content-Security-Policy forbids scripts and allows only the one inline stylesheet, by hash.
public struct HTMLExport: Sendable {
    private let library: MustacheLibrary

    /// The stylesheet, as in `Templates/sheet.css`.
    public static let css = EmbeddedFiles.byName["sheet.css"]!

    /// The policy every page carries: nothing from anywhere, but its own stylesheet.
    public static let contentSecurityPolicy: String = {
        let digest = SHA256.hex(of: Array(css.utf8))
        var bytes: [UInt8] = []
        var index = digest.startIndex
        while index < digest.endIndex {
            let next = digest.index(index, offsetBy: 2)
            bytes.append(UInt8(digest[index..<next], radix: 16)!)
            index = next
        }
        let hash = Data(bytes).base64EncodedString()
        return "default-src 'none'; script-src 'none'; style-src 'sha256-\(hash)'; img-src data:; base-uri 'none'; form-action 'none'"
    }()

    /// The content type the templates name in their `CONTENT_TYPE` pragma: HTML, escaped as
    /// Mustache's own HTML type escapes (`& < > " '`), by `XMLText.escape`, which works on bytes
    /// rather than characters.
    struct EscapedHTML: MustacheContentType {
        func escapeText(_ text: String) -> String { XMLText.escape(text) }
    }

    /// Loads the templates compiled into the program.
    public init() {
        MustacheContentTypes.register(EscapedHTML(), named: "CASEBOOK_HTML")
        var library = MustacheLibrary()
        for name in ["page", "sheet", "index", "contents-rows"] {
            // The templates are part of the program: one that does not parse is a build mistake,
            // which every export test would show.
            try! library.register(EmbeddedFiles.byName["\(name).mustache"]!, named: name)
        }
        self.library = library
    }

    /// The page of one case, `ID.html`, with a link back to the table of contents.
    public func page(_ exported: ExportedCase) -> String {
        library.render(pageContext(sheets: [exported], title: exported.sheet.title, backLink: true), withTemplate: "page")!
    }

    /// One document holding every sheet, one to a printed page: what the PDF is printed from.
    public func book(_ cases: [ExportedCase]) -> String {
        book(cases.map(SheetView.init))
    }

    /// The book from sheets already prepared (on every core, with progress shown).
    public func book(_ views: [SheetView]) -> String {
        library.render(pageContext(views: views, title: "協働事例集", backLink: false), withTemplate: "page")!
    }

    /// A sheet's values prepared for the templates: its texts made visible, its diagram drawn.
    public struct SheetView: Sendable {
        let values: TemplateScope

        /// Prepares `exported`.
        public init(_ exported: ExportedCase) {
            values = HTMLExport.sheetContext(exported)
        }
    }

    /// `index.html` of the cases: title (linked to its page), 形態, 担当課, 事業実施 and status of each.
    public func index(_ cases: [ExportedCase]) -> String {
        index(cases.map(ContentsEntry.init))
    }

    /// `index.html` of `entries`, in their order.
    ///
    /// Its rows are rendered by `contents-rows.mustache` in runs of a thousand on every core, and
    /// put into `index.mustache` as they came out of the engine, escaped: one template over 10,000
    /// rows on one core was what an export after a single edit waited for.
    public func index(_ entries: [ContentsEntry]) -> String {
        let run = 1_000
        let parts = (entries.count + run - 1) / run
        var rows = [String](repeating: "", count: parts)
        let library = library
        rows.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let rendered = buffer
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                rendered[part] = Self.renderRows(entries[(part * run)..<min(entries.count, (part + 1) * run)], library)
            }
        }
        let context = TemplateScope(["policy": Self.policyText, "css": Self.cssText, "count": TemplateText(String(entries.count)),
                                     "rows": TemplateText(rows.joined())])
        return library.render(context, withTemplate: "index")!
    }

    /// Rows of the table of contents, by `contents-rows.mustache`.
    private static func renderRows(_ entries: ArraySlice<ContentsEntry>, _ library: MustacheLibrary) -> String {
        let scopes = entries.map { entry in
            TemplateScope([
                "file": TemplateText(entry.id.rawValue + ".html"),
                "title": visible(entry.title.isEmpty ? entry.id.rawValue : entry.title),
                "form": visible(entry.form),
                "departments": visible(entry.departments.joined(separator: "、")),
                "started": TemplateText(entry.started?.displayText ?? ""),
                "status": TemplateText(entry.status.japaneseLabel),
            ])
        }
        return library.render(TemplateScope(["entries": scopes]), withTemplate: "contents-rows")!
    }

    /// A fingerprint of what the pages are made with: the templates and the stylesheet. (The
    /// program that fills them in is the export command's to add.)
    public static let templateFingerprint: UInt64 = {
        var bytes: [UInt8] = []
        for name in EmbeddedFiles.byName.keys.sorted() {
            bytes.append(contentsOf: name.utf8)
            bytes.append(0)
            bytes.append(contentsOf: EmbeddedFiles.byName[name]!.utf8)
            bytes.append(0)
        }
        return bytes.withUnsafeBytes { Checksum.of($0) }
    }()

    private func pageContext(sheets: [ExportedCase], title: String, backLink: Bool) -> TemplateScope {
        pageContext(views: sheets.map(SheetView.init), title: title, backLink: backLink)
    }

    private func pageContext(views: [SheetView], title: String, backLink: Bool) -> TemplateScope {
        TemplateScope([
            "policy": Self.policyText,
            "css": Self.cssText,
            "pageTitle": Self.visible(title),
            "backLink": backLink,
            "sheets": views.map(\.values),
        ])
    }

    /// The stylesheet and the policy as the templates print them, made once.
    private static let cssText = TemplateText(css)
    private static let policyText = TemplateText(contentSecurityPolicy)

    /// A stored text made visible, for a template to escape.
    static func visible(_ text: String) -> TemplateText {
        TemplateText(ExportText.visible(text))
    }

    /// Stored texts made visible, one item each, for a section of a template.
    static func visible(_ items: [String]) -> [TemplateText] {
        items.map { TemplateText(ExportText.visible($0)) }
    }

    /// The fields of 基本情報 that `sheet.mustache` lays out by name, in the paper sheet's places.
    static let basicsPlacedByTemplate: Set<SheetField> = [.title, .departments, .partners, .form, .started, .domain]

    /// The values of one sheet as the templates name them, each made visible and left for the
    /// template to escape.
    static func sheetContext(_ exported: ExportedCase) -> TemplateScope {
        let sheet = exported.sheet
        let drawing = DiagramDrawing(sheet.diagram)
        return TemplateScope([
            "id": TemplateText(exported.id.rawValue),
            "title": visible(sheet.title.isEmpty ? "（事業名なし）" : sheet.title),
            "departments": visible(sheet.departments),
            "partners": visible(sheet.partners),
            "form": visible(sheet.form),
            "started": TemplateText(sheet.started?.displayText ?? ""),
            "domain": visible(sheet.domain),
            // A field of 基本情報 that the sheet's template does not place itself still shows.
            "otherBasics": otherBasics.map { field in
                let lines: [String] = switch sheet.value(of: field) {
                case .line(let text): [text]
                case .items(let items): items
                case .eraYear(let started): started.map { [$0.displayText] } ?? []
                case .diagram: []
                }
                return TemplateScope(["label": TemplateText(field.label), "lines": visible(lines)])
            },
            "overview": visible(sheet.overview),
            "origin": visible(sheet.origin),
            "rolesCity": visible(sheet.roles.city),
            "rolesPartner": visible(sheet.roles.partner),
            "strengthsCity": visible(sheet.strengths.city),
            "strengthsPartner": visible(sheet.strengths.partner),
            "results": visible(sheet.results),
            "points": visible(sheet.points),
            "hasDiagram": !sheet.diagram.isEmpty,
            "hasDrawing": drawing != nil,
            "drawing": TemplateText(drawing?.svg ?? ""),
            "notes": visible(sheet.diagram.notes),
            "hasFlows": !sheet.diagram.flows.isEmpty,
            "flows": sheet.diagram.flows.map { visible($0.displayText) },
        ])
    }

    /// The fields of 基本情報 that the sheet's template does not place itself, in the sheet's order.
    private static let otherBasics = SheetSection.basics.fields.filter { !basicsPlacedByTemplate.contains($0) }
}
