/// The plain-text form of fields for editing in a text editor, and reading it back.
///
/// One item or paragraph per line; with several fields, each starts at a `# label` line.
/// The diagram has `# 登場者`, `# 流れ` (`FROM → TO：LABEL`) and `# メモ` parts.
public enum EditorText {
    static let actorsHeading = "登場者"
    static let flowsHeading = "流れ"
    static let notesHeading = "メモ"

    /// The text for `fields` of `sheet`.
    public static func render(_ fields: [SheetField], of sheet: CaseSheet) -> String {
        var lines: [String] = []
        let headed = fields.count > 1 || fields == [.diagram]
        for field in fields {
            if headed && field != .diagram { lines.append("# " + field.label) }
            switch sheet.value(of: field) {
            case .line(let value): lines.append(value)
            case .items(let items): lines.append(contentsOf: items)
            case .eraYear(let era): lines.append(era?.editingText ?? "")
            case .diagram(let diagram):
                lines.append("# " + actorsHeading)
                lines.append(contentsOf: diagram.actors)
                lines.append("# " + flowsHeading)
                lines.append(contentsOf: diagram.flows.map(\.displayText))
                lines.append("# " + notesHeading)
                lines.append(contentsOf: diagram.notes)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads `text` back into `sheet`'s `fields`, checking each value as a walk would.
    public static func apply(_ text: String, to sheet: inout CaseSheet, fields: [SheetField], currentWesternYear: Int) throws(FieldInput.Problem) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        var blocks: [String: [String]] = [:]
        var current = fields.count == 1 && fields != [.diagram] ? fields[0].label : ""
        for line in lines {
            if line.hasPrefix("# ") {
                current = String(line.dropFirst(2)).trimmingWhitespace()
                blocks[current, default: []] = blocks[current] ?? []
                continue
            }
            blocks[current, default: []].append(line)
        }
        for field in fields {
            switch field.kind {
            case .line, .choice, .eraYear:
                guard let block = blocks[field.label] else { continue }
                let typed = block.first { !$0.trimmingWhitespace().isEmpty } ?? ""
                sheet.setValue(try FieldInput.singleLineValue(typed, for: field, currentWesternYear: currentWesternYear).value, of: field)
            case .list, .text:
                guard let block = blocks[field.label] else { continue }
                for line in block { try FieldInput.check(line, for: field) }
                sheet.setValue(.items(FieldInput.items(block, for: field)), of: field)
            case .diagram:
                for heading in [actorsHeading, flowsHeading, notesHeading] {
                    for line in blocks[heading] ?? [] { try FieldInput.check(line, for: field) }
                }
                var diagram = Diagram()
                diagram.actors = FieldInput.items(blocks[actorsHeading] ?? [], for: .diagram)
                for line in (blocks[flowsHeading] ?? []).map({ $0.trimmingWhitespace() }) where !line.isEmpty {
                    guard let flow = Diagram.Flow.parse(line) else { throw .badFlow(line) }
                    diagram.flows.append(flow)
                    for name in [flow.from, flow.to] where !diagram.actors.contains(name) { diagram.actors.append(name) }
                }
                diagram.notes = FieldInput.items(blocks[notesHeading] ?? [], for: .diagram)
                sheet.diagram = diagram
            }
        }
    }
}
