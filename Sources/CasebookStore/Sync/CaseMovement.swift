import CasebookCore

/// A case that came in or went out with a sync: added, changed or deleted between two commits,
/// with the title to name it by.
public struct CaseMovement: Sendable, Equatable {
    /// The case.
    public var id: CaseID
    /// What happened to it.
    public var kind: StoreChange.Kind
    /// Its title: the newer version's, or for a deleted case the older one's.
    public var title: String
}

extension GitStore {
    /// The case files of the store that differ between commits `old` and `new`, in id order,
    /// renames counted as a deletion and an addition (the store's merges do not detect renames).
    ///
    /// One `git diff` and one `git cat-file --batch` for the titles, however many cases moved.
    public func movements(from old: String, to new: String) -> [CaseMovement] {
        let result = git.run(["diff", "--raw", "-z", "--no-renames", "--no-abbrev", old, new, "--", "."])
        guard result.succeeded else { return [] }
        let prefix = storePrefix()
        // ":<mode> <mode> <old object> <new object> <status>\0<path>\0"
        var pending: [(id: CaseID, kind: StoreChange.Kind, object: String)] = []
        var fields = result.output.split(separator: "\0", omittingEmptySubsequences: false).makeIterator()
        while let header = fields.next(), let path = fields.next() {
            let parts = header.split(separator: " ")
            guard parts.count == 5 else { continue }
            var name = String(path)
            if name.hasPrefix(prefix) { name.removeFirst(prefix.count) }
            guard name.hasSuffix(".json"), !name.contains("/"), let id = CaseID(String(name.dropLast(5))) else { continue }
            switch parts[4].first {
            case "A": pending.append((id, .added, String(parts[3])))
            case "D": pending.append((id, .deleted, String(parts[2])))
            default: pending.append((id, .changed, String(parts[3])))
            }
        }
        // Titles only name what moved: without them the cases are still listed, by id.
        let contents = (try? git.objects(pending.map(\.object))) ?? pending.map { _ in nil }
        return zip(pending, contents).map { entry, bytes in
            var title = ""
            if let bytes, let document = try? JSONParser.parse(bytes), let text = document["title"]?.stringValue { title = text }
            return CaseMovement(id: entry.id, kind: entry.kind, title: title)
        }.sorted { $0.id.rawValue < $1.id.rawValue }
    }
}
