import ArgumentParser
import CasebookCore
import CasebookStore

/// `find TEXT`: every field of every case, compared in normal form (SPEC §3.4).
struct FindCommand: PagedCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "find",
            abstract: Help.text("Search every field of every case (full/half width, case and kana insensitive).",
                                "すべての事例の全項目を検索します（全角半角・大文字小文字・かなカナを区別しません）。"),
            discussion: Help.text("Example: find 町内会", "例: find 町内会"))
    }

    @Argument(help: ArgumentHelp(Help.text("The text to look for.", "探す文字列"), valueName: "text"))
    var words: [String]

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if words.joined(separator: " ").trimmingWhitespace().isEmpty {
            throw ValidationError(Help.text("Give the text to find.", "検索する文字列を指定してください。"))
        }
    }

    /// The words searched for: each argument, split also at full-width spaces (an IME types those);
    /// an argument quoted with ASCII spaces in it stays one phrase.
    static func terms(_ words: [String]) -> [String] {
        words.flatMap { $0.split(separator: "\u{3000}").map { String($0).trimmingWhitespace() } }.filter { !$0.isEmpty }
    }

    func run(in session: Session) throws {
        let query = words.joined(separator: " ")
        let needles = Self.terms(words).map(SearchNormalizer.normalize).filter { !$0.isEmpty }
        let colour = session.usesColour
        let onTerminal = session.outputIsTerminal
        // On a terminal the match is marked with two private characters until the passage is wrapped.
        let (open, close) = onTerminal && colour ? ("\u{E000}", "\u{E001}") : colour ? ("\u{1B}[1;7m", "\u{1B}[0m") : ("[[", "]]")
        let mark: @Sendable (String) -> String = { open + $0 + close }
        let layout = onTerminal ? FindLayout(width: session.width, colour: colour) : nil
        // The store finds the texts that contain each word (from its index, on every core); only
        // those are split into characters to mark each match in its passage. A case is found when
        // it holds every word. With one word, each case's lines are made there too, on every core.
        let oneWord = needles.count == 1
        var perWord: [[(id: CaseID, title: String, passages: [(label: String, passage: String)], lines: String?)]] = []
        for needle in needles {
            perWord.append(session.store.search(needle) { hit in
                var passages: [(label: String, passage: String)] = []
                for (field, text) in hit.texts {
                    for passage in SearchMatch.passages(of: needle, in: text, mark: mark) { passages.append((field.label, passage)) }
                }
                let title = TerminalSafeText.make(hit.title)
                let lines = oneWord ? Self.lines(id: hit.id, title: title, passages: passages, layout: layout) : nil
                return (hit.id, title, passages, lines)
            })
        }
        // With one word every case found holds every word, and its lines are made: no table of
        // the cases each word found is needed (100,000 ids hashed, at 100,000 cases).
        let inEvery = oneWord ? nil : perWord.dropFirst().reduce(Set(perWord.first?.map(\.id) ?? [])) { $0.intersection($1.map(\.id)) }
        let byCase = perWord.dropFirst().map { Dictionary($0.map { ($0.id, $0.passages) }, uniquingKeysWith: +) }
        var hits = 0
        var casesHit = 0
        var pending = ""
        for found in perWord.first ?? [] where inEvery?.contains(found.id) ?? true && !found.passages.isEmpty {
            // Nothing more is shown (Ctrl-C, or a reader that quit): the rest need not be laid out.
            if session.output.outputStopped { break }
            casesHit += 1
            if let lines = found.lines {
                hits += found.passages.count
                pending += lines
            } else {
                let passages = found.passages + byCase.flatMap { $0[found.id] ?? [] }
                hits += passages.count
                pending += Self.lines(id: found.id, title: found.title, passages: passages, layout: layout)
            }
            // Written in blocks: one write per line costs more than the search at 10,000 cases.
            if pending.utf8.count > 65536 {
                session.output.raw(pending)
                pending = ""
            }
        }
        session.output.raw(pending)
        // Stopped part-way: how many it found is not known, and "no match" would be false.
        if session.output.outputStopped { return }
        if hits == 0 {
            session.warn(ListMessage.noMatch(query: query))
            session.exitStatus = 1
        } else if onTerminal {
            session.say(ListMessage.matchCount(matches: hits, cases: casesHit))
        }
    }
}

extension FindCommand {
    /// One found case's lines, each ended by a line break: laid out by `layout` on a terminal,
    /// else a line per passage of id, title, label and passage separated by tabs.
    static func lines(id: CaseID, title: String, passages: [(label: String, passage: String)], layout: FindLayout?) -> String {
        if let layout {
            return layout.lines(id: id.rawValue, title: title, passages: passages).joined(separator: "\n") + "\n"
        }
        var lines = ""
        for (label, passage) in passages {
            lines += id.rawValue + "\t" + title + "\t" + label + "\t" + passage + "\n"
        }
        return lines
    }
}

/// How `find` lays its results out on a terminal: each case's id and title on a line, then each
/// passage under it with the field's label in an aligned column, wrapped by display width with
/// the line-breaking rules of `show`, continuation lines indented under the passage.
struct FindLayout {
    let width: Int
    let colour: Bool
    /// The label column: as wide as the widest label.
    static let labelWidth = SheetField.allCases.map { DisplayWidth.of($0.label) }.max() ?? 16

    func lines(id: String, title: String, passages: [(label: String, passage: String)]) -> [String] {
        // A long id and title wrap, the title going on under itself two columns in.
        var lines = HangingWrap.wrap(colour ? "\u{1B}[1m\(id)\u{1B}[0m  \(title)" : "\(id)  \(title)", width: width, hang: 2)
        let indent = 2 + Self.labelWidth + 2
        for (label, passage) in passages {
            let wrapped = LineWrapper.wrap(passage, width: max(10, width - indent))
            for (number, line) in wrapped.enumerated() {
                let head = number == 0 ? "  " + DisplayWidth.padded(label, to: Self.labelWidth) + "  " : String(repeating: " ", count: indent)
                lines.append(head + marked(line))
            }
        }
        return lines
    }

    /// The private match marks as colour, closed at the end of each line so that a pager or a
    /// wrapped line never carries the colour on.
    private func marked(_ line: String) -> String {
        var out = ""
        var open = false
        for character in line {
            switch character {
            case "\u{E000}": out += "\u{1B}[1;7m"; open = true
            case "\u{E001}": out += "\u{1B}[0m"; open = false
            default: out.append(character)
            }
        }
        return open ? out + "\u{1B}[0m" : out
    }
}
