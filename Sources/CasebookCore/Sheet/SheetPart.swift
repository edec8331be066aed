import Foundation

/// A field or a whole section: what `show`, `edit` and `revert` take.
public enum SheetPart: Sendable, Equatable {
    case field(SheetField)
    case section(SheetSection)

    /// The fields this part covers.
    public var fields: [SheetField] {
        switch self {
        case .field(let field): [field]
        case .section(let section): section.fields
        }
    }

    /// The label shown for this part.
    public var label: String {
        switch self {
        case .field(let field): field.label
        case .section(let section): section.label
        }
    }

    /// Finds a part by key (`roles`, `roles.city`) or Japanese label (`役割`, `役割（市）`).
    ///
    /// A field wins over a section of the same name, so that `overview`, which
    /// is both, names the field. Half-width parentheses are accepted for the
    /// full-width ones on the sheet, since that is how many people type them.
    public static func named(_ name: String) -> SheetPart? {
        let wanted = name.trimmingWhitespace()
            .replacingOccurrences(of: "(", with: "（")
            .replacingOccurrences(of: ")", with: "）")
        if let field = SheetField.allCases.first(where: { $0.key == wanted || $0.label == wanted }) {
            return .field(field)
        }
        if let section = SheetSection.allCases.first(where: { $0.key == wanted || $0.label == wanted }) {
            return .section(section)
        }
        let partial = containing(wanted)
        return partial.count == 1 ? partial[0] : nil
    }

    /// The fields, else the sections, whose label holds `part` (compared in search form): a unique
    /// part of a label (`概要`, `事業実施`, `図`) names its field; several are ambiguous.
    public static func containing(_ part: String) -> [SheetPart] {
        let wanted = SearchNormalizer.normalize(part.trimmingWhitespace())
        guard !wanted.isEmpty else { return [] }
        let fields = SheetField.allCases.filter { SearchNormalizer.normalize($0.label).contains(wanted) }
        if !fields.isEmpty { return fields.map { .field($0) } }
        return SheetSection.allCases.filter { SearchNormalizer.normalize($0.label).contains(wanted) }.map { .section($0) }
    }

    /// Every name that `named(_:)` accepts, keys then labels, for completion and help.
    public static var allNames: [String] {
        var names: [String] = []
        for field in SheetField.allCases { names.append(field.key) }
        for section in SheetSection.allCases where !names.contains(section.key) { names.append(section.key) }
        for field in SheetField.allCases { names.append(field.label) }
        for section in SheetSection.allCases where !names.contains(section.label) { names.append(section.label) }
        return names
    }
}
