import CasebookCore

/// 協働の図 drawn as SVG, in Swift: actors as labelled boxes in a row, each flow a labelled arrow
/// between their lifelines on a row of its own, top to bottom in the sheet's order.
///
/// Why Swift and not graphviz: every label must fit its box, and only the measure the page is
/// printed with knows that. BIZ UD Gothic advances each character by exactly its East Asian Width
/// × 0.5 em, so `DisplayWidth` gives a label's width in pixels without a font file; graphviz
/// measures with its own font metrics (and would make `export html` depend on a second program).
/// A layout of one row per flow also never lets two labels or an arrow and a label collide, and
/// the drawing is the same bytes on every machine, which a golden test can pin.
///
/// All coordinates are whole pixels at a font size of `fontSize`.
public struct DiagramDrawing: Sendable {
    /// A box with lines of text centred in it: an actor, or the background of a flow's label.
    public struct LabelBox: Sendable, Equatable {
        /// Left edge.
        public var x: Int
        /// Top edge.
        public var y: Int
        /// Width.
        public var width: Int
        /// Height.
        public var height: Int
        /// The text, one line each, already made visible (no controls).
        public var lines: [String]

        /// The horizontal centre.
        public var centre: Int { x + width / 2 }
    }

    /// One arrow: from one lifeline to another (or a loop back to the same one) with its label.
    public struct Arrow: Sendable, Equatable {
        /// Where the arrow starts.
        public var fromX: Int
        /// Where it ends (equal to `fromX` for a flow from an actor to itself).
        public var toX: Int
        /// The height of the arrow's line.
        public var y: Int
        /// The label above the line, if the flow has one.
        public var label: LabelBox?
    }

    /// The font size of every label, in pixels.
    public static let fontSize = 12
    /// One display column: BIZ UD Gothic's half-width advance at `fontSize`.
    public static let columnWidth = fontSize / 2
    /// The height of one line of a label.
    public static let lineHeight = 16
    /// The space between a box's edge and its text, across and down.
    static let padX = 6, padY = 4
    /// The widest an actor's label gets before it wraps, in display columns (eight kanji).
    static let actorColumns = 16
    /// The widest a flow's label gets before it wraps when it has the room.
    static let labelColumns = 26
    /// The space around the drawing, between boxes, and around an arrow's ends.
    static let margin = 4, boxGap = 16, arrowInset = 4

    /// The actors' boxes, in order.
    public private(set) var actors: [LabelBox] = []
    /// The arrows, in the order of the flows.
    public private(set) var arrows: [Arrow] = []
    /// The drawing's size.
    public private(set) var width = 0, height = 0

    /// Lays out `diagram`; `nil` when it has no actors and no flows (notes alone are not drawn).
    ///
    /// A flow naming an actor that is not listed (a validation error, but it can be in a file)
    /// draws that actor too, so that no flow is lost from the drawing.
    public init?(_ diagram: Diagram) {
        var names: [String] = []
        for name in diagram.actors + diagram.flows.flatMap({ [$0.from, $0.to] }) where !names.contains(name) {
            names.append(name)
        }
        guard !names.isEmpty else { return nil }
        let column = Self.columnWidth

        // Boxes: wrapped at eight kanji, as wide as their longest line.
        let actorLines = names.map { LineWrapper.wrap(ExportText.visible($0), width: Self.actorColumns) }
        let boxWidths = actorLines.map { Self.textWidth($0) + 2 * Self.padX }
        let boxHeight = (actorLines.map(\.count).max() ?? 1) * Self.lineHeight + 2 * Self.padY

        // The space between neighbouring lifelines: enough for the boxes and for the labels of
        // flows between neighbours (and of loops, which sit to the right of their lifeline).
        let flows = diagram.flows.map { flow -> (from: Int, to: Int, label: String) in
            (names.firstIndex(of: flow.from)!, names.firstIndex(of: flow.to)!, ExportText.visible(flow.label))
        }
        var gaps = (0..<max(names.count - 1, 0)).map { boxWidths[$0] / 2 + boxWidths[$0 + 1] / 2 + Self.boxGap }
        var rightOverhang = 0
        for flow in flows where !flow.label.isEmpty {
            let labelWidth = Self.textWidth(LineWrapper.wrap(flow.label, width: Self.labelColumns)) + 2 * Self.padX
            if abs(flow.from - flow.to) == 1 {
                let gap = min(flow.from, flow.to)
                gaps[gap] = max(gaps[gap], labelWidth + 2 * Self.arrowInset + 2 * column)
            } else if flow.from == flow.to {
                let loopRoom = labelWidth + 3 * column
                if flow.from < gaps.count {
                    gaps[flow.from] = max(gaps[flow.from], loopRoom + boxWidths[flow.from + 1] / 2 + Self.boxGap)
                } else {
                    rightOverhang = max(rightOverhang, loopRoom - boxWidths[flow.from] / 2)
                }
            }
        }
        var centres = [Self.margin + boxWidths[0] / 2]
        for gap in gaps { centres.append(centres.last! + gap) }
        actors = names.indices.map { index in
            LabelBox(x: centres[index] - boxWidths[index] / 2, y: Self.margin, width: boxWidths[index], height: boxHeight,
                     lines: actorLines[index])
        }

        // One row per flow, under the boxes; a label wraps to the room its arrow spans.
        var y = Self.margin + boxHeight + 8
        for flow in flows {
            let fromX = centres[flow.from], toX = centres[flow.to]
            var label: LabelBox?
            if !flow.label.isEmpty {
                let room: Int
                if flow.from == flow.to {
                    room = Self.labelColumns
                } else {
                    let span = abs(toX - fromX) - 2 * Self.arrowInset - 2 * column - 2 * Self.padX
                    room = min(Self.labelColumns, max(span / column, 4))
                }
                let lines = LineWrapper.wrap(flow.label, width: room)
                let labelWidth = Self.textWidth(lines) + 2 * Self.padX
                let labelHeight = lines.count * Self.lineHeight + 2 * Self.padY - 4
                let left = flow.from == flow.to ? fromX + 2 * column : (fromX + toX) / 2 - labelWidth / 2
                label = LabelBox(x: left, y: y, width: labelWidth, height: labelHeight, lines: lines)
                y += labelHeight
            }
            y += flow.from == flow.to ? 14 : 6
            arrows.append(Arrow(fromX: fromX, toX: toX, y: y, label: label))
            y += 10
        }
        let rightmost = max(actors.map { $0.x + $0.width }.max()! + rightOverhang,
                            arrows.compactMap { $0.label.map { $0.x + $0.width } }.max() ?? 0)
        width = rightmost + Self.margin
        height = y + Self.margin
    }

