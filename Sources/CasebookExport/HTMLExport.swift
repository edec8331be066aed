import CasebookCore
import Foundation
import Mustache

/// The HTML of the export: one self-contained page per case, the 事例集's table of contents, and
/// the book of every sheet that Chromium prints to PDF.
///
/// Every page goes through the Mustache templates in `Templates/`, which escape each value
/// (`& < > " '`) unless a template asks otherwise with `{{{ }}}`; only two things are inserted
/// raw: the stylesheet (a file of the repository) and the diagram's SVG, which `DiagramDrawing`
/// builds with every text XML-escaped. The pages carry no script and fetch nothing, and their
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
        for name in ["page", "sheet", "index"] {
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
    public struct SheetView: @unchecked Sendable {
        // [String: Any] holds only strings, booleans and arrays of strings, made once and never changed.
        let values: [String: Any]

        /// Prepares `exported`.
        public init(_ exported: ExportedCase) {
            values = HTMLExport.sheetContext(exported)
        }
    }

    /// `index.html`: title (linked to its page), 形態, 担当課, 事業実施 and status of each case.
    public func index(_ cases: [ExportedCase]) -> String {
        let entries: [[String: Any]] = cases.map { exported in
            let sheet = exported.sheet
            return [
                "file": exported.id.rawValue + ".html",
                "title": ExportText.visible(sheet.title.isEmpty ? exported.id.rawValue : sheet.title),
                "form": ExportText.visible(sheet.form),
                "departments": ExportText.visible(sheet.departments.joined(separator: "、")),
                "started": sheet.started?.displayText ?? "",
                "status": sheet.status.japaneseLabel,
            ]
        }
        let context: [String: Any] = ["policy": Self.contentSecurityPolicy, "css": Self.css, "count": cases.count, "entries": entries]
        return library.render(context, withTemplate: "index")!
    }

    private func pageContext(sheets: [ExportedCase], title: String, backLink: Bool) -> [String: Any] {
        pageContext(views: sheets.map(SheetView.init), title: title, backLink: backLink)
    }

    private func pageContext(views: [SheetView], title: String, backLink: Bool) -> [String: Any] {
        [
            "policy": Self.contentSecurityPolicy,
            "css": Self.css,
            "pageTitle": ExportText.visible(title),
            "backLink": backLink,
            "sheets": views.map(\.values),
        ]
    }

    /// The fields of 基本情報 that `sheet.mustache` lays out by name, in the paper sheet's places.
    static let basicsPlacedByTemplate: Set<SheetField> = [.title, .departments, .partners, .form, .started, .domain]

    /// The values of one sheet as the templates name them, each made visible and left for the
    /// template to escape.
    static func sheetContext(_ exported: ExportedCase) -> [String: Any] {
        let sheet = exported.sheet
        let visible: (String) -> String = ExportText.visible
        let drawing = DiagramDrawing(sheet.diagram)
        return [
            "id": exported.id.rawValue,
            "title": visible(sheet.title.isEmpty ? "（事業名なし）" : sheet.title),
            "departments": ExportText.visible(sheet.departments),
            "partners": ExportText.visible(sheet.partners),
            "form": visible(sheet.form),
            "started": sheet.started?.displayText ?? "",
            "domain": visible(sheet.domain),
            // A field of 基本情報 that the sheet's template does not place itself still shows.
            "otherBasics": SheetSection.basics.fields.filter { !Self.basicsPlacedByTemplate.contains($0) }.map { field -> [String: Any] in
                let lines: [String] = switch sheet.value(of: field) {
                case .line(let text): [text]
                case .items(let items): items
                case .eraYear(let started): started.map { [$0.displayText] } ?? []
                case .diagram: []
                }
                return ["label": field.label, "lines": ExportText.visible(lines)]
            },
            "overview": ExportText.visible(sheet.overview),
            "origin": ExportText.visible(sheet.origin),
            "rolesCity": ExportText.visible(sheet.roles.city),
            "rolesPartner": ExportText.visible(sheet.roles.partner),
            "strengthsCity": ExportText.visible(sheet.strengths.city),
            "strengthsPartner": ExportText.visible(sheet.strengths.partner),
            "results": ExportText.visible(sheet.results),
            "points": ExportText.visible(sheet.points),
            "hasDiagram": !sheet.diagram.isEmpty,
            "hasDrawing": drawing != nil,
            "drawing": drawing?.svg ?? "",
            "notes": ExportText.visible(sheet.diagram.notes),
            "hasFlows": !sheet.diagram.flows.isEmpty,
            "flows": sheet.diagram.flows.map { visible($0.displayText) },
        ]
    }
}
