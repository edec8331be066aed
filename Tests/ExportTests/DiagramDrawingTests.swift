// The diagram's SVG: well-formed XML for every seed diagram, and every label inside its box,
// measured as BIZ UD Gothic draws it (display width × 0.5 em).
import CasebookCore
@testable import CasebookExport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// An SVG read back by a strict XML parser into its labelled boxes.
final class SVGBoxes: NSObject, XMLParserDelegate {
    struct Box { var kind: String; var x = 0.0, y = 0.0, width = 0.0, height = 0.0; var texts: [(x: Double, y: Double, text: String)] = [] }
    var boxes: [Box] = []
    var fontSize = 0.0
    var size = (width: 0.0, height: 0.0)
    var error: Error?
    private var current: Box?
    private var textAttributes: [String: String]?
    private var text = ""

    static func read(_ svg: String) -> SVGBoxes {
        let reader = SVGBoxes()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = reader
        if !parser.parse() { reader.error = parser.parserError ?? CocoaError(.coderReadCorrupt) }
        return reader
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let number = { (key: String) in Double(attributes[key] ?? "") ?? .nan }
        switch name {
        case "svg":
            fontSize = number("font-size")
            size = (number("width"), number("height"))
        case "g" where ["actor", "flow-label"].contains(attributes["class"] ?? ""):
            current = Box(kind: attributes["class"]!)
        case "rect" where current != nil:
            current!.x = number("x"); current!.y = number("y"); current!.width = number("width"); current!.height = number("height")
        case "text":
            textAttributes = attributes
            text = ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if textAttributes != nil { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text", let attributes = textAttributes {
            current?.texts.append((Double(attributes["x"]!)!, Double(attributes["y"]!)!, text))
            textAttributes = nil
        }
        if name == "g", let box = current {
            boxes.append(box)
            current = nil
        }
    }
}

@Suite struct DiagramDrawingTests {
    /// Every label of `svg` lies inside its box: across by its display width at half an em a
    /// column, centred on its x; down from its ascent (0.88 em) above the baseline to its descent below.
    func expectLabelsFit(_ svg: String, _ name: String) {
        let read = SVGBoxes.read(svg)
        #expect(read.error == nil, "\(name): the SVG is not well-formed XML: \(String(describing: read.error))")
        #expect(read.fontSize == Double(DiagramDrawing.fontSize))
        for box in read.boxes {
            #expect(!box.texts.isEmpty, "\(name): a \(box.kind) box without a label")
            for label in box.texts {
                let width = Double(DisplayWidth.of(label.text)) * read.fontSize / 2
                #expect(label.x - width / 2 >= box.x && label.x + width / 2 <= box.x + box.width,
                        "\(name): “\(label.text)” (\(width) px) is wider than its \(box.kind) box (\(box.width) px)")
                #expect(label.y - 0.88 * read.fontSize >= box.y && label.y + 0.12 * read.fontSize <= box.y + box.height,
                        "\(name): “\(label.text)” is outside its \(box.kind) box vertically")
            }
            #expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= read.size.width && box.y + box.height <= read.size.height,
                    "\(name): a box outside the drawing")
        }
    }

    @Test func everySeedDiagramIsWellFormedAndItsLabelsFit() {
        var drawn = 0
        for exported in Seed.cases {
            guard let drawing = DiagramDrawing(exported.sheet.diagram) else {
                #expect(exported.sheet.diagram.actors.isEmpty && exported.sheet.diagram.flows.isEmpty)
                continue
            }
            drawn += 1
            let read = SVGBoxes.read(drawing.svg)
            let diagram = exported.sheet.diagram
            #expect(read.boxes.filter { $0.kind == "actor" }.count == diagram.actors.count, "\(exported.id): one box per actor")
            #expect(read.boxes.filter { $0.kind == "flow-label" }.count == diagram.flows.filter { !$0.label.isEmpty }.count)
            #expect(read.boxes.filter { $0.kind == "actor" }.map { $0.texts.map(\.text).joined() } == diagram.actors)
            expectLabelsFit(drawing.svg, exported.id.rawValue)
        }
        #expect(drawn == 14, "the seed has 14 diagrams with actors")
    }

    @Test func longLabelsWrapInsideTheirBoxesAndLoopsAndUnknownActorsAreDrawn() throws {
        let diagram = Diagram(
            actors: ["帯広市男女共同参画推進員とその他の関係団体の皆さん", "市", "NPO法人 とかち・市民活動ネットワーク"],
            flows: [
                .init(from: "市", to: "帯広市男女共同参画推進員とその他の関係団体の皆さん", label: "委嘱状の交付と研修会の開催、活動に関する情報の提供（年２回）"),
                .init(from: "帯広市男女共同参画推進員とその他の関係団体の皆さん", to: "NPO法人 とかち・市民活動ネットワーク", label: "協力"),
                .init(from: "市", to: "市", label: "庁内の調整"),
                .init(from: "市", to: "町内会", label: "名簿にない相手への流れ"),
            ],
            notes: [])
        let drawing = try #require(DiagramDrawing(diagram))
        #expect(drawing.actors.count == 4, "町内会, named only by a flow, is drawn too")
        #expect(drawing.actors[0].lines.count > 1, "a long name wraps")
        #expect(drawing.arrows[2].fromX == drawing.arrows[2].toX, "a flow to itself is a loop")
        expectLabelsFit(drawing.svg, "long labels")
    }

    @Test func markupInNamesAndLabelsIsEscapedText() throws {
        let drawing = try #require(DiagramDrawing(Hostile.sheet.diagram))
        let read = SVGBoxes.read(drawing.svg)
        #expect(read.error == nil)
        #expect(read.boxes.map { $0.texts.map(\.text).joined() }.contains("</text><script>alert(4)</script>"))
        #expect(!drawing.svg.contains("<script"))
        expectLabelsFit(drawing.svg, "hostile")
    }

    @Test func notesAloneAreNotDrawn() {
        #expect(DiagramDrawing(Diagram(notes: ["メモだけ"])) == nil)
    }
}