    /// The pixel width of the widest of `lines` at `fontSize`.
    public static func textWidth(_ lines: [String]) -> Int {
        (lines.map { DisplayWidth.of($0) }.max() ?? 0) * columnWidth
    }

    /// The drawing as an `<svg>` element, every text escaped for XML. Hidden from screen readers,
    /// which read the flows written out beside it instead.
    public var svg: String {
        // One string appended to, piece by piece: `a + b + c` would make a string for each `+`.
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"diagram-drawing\" width=\"\(width)\" height=\"\(height)\" "
        out.reserveCapacity(512 * (actors.count + arrows.count + 1))
        out += "viewBox=\"0 0 \(width) \(height)\" font-size=\"\(Self.fontSize)\" aria-hidden=\"true\">\n"
        let bottom = height - Self.margin
        for box in actors {
            out += "<line class=\"lifeline\" x1=\"\(box.centre)\" y1=\"\(box.y + box.height)\" x2=\"\(box.centre)\" y2=\"\(bottom)\" "
            out += "stroke=\"#8aa\" stroke-dasharray=\"3 3\"/>\n"
        }
        for box in actors {
            out += "<g class=\"actor\">"
            out += rectangle(box, fill: "#eef4fa", stroke: "#2a5a8a")
            out += texts(box)
            out += "</g>\n"
        }
        for arrow in arrows {
            out += "<g class=\"flow\">"
            if arrow.fromX == arrow.toX {
                let x = arrow.fromX, right = arrow.fromX + 2 * Self.columnWidth
                out += "<path d=\"M\(x) \(arrow.y - 8) H\(right) V\(arrow.y) H\(x + 6)\" fill=\"none\" stroke=\"#333\"/>"
                out += head(atX: x, y: arrow.y, pointingRight: false)
            } else {
                let rightward = arrow.toX > arrow.fromX
                let start = arrow.fromX + (rightward ? Self.arrowInset : -Self.arrowInset)
                let end = arrow.toX + (rightward ? -Self.arrowInset : Self.arrowInset)
                out += "<line x1=\"\(start)\" y1=\"\(arrow.y)\" x2=\"\(end + (rightward ? -6 : 6))\" y2=\"\(arrow.y)\" stroke=\"#333\"/>"
                out += head(atX: end, y: arrow.y, pointingRight: rightward)
            }
            if let label = arrow.label {
                out += "<g class=\"flow-label\">"
                out += rectangle(label, fill: "#fff", stroke: "none")
                out += texts(label)
                out += "</g>"
            }
            out += "</g>\n"
        }
        out += "</svg>"
        return out
    }

    private func rectangle(_ box: LabelBox, fill: String, stroke: String) -> String {
        "<rect x=\"\(box.x)\" y=\"\(box.y)\" width=\"\(box.width)\" height=\"\(box.height)\" rx=\"3\" fill=\"\(fill)\" stroke=\"\(stroke)\"/>"
    }

    /// The lines of a box, centred. The baseline sits 13 px into each 16 px line: BIZ UD Gothic's
    /// ascent is 0.88 em and its descent 0.12 em, so each line's glyphs stay inside its box.
    private func texts(_ box: LabelBox) -> String {
        let top = box.y + (box.height - box.lines.count * Self.lineHeight) / 2
        return box.lines.enumerated().map { index, line in
            "<text x=\"\(box.centre)\" y=\"\(top + index * Self.lineHeight + 13)\" text-anchor=\"middle\">\(XMLText.escape(line))</text>"
        }.joined()
    }

    private func head(atX x: Int, y: Int, pointingRight: Bool) -> String {
        let back = pointingRight ? x - 7 : x + 7
        return "<polygon points=\"\(x),\(y) \(back),\(y - 4) \(back),\(y + 4)\" fill=\"#333\"/>"
    }
}

/// Escaping for text and attribute values in HTML, XML and SVG: `& < > " '` as entities.
///
/// Byte by byte over UTF-8 (the five characters are ASCII, and UTF-8 never uses ASCII bytes
/// inside another character), which is what lets 10,000 pages be escaped quickly.
public enum XMLText {
    /// `text` with `& < > " '` as entities.
    public static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32)
            for byte in bytes {
                switch byte {
                case 0x26: out.append(contentsOf: "&amp;".utf8)
                case 0x3C: out.append(contentsOf: "&lt;".utf8)
                case 0x3E: out.append(contentsOf: "&gt;".utf8)
                case 0x22: out.append(contentsOf: "&quot;".utf8)
                case 0x27: out.append(contentsOf: "&#39;".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }
}
