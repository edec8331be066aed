import ArgumentParser
import CasebookCore

/// `find TEXT`: every field of every case, compared in normal form (SPEC §3.4).
struct FindCommand: StoreCommand {
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

    func run(in session: Session) throws {
        let query = words.joined(separator: " ")
        let needle = SearchNormalizer.normalize(query)
        let colour = session.usesColour
        let mark: @Sendable (String) -> String = { colour ? "\u{1B}[1;7m\($0)\u{1B}[0m" : "[[\($0)]]" }
        // The store finds the texts that contain the query (from its index, on every core);
        // only those are split into characters to mark each match in its passage.
        let perCase = session.store.search(needle) { hit -> [String] in
            let title = TerminalSafeText.make(hit.title)
            var lines: [String] = []
            for (field, text) in hit.texts {
                for passage in SearchMatch.passages(of: needle, in: text, mark: mark) {
                    lines.append(hit.id.rawValue + "\t" + title + "\t" + field.label + "\t" + passage)
                }
            }
            return lines
        }
        var hits = 0
        var pending = ""
        var casesHit = 0
        for lines in perCase where !lines.isEmpty {
            casesHit += 1
            hits += lines.count
            for line in lines {
                pending += line + "\n"
                // Written in blocks: one write per line costs more than the search at 10,000 cases.
                if pending.utf8.count > 65536 {
                    session.output.raw(pending)
                    pending = ""
                }
            }
        }
        session.output.raw(pending)
        if hits == 0 {
            session.warn(ListMessage.noMatch(query: query))
            session.exitStatus = 1
        } else if session.outputIsTerminal {
            session.say(ListMessage.matchCount(matches: hits, cases: casesHit))
        }
    }
}
