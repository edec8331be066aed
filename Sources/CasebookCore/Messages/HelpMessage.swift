/// The words of help (SPEC §3.6, §3.7): casebook's own description, and the headings and fixed
/// lines that help screens are made of.
public enum HelpMessage: BilingualMessage {
    /// What casebook is, in one sentence.
    case abstract
    /// How the shell starts and how cases are named.
    case discussion

    public var japanese: MessageText {
        switch self {
        case .abstract: "協働事例紹介シートを JSON で保存し、git で管理しながら作成・編集・レビューします。"
        case .discussion:
            "コマンドを省略すると、ストア（Store/、--store DIR または CASEBOOK_STORE）で対話シェルを起動します。事例は ID、ID の先頭、または事業名の一部で指定します。"
        }
    }

    public var english: MessageText {
        switch self {
        case .abstract: "Draft, edit and review 協働事例紹介シート (collaboration case sheets) stored as JSON in git."
        case .discussion:
            "Without a command, starts the interactive shell on the store (Store/, --store DIR or CASEBOOK_STORE). A case is named by its id, the start of its id, or part of its title."
        }
    }
}
