import Foundation

/// The texts of every message in both languages.
public enum Catalogue {
    /// The text of `key` in `language`, with `%1`, `%2`… replaced by `arguments`.
    public static func text(_ key: MessageKey, _ language: Language, _ arguments: [String] = []) -> String {
        guard let entry = entries[key] else { return key.rawValue }
        var text = language == .japanese ? entry.ja : entry.en
        for (index, argument) in arguments.enumerated().reversed() {
            text = text.replacingOccurrences(of: "%\(index + 1)", with: argument)
        }
        return text
    }

    /// Every entry, English and Japanese.
    public static let entries: [MessageKey: (en: String, ja: String)] = coreEntries.merging(shellEntries) { a, _ in a }.merging(reviewEntries) { a, _ in a }
}
