/// The three-way merge of one case file's bytes, for git's merge driver (SPEC §8): the three
/// versions are read as cases, merged field by field (`SheetMerge`), and written canonically;
/// where a part conflicts, git's conflict markers go around just that part's lines of the
/// canonical JSON, mine's lines above, theirs' below.
///
/// Pure: bytes in, bytes out. A version that is not a case this casebook can merge (it does not
/// parse, its types are wrong, or a newer casebook wrote it) is said so, and the caller falls back
/// to a plain text merge.
public enum CaseFileMerge {
    /// How the merge ended.
    public enum Outcome: Sendable {
        /// Merged with nothing left to decide: the canonical bytes.
        case clean([UInt8])
        /// Merged, with conflicts marked in the bytes, and the merge that found them.
        case conflicted([UInt8], SheetMergeResult)
        /// One version cannot be merged field by field, for the reason given.
        case notMergeable(NotMergeable)
    }

    /// Why a version cannot be merged field by field.
    public enum NotMergeable: Error, Sendable, Equatable {
        /// It is not a case this casebook reads (bad JSON, wrong types, markers).
        case unreadable(version: Version, reason: String)
        /// Its schema is newer than this casebook's.
        case newerSchema(version: Version, schema: Int)
    }

    /// Which of the three versions.
    public enum Version: String, Sendable {
        case base, ours, theirs
    }

    /// Merges the three versions; an empty base (both sides added the file) is an empty case.
    public static func merge(base: [UInt8], ours: [UInt8], theirs: [UInt8], markerSize: Int = 7) -> Outcome {
        var sheets: [CaseSheet] = []
        for (version, bytes) in [(Version.base, base), (.ours, ours), (.theirs, theirs)] {
            do {
                sheets.append(try read(bytes, as: version))
            } catch {
                return .notMergeable(error)
            }
        }
        let result = SheetMerge.merge(base: sheets[0], mine: sheets[1], theirs: sheets[2])
        if result.isClean { return .clean(CanonicalJSONWriter.bytes(of: SheetCodec.encode(result.merged))) }
        return .conflicted(markedBytes(result, markerSize: markerSize), result)
    }

    /// Reads one version as a case; empty bytes are an empty case (no common ancestor).
    public static func read(_ bytes: [UInt8], as version: Version) throws(NotMergeable) -> CaseSheet {
        if bytes.isEmpty { return CaseSheet() }
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw .unreadable(version: version, reason: error.description)
        }
        if let schema = SheetCodec.schemaVersion(of: document), schema > SheetCodec.schemaVersion {
            throw .newerSchema(version: version, schema: schema)
        }
        do {
            return try SheetCodec.decode(document)
        } catch {
            throw .unreadable(version: version, reason: error.description)
        }
    }

    // MARK: Marking conflicts

    /// The merged case's canonical text with each conflict between markers: the lines where mine's
    /// value of the part and theirs' differ, mine's first. Conflicts whose lines touch are marked as one.
    static func markedBytes(_ result: SheetMergeResult, markerSize: Int) -> [UInt8] {
        let mineLines = lines(of: result.merged)
        var groups = result.conflicts.map { [$0] }
        var blocks: [Block] = []
        // Group conflicts until no two blocks overlap or touch (two verdicts added to an empty `review`).
        while true {
            blocks = groups.map { block(for: $0, in: result.merged, mineLines: mineLines) }
            guard let (first, second) = touchingPair(blocks) else { break }
            groups[first] += groups[second]
            groups.remove(at: second)
        }
        var out = mineLines
        for block in blocks.sorted(by: { $0.mine.lowerBound > $1.mine.lowerBound }) {
            let marked = [String(repeating: "<", count: markerSize) + " ours"] + Array(mineLines[block.mine])
                + [String(repeating: "=", count: markerSize)] + block.theirs
                + [String(repeating: ">", count: markerSize) + " theirs"]
            out.replaceSubrange(block.mine, with: marked)
        }
        return Array(out.map { $0 + "\n" }.joined().utf8)
    }

    /// One marked place: the range of mine's lines, and theirs' lines in its stead.
    struct Block {
        var mine: Range<Int>
        var theirs: [String]
    }

    private static func lines(of sheet: CaseSheet) -> [String] {
        var text = CanonicalJSONWriter.text(of: SheetCodec.encode(sheet))
        if text.hasSuffix("\n") { text.removeLast() }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The lines where mine and theirs differ for `conflicts`: the merged case with those parts set to
    /// theirs' values, compared line by line with mine from both ends.
    private static func block(for conflicts: [SheetMergeConflict], in merged: CaseSheet, mineLines: [String]) -> Block {
        var theirs = merged
        for conflict in conflicts { set(conflict.subject, to: conflict.theirs, in: &theirs) }
        let theirLines = lines(of: theirs)
        var prefix = 0
        while prefix < mineLines.count, prefix < theirLines.count, mineLines[prefix] == theirLines[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < mineLines.count - prefix, suffix < theirLines.count - prefix,
              mineLines[mineLines.count - 1 - suffix] == theirLines[theirLines.count - 1 - suffix] { suffix += 1 }
        return Block(mine: prefix..<(mineLines.count - suffix), theirs: Array(theirLines[prefix..<(theirLines.count - suffix)]))
    }

    private static func touchingPair(_ blocks: [Block]) -> (Int, Int)? {
        for i in blocks.indices {
            for j in blocks.indices where j > i {
                let a = blocks[i].mine, b = blocks[j].mine
                if a.lowerBound <= b.upperBound && b.lowerBound <= a.upperBound { return (i, j) }
            }
        }
        return nil
    }

    /// Sets one part of `sheet` to a side's value.
    public static func set(_ subject: SheetMergeSubject, to value: SheetMergeValue, in sheet: inout CaseSheet) {
        switch (subject, value) {
        case (.field(let field), .field(let fieldValue)): sheet.setValue(fieldValue, of: field)
        case (.review(let section), .verdict(let verdict)): sheet.review[section] = verdict
        case (.unknownKey(let path), .json(let json)):
            sheet.original = setting(path[...], to: json, in: sheet.original ?? SheetCodec.encode(sheet))
        default: break
        }
    }

    /// `document` with the member at `path` set to `value`, or removed when `value` is `nil`.
    private static func setting(_ path: ArraySlice<String>, to value: JSONValue?, in document: JSONValue) -> JSONValue {
        guard let key = path.first, case .object(var members) = document else { return value ?? document }
        let index = members.lastIndex { $0.key == key }
        if path.count == 1 {
            switch (index, value) {
            case (let index?, let value?): members[index].value = value
            case (let index?, nil): members.remove(at: index)
            case (nil, let value?): members.append(JSONMember(key, value))
            case (nil, nil): break
            }
        } else if let index {
            members[index].value = setting(path.dropFirst(), to: value, in: members[index].value)
        }
        return .object(members)
    }
}
