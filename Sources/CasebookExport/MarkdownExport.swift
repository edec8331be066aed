import CasebookCore

/// The cases as Markdown, one file per case and an index, to read on a git forge.
///
/// Every stored string is made visible (no controls) and then escaped for CommonMark/GFM: the
/// characters that start emphasis, links, HTML, entities, code or table cells get a backslash,
/// and so does a line start that would make a list, a heading or a quote. A forge then shows the
/// text exactly as typed: `<script>` and `&copy;` stay visible text.
public enum MarkdownExport {
    /// `ID.md`: the sheet under headings, 役割 and 強み as two-column tables, points as □ items.
    public static func page(_ exported: ExportedCase) -> String {
        let sheet = exported.sheet
        var out = "# \(inline(sheet.title.isEmpty ? "（事業名なし）" : sheet.title))\n\n"
        out += "| 項目 | 内容 |\n|---|---|\n"
        // 基本情報 below the title, each field as its description says: a new field is a new row.
        for field in SheetSection.basics.fields where field != .title {
            let cell: String = switch sheet.value(of: field) {
            case .line(let text): inline(text)
            case .items(let items): items.map(inline).joined(separator: "<br>")
            case .eraYear(let started): started.map { inline($0.displayText) } ?? ""
            case .diagram: ""
            }
            out += "| \(field.label) | \(cell) |\n"
        }
        out += "| 状態 | \(sheet.status.japaneseLabel) |\n"
        out += paragraphs("取り組みの概要", sheet.overview)
        out += paragraphs("協働のきっかけ", sheet.origin)
        out += pair("役割", sheet.roles)
        out += pair("強み", sheet.strengths)
        out += paragraphs("協働の成果", sheet.results)
        out += "\n## 協働のポイント\n\n" + items(sheet.points.map { "□ " + inline($0) })
        out += "\n## 協働の図\n\n"
        let diagram = sheet.diagram
        if diagram.isEmpty { out += "（記載なし）\n" }
        if !diagram.actors.isEmpty { out += "登場者: " + diagram.actors.map(inline).joined(separator: "、") + "\n\n" }
        if !diagram.flows.isEmpty { out += items(diagram.flows.map { inline($0.displayText) }) + "\n" }
        if !diagram.notes.isEmpty { out += "メモ:\n\n" + items(diagram.notes.map(inline)) }
        out += "\n[目次](index.md)\n"
        return out
    }

    /// `index.md`: the table of contents, each title linking to its page.
    public static func index(_ cases: [ExportedCase]) -> String {
        index(cases.map(ContentsEntry.init))
    }

    /// `index.md` of `entries`, in their order.
    public static func index(_ entries: [ContentsEntry]) -> String {
        var out = "# 協働事例集 目次（\(entries.count)件）\n\n| 事業名 | 協働の形態 | 担当課 | 事業実施 | 状態 |\n|---|---|---|---|---|\n"
        for entry in entries {
            let title = inline(entry.title.isEmpty ? entry.id.rawValue : entry.title)
            out += "| [\(title)](\(entry.id.rawValue).md) | \(inline(entry.form)) | "
                + "\(inline(entry.departments.joined(separator: "、"))) | \(entry.started.map { inline($0.displayText) } ?? "") | "
                + "\(entry.status.japaneseLabel) |\n"
        }
        return out
    }

    private static func paragraphs(_ label: String, _ texts: [String]) -> String {
        "\n## \(label)\n\n" + (texts.isEmpty ? "（記載なし）\n" : texts.map { inline($0) + "\n" }.joined(separator: "\n"))
    }

    private static func items(_ lines: [String]) -> String {
        lines.isEmpty ? "（記載なし）\n" : lines.map { "- \($0)\n" }.joined()
    }

    private static func pair(_ label: String, _ pair: CaseSheet.Pair) -> String {
        var out = "\n## \(label)\n\n| 市 | 相手 |\n|---|---|\n"
        for row in 0..<max(pair.city.count, pair.partner.count, 1) {
            let city = row < pair.city.count ? "・" + inline(pair.city[row]) : ""
            let partner = row < pair.partner.count ? "・" + inline(pair.partner[row]) : ""
            out += "| \(city) | \(partner) |\n"
        }
        return out
    }

    /// The characters CommonMark or GFM give a meaning to wherever they stand: all ASCII, so each
    /// is found as one byte of the UTF-8 (a byte of a longer character is never ASCII).
    static let special: [Bool] = (0...255).map { "\\`*_[]<>&|~#!$".utf8.contains(UInt8($0)) }

    /// `text` made visible and escaped to read as itself in running text, a heading, a list item
    /// or a table cell.
    ///
    /// Worked on UTF-8 bytes, not characters: a special character followed by a combining mark is
    /// still the special character to a Markdown parser, which reads code points.
    public static func inline(_ text: String) -> String {
        let text = ExportText.visible(text)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        // A line start that would make a list item, a quote, a setext underline or a numbered item.
        let digits = text.utf8.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
        for (position, byte) in text.utf8.enumerated() {
            let startsALine = position == 0 && (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "="))
            let endsANumber = position == digits && digits > 0 && (byte == UInt8(ascii: ".") || byte == UInt8(ascii: ")"))
            if special[Int(byte)] || startsALine || endsANumber { out.append(UInt8(ascii: "\\")) }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
