/// Lays a sheet out for a terminal of a given width, as the paper sheet reads (SPEC §3.5):
/// title, basics, then each section under its label; roles and strengths in two columns
/// when there is room; items with `・`, points with `□`; the diagram as its flows.
///
/// Pure: the caller decides the width and whether to colour. Every stored string passes
/// through `TerminalSafeText` first, so a case file cannot steer the terminal.
public struct SheetLayout {
    /// How to decorate the text.
    public struct Style: Sendable {
        /// Whether to use ANSI colour and bold.
        public var colour: Bool
        /// Makes a style.
        public init(colour: Bool) { self.colour = colour }
    }

    /// The width to fit in.
    public var width: Int
    /// Colour or plain.
    public var style: Style
    /// The language of the few words that are not labels (status, review notes).
    public var language: Language

    /// Makes a layout.
    public init(width: Int, style: Style, language: Language) {
        self.width = max(width, 20)
        self.style = style
        self.language = language
    }

    /// The smallest width at which two columns are used.
    public static let twoColumnMinimum = 60

    /// The whole sheet, or only `part` of it; lines end with `\n`.
    public func render(_ sheet: CaseSheet, id: String, part: SheetPart? = nil) -> String {
        var lines: [String] = []
        if part == nil {
            lines.append(contentsOf: header(sheet, id: id))
        }
        let sections: [SheetSection]
        switch part {
        case nil: sections = SheetSection.allCases
        case .section(let section)?: sections = [section]
        case .field(let field)?: sections = [field.section]
        }
        for section in sections {
            let fields = part.map { $0.fields } ?? section.fields
            if !lines.isEmpty { lines.append("") }
            lines.append(heading(section == .basics || fields.count == section.fields.count ? section.label : fields[0].label))
            lines.append(contentsOf: reviewLines(section, in: sheet))
            lines.append(contentsOf: body(of: section, fields: fields, in: sheet))
        }
        return lines.map { $0 + "\n" }.joined()
    }

    // MARK: Pieces

    private func header(_ sheet: CaseSheet, id: String) -> [String] {
        var status = SheetMessage.status(sheet.status).text(in: language)
        if sheet.flagCount > 0 { status += "・" + SheetMessage.flags(count: sheet.flagCount).text(in: language) }
        let title = safe(sheet.title.isEmpty ? "（事業名なし）" : sheet.title)
        var lines = wrap(title, indent: 0).map { bold($0) }
        lines.append(contentsOf: wrap("\(id)  [\(status)]", indent: 0).map { dim($0) })
        lines.append(String(repeating: "=", count: min(width, 60)))
        return lines
    }

    private func reviewLines(_ section: SheetSection, in sheet: CaseSheet) -> [String] {
        switch SectionReviewState.of(section, in: sheet) {
        case .flagged(let verdict):
            let text = "［！］" + SheetMessage.flagged(by: verdict.by, on: verdict.at, note: verdict.note).text(in: language)
            return wrap(text, indent: 2).map { colour($0, code: "33") }
        case .changedSinceReview(let verdict):
            return wrap("［△］" + SheetMessage.changedSinceReview(by: verdict.by, on: verdict.at).text(in: language), indent: 2).map { colour($0, code: "33") }
        case .ok, .notReviewed:
            return []
        }
    }

    private func body(of section: SheetSection, fields: [SheetField], in sheet: CaseSheet) -> [String] {
        switch section {
        case .basics:
            let labelWidth = fields.map { DisplayWidth.of($0.label) }.max() ?? 0
            var lines: [String] = []
            for field in fields {
                let label = DisplayWidth.padded(field.label, to: labelWidth) + "  "
                let value = basicsValue(field, in: sheet)
                let valueWidth = width - 2 - DisplayWidth.of(label)
                if valueWidth < 12 {
                    lines.append("  " + dim(field.label))
                    lines.append(contentsOf: wrap(value, indent: 4))
                    continue
                }
                let wrapped = LineWrapper.wrap(value, width: valueWidth)
                for (index, line) in wrapped.enumerated() {
                    let prefix = index == 0 ? dim(label) : String(repeating: " ", count: DisplayWidth.of(label))
                    lines.append("  " + prefix + line)
                }
            }
            return lines
        case .roles, .strengths:
            if fields.count == 2 {
                let pair = section == .roles ? sheet.roles : sheet.strengths
                return columns(left: ("市", pair.city), right: ("相手", pair.partner))
            }
            return bullets(items(fields[0], in: sheet), mark: "・")
        case .points:
            return bullets(sheet.points, mark: "□")
        case .diagram:
            return diagramLines(sheet.diagram)
        case .overview, .origin, .results:
            let paragraphs = items(fields[0], in: sheet)
            if paragraphs.isEmpty { return [dim("  （なし）")] }
            var lines: [String] = []
            for (index, paragraph) in paragraphs.enumerated() {
                if index > 0 { lines.append("") }
                lines.append(contentsOf: wrap(safe(paragraph), indent: 2, firstIndent: 2 + 2))
            }
            return lines
        }
    }

