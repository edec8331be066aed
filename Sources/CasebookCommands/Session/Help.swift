import CasebookCore

#if canImport(Glibc)
import Glibc
#endif

/// Help texts in the user's language, chosen when the command types are first described.
enum Help {
    /// The language of this process, from the locale variables.
    static let language: Language = {
        var environment: [String: String] = [:]
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        return Language.from(environment: environment)
    }()

    /// `english` or `japanese`, whichever the user reads.
    static func text(_ english: String, _ japanese: String) -> String {
        language == .japanese ? japanese : english
    }
}
