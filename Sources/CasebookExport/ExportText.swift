import CasebookCore

/// The one rule every export applies to a stored string before it meets a format's own escaping:
/// control characters and bidirectional overrides (ESC, U+202E…) are shown visibly, as `show`
/// shows them (SPEC §7), so a case file cannot reorder or hide text on a page, in a spreadsheet
/// or on a forge. The format's escaping (HTML, XML, Markdown, CSV) comes after.
enum ExportText {
    /// `text` with its controls made visible; a tab (which a value may hold, pasted from a
    /// spreadsheet) is a space on a published page, not `^I`.
    ///
    /// The tab is looked for among the UTF-8 bytes: `contains("\t")` resolves to Foundation's
    /// search, which folds every character of the text and was an eighth of an HTML export.
    static func visible(_ text: String) -> String {
        TerminalSafeText.make(text.utf8.contains(0x09) ? text.replacingOccurrences(of: "\t", with: " ") : text)
    }

    /// Each item made visible.
    static func visible(_ items: [String]) -> [String] {
        items.map(visible)
    }
}

/// A case as an export receives it: its id and its sheet.
public struct ExportedCase: Sendable {
    /// The case's id, which names its page or file.
    public var id: CaseID
    /// The sheet.
    public var sheet: CaseSheet

    /// Pairs an id with a sheet.
    public init(id: CaseID, sheet: CaseSheet) {
        self.id = id
        self.sheet = sheet
    }
}

extension SheetStatus {
    /// The status as the Japanese publication names it (the pages are `lang="ja"` whatever the user's locale).
    var japaneseLabel: String {
        switch self {
        case .draft: "下書き"
        case .review: "レビュー中"
        case .approved: "承認済み"
        }
    }
}
