/// What `export` tells the user: its progress, what it wrote, and why it could not.
public enum ExportMessage: BilingualMessage {
    /// The progress line: `done` of `total` cases rendered.
    case progress(done: Int, total: Int)
    /// Chromium is printing the PDF.
    case printing
    /// The export is written: `count` cases as `format` at `path`, of which `upToDate` pages were
    /// already as they would be made, and not made again.
    case wrote(count: Int, format: String, path: String, upToDate: Int = 0)
    /// The print HTML is kept beside the PDF.
    case wroteBook(path: String)
    /// Pages an earlier export made for cases this one does not export were removed (`names`, the first few).
    case removedPages(count: Int, names: [String])
    /// No case was selected (`status` is the filter, if one was given).
    case nothingToExport(status: String?)
    /// A case's page would have the index's name (the case `index`).
    case pageWouldBeTheIndex(id: String, indexName: String, format: String)
    /// FORMAT is not one of the formats.
    case unknownFormat(String, accepted: [String])
    /// `--encoding` names an encoding that is not offered.
    case unknownEncoding(String, accepted: [String])
    /// `--encoding` was given for a format other than csv.
    case encodingOnlyForCSV
    /// `--status` names no status.
    case unknownStatus(String)
    /// `-o -` (standard output) for a format that writes several files.
    case standardOutputOnlyForCSV
    /// A cell holds a character the encoding cannot hold; nothing was written.
    case unencodable(caseID: String, column: String, character: String, codePoints: String, encoding: String)
    /// Chromium is not installed: what to install; the HTML was written at `htmlPath`.
    case chromiumMissing(htmlPath: String, packages: [String])
    /// Chromium ran past its time limit.
    case chromiumTimedOut(seconds: Int, htmlPath: String)
    /// Chromium failed or wrote no PDF; carries what it printed.
    case chromiumFailed(detail: String, htmlPath: String)
    /// A sheet is taller than one A4 page, so it takes more than one.
    case sheetTooTall(id: String, title: String, millimetres: Int, pageMillimetres: Int)
    /// A printed line starts with a character that must not start one.
    case forbiddenLineStart(id: String, character: String, context: String)
    /// A diagram label is wider than its box as the browser drew it.
    case labelOverflows(id: String, label: String)
    /// The layout could not be checked (Chromium's DOM dump failed); the PDF is still written.
    case layoutNotChecked(detail: String)
    /// The output path is in the way (a file where a folder is needed, or the other way round).
    case outputInTheWay(path: String, needsFolder: Bool)
    /// Writing failed.
    case writeFailed(path: String, reason: String)
    /// Why a page was not written: a symbolic link, or something else that is not a regular file, stands there.
    case notARegularFile
    /// Several pages could not be written: the first, and how many others.
    case writesFailed(path: String, reason: String, others: Int)

    public var japanese: MessageText {
        switch self {
        case .progress(let done, let total):
            "書き出し中 \(done)/\(total) 件（\(total == 0 ? 100 : done * 100 / total)%）"
        case .printing:
            "Chromium で PDF を印刷しています…"
        case .wrote(let count, let format, let path, let upToDate) where upToDate > 0:
            "\(count) 件を \(format) で書き出しました: \(path)（前回から変わっていない \(upToDate) ページは作り直していません）"
        case .wrote(let count, let format, let path, _):
            "\(count) 件を \(format) で書き出しました: \(path)"
        case .wroteBook(let path):
            "印刷した HTML: \(path)"
        case .removedPages(let count, let names):
            "今回書き出さなかった事例のページ \(count) 件を削除しました（以前の書き出しで作ったまま変わっていないもの）: \(names.joined(separator: "、"))\(verbatim: count > names.count ? " ほか" : "")"
        case .nothingToExport(let status):
            if let status { "状態が \(status) の事例がないため、何も書き出していません。" } else { "書き出す事例がありません。" }
        case .pageWouldBeTheIndex(let id, let indexName, let format):
            "事例 \(id) は \(format) で書き出せません。そのページが目次と同じ \(indexName) になるためです。別の id に変えてから（rename \(id) 新しいid）もう一度書き出してください。何も書き出していません。"
        case .unknownFormat(let value, let accepted):
            "形式「\(value)」は使えません。使える形式: \(accepted, separator: "、")"
        case .unknownEncoding(let value, let accepted):
            "文字コード「\(value)」は使えません。使える文字コード: \(accepted, separator: "、")"
        case .encodingOnlyForCSV:
            "--encoding は csv の書き出しにだけ指定できます。"
        case .unknownStatus(let value):
            "--status には draft、review、approved のいずれかを指定してください（「\(value)」は使えません）。"
        case .standardOutputOnlyForCSV:
            "-o -（標準出力）は csv にだけ使えます。html・md・pdf にはフォルダーかファイルの名前を指定してください。"
        case .unencodable(let id, let column, let character, let codePoints, let encoding):
            "事例 \(id) の「\(column)」にある文字「\(character)」（\(codePoints)）は \(encoding) で表せません。何も書き出していません。--encoding utf-8（既定）で書き出すか、その文字を置き換えてください。"
        case .chromiumMissing(let path, let packages):
            "Chromium が見つからないため PDF を作れませんでした。HTML は書き出しました: \(path)\nPDF に必要なもの: apt-get install \(packages, separator: " ")"
        case .chromiumTimedOut(let seconds, let path):
            "Chromium が \(seconds) 秒で終わらなかったため止めました。PDF は作れませんでした。HTML は書き出しました: \(path)"
        case .chromiumFailed(let detail, let path):
            "Chromium が PDF を書きませんでした。HTML は書き出しました: \(path)\nChromium の出力: \(detail)"
        case .sheetTooTall(let id, let title, let height, let page):
            "「\(title)」（\(id)）は A4 一枚に収まりません（高さ \(height) mm、ページの本文は \(page) mm）。2 ページ以上になります。"
        case .forbiddenLineStart(let id, let character, let context):
            "\(id): 行頭に「\(character)」が来ています（…\(context)…）。"
        case .labelOverflows(let id, let label):
            "\(id): 協働の図のラベル「\(label)」が枠からはみ出しています。"
        case .layoutNotChecked(let detail):
            "レイアウト（一枚に収まるか）を確かめられませんでした: \(detail)"
        case .outputInTheWay(let path, let needsFolder):
            if needsFolder { "\(path) はフォルダーではなくファイルです。別の -o を指定してください。" } else { "\(path) はファイルではなくフォルダーです。別の -o を指定してください。" }
        case .writeFailed(let path, let reason):
            "\(path) を書けませんでした: \(reason)"
        case .notARegularFile: "シンボリックリンクか通常のファイルではないため、その先には書き込みません"
        case .writesFailed(let path, let reason, let others):
            "\(path) を書けませんでした: \(reason)（ほかに \(others) 件も書けませんでした。書けなかったファイルは元のままです）"
        }
    }

