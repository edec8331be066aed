import ArgumentParser
import CasebookCore
import CasebookStore
import Foundation

/// `merge-driver BASE OURS THEIRS MARKER-SIZE PATH`: git's merge driver for the store's `*.json`
/// (SPEC §8), run by git as `casebook merge-driver %O %A %B %L %P`.
///
/// It writes the result into OURS and nothing else — not the work tree, not the index: canonical
/// (byte-equal to `jq .`), exit 0 when clean; with git's markers around just the conflicting
/// parts' lines, exit 1, when a conflict remains. A version that does not parse or has a newer
/// schema gets a plain three-way text merge (`git merge-file`), exit 1.
struct MergeDriverCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "merge-driver",
            abstract: Help.text("git's merge driver for case files: merges field by field (git runs it; registered by init, sync and the shell).",
                                "事例ファイル用の git マージドライバ。項目ごとにマージします（git が実行。init・sync・シェル起動時に登録）。"),
            discussion: Help.text("Writes the result into OURS only; exit 0 clean, 1 a conflict remains (markers around the conflicting field). Registered in .git/config as: casebook merge-driver %O %A %B %L %P",
                                  "結果は OURS にだけ書きます。終了コード 0 競合なし、1 競合あり（競合した項目の行をマーカーで囲む）。.git/config への登録内容: casebook merge-driver %O %A %B %L %P"))
    }

    @Argument(help: ArgumentHelp(Help.text("The common ancestor's version (%O).", "共通の祖先の版（%O）"), valueName: "base"))
    var base: String
    @Argument(help: ArgumentHelp(Help.text("This side's version, and where the result goes (%A).", "こちら側の版。結果もここに書きます（%A）"), valueName: "ours"))
    var ours: String
    @Argument(help: ArgumentHelp(Help.text("The other side's version (%B).", "相手側の版（%B）"), valueName: "theirs"))
    var theirs: String
    @Argument(help: ArgumentHelp(Help.text("The conflict marker size (%L).", "競合マーカーの長さ（%L）"), valueName: "marker-size"))
    var markerSize: Int
    @Argument(help: ArgumentHelp(Help.text("The file's path in the repository (%P), for messages.", "リポジトリ内のパス（%P）。メッセージ用"), valueName: "path"))
    var path: String = ""

    func validate() throws {
        guard markerSize > 0, markerSize < 1000 else {
            throw ValidationError(Help.text("marker-size must be a whole number from 1 to 999.", "marker-size は 1 から 999 の整数です。"))
        }
    }

    func run() throws {
        let language = Help.language
        var versions: [[UInt8]] = []
        do throws(SystemError) {
            for file in [base, ours, theirs] { versions.append(try FileSystem.readFile(file)) }
        } catch {
            FileHandle.standardError.write(Data((MergeDriverMessage.unreadable(path: path, reason: error.description).text(in: language) + "\n").utf8))
            throw ExitCode(2)
        }
        switch CaseFileMerge.merge(base: versions[0], ours: versions[1], theirs: versions[2], markerSize: markerSize) {
        case .clean(let bytes):
            try write(bytes)
        case .conflicted(let bytes, let result):
            try write(bytes)
            let labels = result.conflicts.map(\.subject.label)
            FileHandle.standardError.write(Data((MergeDriverMessage.conflict(path: path, labels: labels).text(in: language) + "\n").utf8))
            throw ExitCode(1)
        case .notMergeable(let reason):
            // git's own line merge, with git's markers; a person settles it by hand.
            let result = GitRunner(directory: ".").run(
                ["merge-file", "-p", "--marker-size=\(markerSize)", "-L", "ours", "-L", "base", "-L", "theirs", ours, base, theirs])
            if result.status >= 0 && result.status < 128 { try write(result.outputBytes) }
            FileHandle.standardError.write(Data((MergeDriverMessage.textMerge(path: path, reason: reason).text(in: language) + "\n").utf8))
            throw ExitCode(1)
        }
    }

    /// Replaces OURS's content in place: git reads the result from that very file.
    private func write(_ bytes: [UInt8]) throws {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: ours))
        } catch {
            FileHandle.standardError.write(Data("casebook merge-driver: \(ours): \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}
