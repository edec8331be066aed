/// The language of messages, prompts and help (SPEC §3.7); field labels are always Japanese.
public enum Language: String, Sendable, CaseIterable {
    case japanese = "ja"
    case english = "en"

    /// Japanese when `LC_ALL`, `LC_MESSAGES` or `LANG` — the first one set — begins with `ja`.
    public static func from(environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty {
                return value.hasPrefix("ja") ? .japanese : .english
            }
        }
        return .english
    }
}
