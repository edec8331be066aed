/// Reading many objects from git in one run: `git cat-file --batch`.
///
/// Titles of a hundred cases that came in with a sync, or the three stages of every conflicted
/// file, cost one process instead of one `git show` each.
extension GitRunner {
    /// The contents of each object named in `names` (`HEAD:./a.json`, `:2:Store/a.json`, a blob id),
    /// in the same order; `nil` for a name git does not find.
    /// - Throws: git's result when it failed or was stopped (a Ctrl-C): then nothing is known of any
    ///   name, which is not the same as every name missing.
    public func objects(_ names: [String]) throws(GitResult) -> [[UInt8]?] {
        guard !names.isEmpty else { return [] }
        // A name with a line break cannot be asked for in batch mode; such a name never reaches here
        // from casebook (case ids are lower-case ASCII), but it must not shift the answers either.
        let asked = names.map { $0.contains("\n") ? "missing-object-name" : $0 }
        let result = run(["cat-file", "--batch"], input: asked.joined(separator: "\n") + "\n")
        guard result.succeeded else { throw result }
        let bytes = result.outputBytes
        var answers: [[UInt8]?] = []
        var index = 0
        while answers.count < names.count, index < bytes.count {
            guard let lineEnd = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let header = String(decoding: bytes[index..<lineEnd], as: UTF8.self)
            index = lineEnd + 1
            let fields = header.split(separator: " ")
            // "<oid> <type> <size>", or "<name> missing" / "<name> ambiguous".
            guard fields.count == 3, let size = Int(fields[2]), index + size <= bytes.count else {
                answers.append(nil)
                continue
            }
            answers.append(Array(bytes[index..<(index + size)]))
            index += size + 1
        }
        while answers.count < names.count { answers.append(nil) }
        return answers
    }
}