    public var english: MessageText {
        switch self {
        case .progress(let done, let total):
            "Exporting \(done)/\(total) cases (\(total == 0 ? 100 : done * 100 / total)%)"
        case .printing:
            "Printing the PDF with Chromium…"
        case .wrote(let count, let format, let path, let upToDate) where upToDate > 0:
            "Wrote \(count) \(verbatim: count == 1 ? "case" : "cases") as \(format): \(path) (\(upToDate) \(verbatim: upToDate == 1 ? "page was" : "pages were") up to date and not made again)"
        case .wrote(let count, let format, let path, _):
            "Wrote \(count) \(verbatim: count == 1 ? "case" : "cases") as \(format): \(path)"
        case .wroteBook(let path):
            "The HTML it printed: \(path)"
        case .removedPages(let count, let names):
            "Removed \(count) \(verbatim: count == 1 ? "page" : "pages") of cases not in this export (made by an earlier export and unchanged since): \(names.joined(separator: ", "))\(verbatim: count > names.count ? ", …" : "")"
        case .nothingToExport(let status):
            if let status { "No case has status \(status); nothing was written." } else { "There are no cases to export." }
        case .pageWouldBeTheIndex(let id, let indexName, let format):
            "The case \(id) cannot be exported as \(format): its page would be \(indexName), the table of contents. Give it another id (rename \(id) NEW-ID) and export again. Nothing was written."
        case .unknownFormat(let value, let accepted):
            "There is no format “\(value)”. FORMAT is one of: \(accepted, separator: ", ")."
        case .unknownEncoding(let value, let accepted):
            "There is no encoding “\(value)”. --encoding takes: \(accepted, separator: ", ")."
        case .encodingOnlyForCSV:
            "--encoding is for csv only."
        case .unknownStatus(let value):
            "--status takes draft, review or approved, not “\(value)”."
        case .standardOutputOnlyForCSV:
            "-o - (standard output) is for csv only; html, md and pdf need a folder or file name."
        case .unencodable(let id, let column, let character, let codePoints, let encoding):
            "Case \(id), \(column): the character “\(character)” (\(codePoints)) cannot be written in \(encoding). Nothing was written. Export with --encoding utf-8 (the default) or replace the character."
        case .chromiumMissing(let path, let packages):
            "Chromium was not found, so no PDF was made. The HTML is written: \(path)\nPDF export needs: apt-get install \(packages, separator: " ")"
        case .chromiumTimedOut(let seconds, let path):
            "Chromium did not finish within \(seconds) s and was stopped; no PDF was made. The HTML is written: \(path)"
        case .chromiumFailed(let detail, let path):
            "Chromium wrote no PDF. The HTML is written: \(path)\nChromium said: \(detail)"
        case .sheetTooTall(let id, let title, let height, let page):
            "“\(title)” (\(id)) does not fit on one A4 page (\(height) mm tall; a page holds \(page) mm): it takes more than one page."
        case .forbiddenLineStart(let id, let character, let context):
            "\(id): a line starts with “\(character)” (…\(context)…)."
        case .labelOverflows(let id, let label):
            "\(id): the diagram label “\(label)” is wider than its box."
        case .layoutNotChecked(let detail):
            "Could not check the layout (whether each sheet fits its page): \(detail)"
        case .outputInTheWay(let path, let needsFolder):
            if needsFolder { "\(path) is a file, not a folder; give another -o." } else { "\(path) is a folder, not a file; give another -o." }
        case .writeFailed(let path, let reason):
            "Could not write \(path): \(reason)"
        case .notARegularFile: "a symbolic link or not a regular file; it is not written through"
        case .writesFailed(let path, let reason, let others):
            "Could not write \(path): \(reason) (nor \(others, "other file", "other files"); the files not written are as they were)"
        }
    }
}