    private func basicsValue(_ field: SheetField, in sheet: CaseSheet) -> String {
        switch sheet.value(of: field) {
        case .line(let value): return value.isEmpty ? "（なし）" : safe(value)
        case .items(let values): return values.isEmpty ? "（なし）" : values.map(safe).joined(separator: "、")
        case .eraYear(let era): return era?.displayText ?? "（不明）"
        case .diagram: return ""
        }
    }

    private func items(_ field: SheetField, in sheet: CaseSheet) -> [String] {
        if case .items(let values) = sheet.value(of: field) { return values }
        return []
    }

    private func bullets(_ values: [String], mark: String) -> [String] {
        if values.isEmpty { return [dim("  （なし）")] }
        return values.flatMap { wrapHanging(mark + safe($0), indent: 2, hang: DisplayWidth.of(mark)) }
    }

    private func columns(left: (String, [String]), right: (String, [String])) -> [String] {
        guard width >= Self.twoColumnMinimum else {
            var lines = ["  " + dim("〔\(left.0)〕")]
            lines.append(contentsOf: bullets(left.1, mark: "・"))
            lines.append("  " + dim("〔\(right.0)〕"))
            lines.append(contentsOf: bullets(right.1, mark: "・"))
            return lines
        }
        let columnWidth = (width - 2 - 3) / 2
        func column(_ values: [String]) -> [String] {
            if values.isEmpty { return ["（なし）"] }
            return values.flatMap { value -> [String] in
                // Wrapped narrower by the hanging indent, so continuation lines fit the column as they are.
                let wrapped = LineWrapper.wrap("・" + safe(value), width: columnWidth - 2)
                return wrapped.enumerated().map { $0.offset == 0 ? $0.element : "  " + $0.element }
                    .flatMap { DisplayWidth.of($0) > columnWidth ? LineWrapper.wrap($0, width: columnWidth) : [$0] }
            }
        }
        let leftLines = column(left.1)
        let rightLines = column(right.1)
        var lines = ["  " + dim(DisplayWidth.padded(left.0, to: columnWidth)) +  " | " + dim(right.0)]
        for row in 0..<max(leftLines.count, rightLines.count) {
            let l = row < leftLines.count ? leftLines[row] : ""
            let r = row < rightLines.count ? rightLines[row] : ""
            var line = "  " + DisplayWidth.padded(l, to: columnWidth) +  " | " + r
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines
    }

    private func diagramLines(_ diagram: Diagram) -> [String] {
        if diagram.isEmpty { return [dim("  （なし）")] }
        var lines: [String] = []
        for flow in diagram.flows {
            lines.append(contentsOf: wrapHanging(safe(flow.displayText), indent: 2, hang: 2))
        }
        let unconnected = diagram.actors.filter { actor in !diagram.flows.contains { $0.from == actor || $0.to == actor } }
        if !unconnected.isEmpty {
            lines.append(contentsOf: wrapHanging("登場者：" + unconnected.map(safe).joined(separator: "、"), indent: 2, hang: 4))
        }
        for note in diagram.notes {
            lines.append(contentsOf: wrapHanging(Diagram.shownNote(safe(note)), indent: 2, hang: 2))
        }
        return lines
    }

    // MARK: Text

    private func safe(_ text: String) -> String { TerminalSafeText.make(text) }

    private func wrap(_ text: String, indent: Int, firstIndent: Int? = nil) -> [String] {
        let first = firstIndent ?? indent
        // Wrap to the narrower width so the first line's extra indent always fits.
        let lines = LineWrapper.wrap(text, width: width - max(first, indent))
        return lines.enumerated().map { String(repeating: " ", count: $0.offset == 0 ? first : indent) + $0.element }
    }

    private func wrapHanging(_ text: String, indent: Int, hang: Int) -> [String] {
        let lines = LineWrapper.wrap(text, width: width - indent - hang)
        return lines.enumerated().map { String(repeating: " ", count: $0.offset == 0 ? indent : indent + hang) + $0.element }
    }

    private func heading(_ text: String) -> String {
        style.colour ? "\u{1B}[1;36m【\(text)】\u{1B}[0m" : "【\(text)】"
    }

    private func bold(_ text: String) -> String {
        style.colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }

    private func dim(_ text: String) -> String {
        style.colour ? "\u{1B}[2m\(text)\u{1B}[0m" : text
    }

    private func colour(_ text: String, code: String) -> String {
        style.colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
