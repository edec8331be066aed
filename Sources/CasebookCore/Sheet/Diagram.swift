import Foundation

/// 協働の図: who takes part, what flows between them, and notes that are neither.
public struct Diagram: Sendable, Equatable {
    /// One labelled arrow between two actors.
    public struct Flow: Sendable, Equatable {
        /// The actor the arrow starts at.
        public var from: String
        /// The actor the arrow points to.
        public var to: String
        /// What flows (`奨励金の申請`).
        public var label: String

        /// Makes a flow.
        public init(from: String, to: String, label: String) {
            self.from = from
            self.to = to
            self.label = label
        }

        /// `町内会等 → 市：奨励金の申請`, as `show` prints it and a walk accepts it.
        public var displayText: String {
            label.isEmpty ? "\(from) → \(to)" : "\(from) → \(to)：\(label)"
        }

        /// Reads `FROM → TO：LABEL` (also `->`, `:`, and no label).
        public static func parse(_ text: String) -> Flow? {
            let arrows = ["→", "->", "⇒", "=>"]
            guard let arrow = arrows.compactMap({ text.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) else {
                return nil
            }
            let from = String(text[..<arrow.lowerBound]).trimmingWhitespace()
            var rest = String(text[arrow.upperBound...])
            var label = ""
            if let colon = rest.firstIndex(where: { $0 == "：" || $0 == ":" }) {
                label = String(rest[rest.index(after: colon)...]).trimmingWhitespace()
                rest = String(rest[..<colon])
            }
            let to = rest.trimmingWhitespace()
            guard !from.isEmpty, !to.isEmpty else { return nil }
            return Flow(from: from, to: to, label: label)
        }
    }

    /// The names of the actors.
    public var actors: [String]
    /// The flows between actors.
    public var flows: [Flow]
    /// Free notes.
    public var notes: [String]

    /// Makes a diagram.
    public init(actors: [String] = [], flows: [Flow] = [], notes: [String] = []) {
        self.actors = actors
        self.flows = flows
        self.notes = notes
    }

    /// A note as the sheet shows it: after ※, unless the note was written with its own ※.
    public static func shownNote(_ note: String) -> String {
        note.hasPrefix("※") ? note : "※" + note
    }

    /// Whether nothing is in it.
    public var isEmpty: Bool { actors.isEmpty && flows.isEmpty && notes.isEmpty }
}
