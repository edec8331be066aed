/// Messages about the store, finding cases in it, and saving or deleting them (SPEC §2).
public enum StoreMessage: BilingualMessage {
    /// No store directory at `path`.
    case storeMissing(path: String)
    /// A summary of the store after a reload.
    case storeOpened(path: String, cases: Int, uncommitted: Int)
    /// A file that did not load, by name, with the reason.
    case problem(fileName: String, reason: FileProblemMessage)
    /// A reference that names no case.
    case caseNotFound(reference: String)
    /// A reference that names several cases; each candidate with its title.
    case caseAmbiguous(reference: String, candidates: [(id: CaseID, title: String)])
    /// A command that needs a case when none is given and none is open.
    case noOpenCase
    /// A typed id that is not a valid id.
    case badID(typed: String)
    /// An id already in use.
    case idTaken(id: CaseID)
    /// A file a newer casebook wrote.
    case readOnlyNewer(fileName: String, schema: Int)
    /// A save the system refused.
    case saveFailed(path: String, reason: String)
    /// A case saved.
    case saved(id: CaseID)
    /// A case that needed no save.
    case unchanged(id: CaseID)
    /// The question before a case is deleted.
    case deleteConfirm(id: CaseID, title: String)
    /// A case deleted.
    case deleted(id: CaseID)
    /// A question answered no.
    case cancelled

    public var japanese: MessageText {
        switch self {
        case .storeMissing(let path):
            "\(path) にストアがありません。--store DIR か CASEBOOK_STORE で指定するか、`casebook init DIR` で作成してください。"
        case .storeOpened(let path, let cases, let uncommitted): "\(path): \(cases) 件、未コミットの変更 \(uncommitted) 件"
        case .problem(let fileName, let reason): "\(fileName): 読み込めません: \(reason, in: .japanese)"
        case .caseNotFound(let reference): "「\(reference)」に当たる事例がありません。ID、ID の先頭、または事業名の一部を指定してください。"
        case .caseAmbiguous(let reference, let candidates):
            "「\(reference)」は複数の事例に当たります。どれか指定してください:\(Self.candidateLines(candidates))"
        case .noOpenCase: "どの事例ですか。事例を指定するか、先に `open` してください。"
        case .badID(let typed):
            "「\(typed)」は ID に使えません。小文字の a-z、0-9 と単独のハイフンで 48 文字以内にしてください（例: shigen-shudan-kaishu）。"
        case .idTaken(let id): "ID \(id.rawValue) の事例はすでにあります。"
        case .readOnlyNewer(let fileName, let schema): "\(fileName) は新しい casebook（schema \(schema)）で書かれたため、読み取り専用です。"
        case .saveFailed(let path, let reason): "\(path) を保存できません: \(reason)"
        case .saved(let id): "\(id.rawValue) を保存しました。"
        case .unchanged(let id): "\(id.rawValue): 変更はありません。"
        case .deleteConfirm(let id, let title): "\(id.rawValue)「\(title)」を削除しますか。削除するなら yes（または y）と入力:"
        case .deleted(let id): "\(id.rawValue) を削除しました。"
        case .cancelled: "取り消しました。何も変更していません。"
        }
    }

    public var english: MessageText {
        switch self {
        case .storeMissing(let path):
            "No store at \(path). Give one with --store DIR or CASEBOOK_STORE, or create one with `casebook init DIR`."
        case .storeOpened(let path, let cases, let uncommitted): "\(path): \(cases) cases, \(uncommitted) with uncommitted changes"
        case .problem(let fileName, let reason): "\(fileName): not loaded: \(reason, in: .english)"
        case .caseNotFound(let reference): "No case matches “\(reference)”. Give an id, the start of an id, or part of a title."
        case .caseAmbiguous(let reference, let candidates):
            "“\(reference)” matches several cases; say which:\(Self.candidateLines(candidates))"
        case .noOpenCase: "Which case? Give one, or `open` one first."
        case .badID(let typed):
            "“\(typed)” is not a valid id: use lower-case a-z, 0-9 and single hyphens (at most 48 characters, e.g. shigen-shudan-kaishu)."
        case .idTaken(let id): "A case with id \(id.rawValue) exists already."
        case .readOnlyNewer(let fileName, let schema): "\(fileName) was written by a newer casebook (schema \(schema)); this one only reads it."
        case .saveFailed(let path, let reason): "Could not save \(path): \(reason)"
        case .saved(let id): "Saved \(id.rawValue)."
        case .unchanged(let id): "\(id.rawValue): no change."
        case .deleteConfirm(let id, let title): "Delete \(id.rawValue) “\(title)”? Type yes (or y) to delete:"
        case .deleted(let id): "Deleted \(id.rawValue)."
        case .cancelled: "Cancelled; nothing changed."
        }
    }

    /// One indented line per candidate, `  id  title`, each after a line break, the titles in a column.
    private static func candidateLines(_ candidates: [(id: CaseID, title: String)]) -> MessageText {
        let idWidth = candidates.map { DisplayWidth.of($0.id.rawValue) }.max() ?? 0
        return MessageText.joined(candidates.map { "\(verbatim: "\n")  \(DisplayWidth.padded($0.id.rawValue, to: idWidth))  \($0.title)" }, separator: "")
    }
}
