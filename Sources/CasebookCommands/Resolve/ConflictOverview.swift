import CasebookCore
import CasebookStore

/// One conflicted store file of a merge under way, read from the index's three stages.
enum CaseConflict {
    /// Both sides changed the case: the merge of the three versions, with what still conflicts.
    case fields(id: CaseID, result: SheetMergeResult)
    /// One side deleted the case, the other changed it; `remaining` is the changed version.
    case deletedOnOneSide(id: CaseID, mineDeleted: Bool, remaining: CaseSheet)
    /// A version is not a case this casebook can merge.
    case notMergeable(name: String, reason: CaseFileMerge.NotMergeable)
    /// Not a case file (`.gitattributes`, a file in a subdirectory): git's business.
    case otherFile(name: String)

    /// The conflict of `file`.
    static func of(_ file: ConflictedFile) -> CaseConflict {
        guard let id = file.id else { return .otherFile(name: file.name) }
        do throws(CaseFileMerge.NotMergeable) {
            switch (file.ours, file.theirs) {
            case (nil, let theirs?):
                return .deletedOnOneSide(id: id, mineDeleted: true, remaining: try CaseFileMerge.read(theirs, as: .theirs))
            case (let ours?, nil):
                return .deletedOnOneSide(id: id, mineDeleted: false, remaining: try CaseFileMerge.read(ours, as: .ours))
            case (let ours?, let theirs?):
                let base = try CaseFileMerge.read(file.base ?? [], as: .base)
                let result = SheetMerge.merge(base: base, mine: try CaseFileMerge.read(ours, as: .ours),
                                              theirs: try CaseFileMerge.read(theirs, as: .theirs))
                return .fields(id: id, result: result)
            case (nil, nil):
                return .otherFile(name: file.name)
            }
        } catch {
            return .notMergeable(name: file.name, reason: error)
        }
    }

    /// A reason a version is not mergeable, in a few words.
    static func describe(_ reason: CaseFileMerge.NotMergeable) -> String {
        switch reason {
        case .unreadable(let version, let why): "\(version.rawValue): \(why)"
        case .newerSchema(let version, let schema): "\(version.rawValue): schema \(schema)"
        }
    }
}

/// The conflicted cases of a merge under way, one line each: id, title, and what conflicts.
enum ConflictOverview {
    /// The lines for every conflicted store file.
    static func lines(in session: Session) -> [String] {
        let git = GitStore(storePath: session.store.path)
        return git.conflictedFiles().map { file in
            switch CaseConflict.of(file) {
            case .fields(let id, let result):
                let labels = result.conflicts.map(\.subject.label)
                return session.text(SyncMessage.conflictFields(id: id.rawValue, title: session.shownTitle(result.merged.title), labels: labels))
            case .deletedOnOneSide(let id, let mineDeleted, let remaining):
                if !mineDeleted, let renamed = git.incomingRename(of: file) {
                    return session.text(SyncMessage.conflictRenamed(id: id.rawValue, title: session.shownTitle(remaining.title), to: renamed.rawValue))
                }
                return session.text(SyncMessage.conflictDeleted(id: id.rawValue, title: session.shownTitle(remaining.title)))
            case .notMergeable(let name, _), .otherFile(let name):
                return session.text(SyncMessage.conflictWhole(name: name))
            }
        }
    }
}
