import Foundation

/// The normal form both sides of a `find` are compared in (SPEC §3.4):
/// NFKC, Latin case folded, katakana as hiragana.
public enum SearchNormalizer {
    /// `text` in search form. `ＮＰＯ` and `npo` agree; so do `はぐくーむ` and `ハグクーム`.
    public static func normalize(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        let nfkc = text.precomposedStringWithCompatibilityMapping
        var scalars = String.UnicodeScalarView()
        for scalar in nfkc.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A:
                scalars.append(Unicode.Scalar(scalar.value + 0x20)!)
            case 0x30A1...0x30F6, 0x30FD...0x30FE:
                // Katakana ァ..ヶ and the iteration marks map onto hiragana 0x60 below them.
                scalars.append(Unicode.Scalar(scalar.value - 0x60)!)
            default:
                if scalar.value >= 0x80, scalar.properties.changesWhenCaseFolded {
                    scalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
                } else {
                    scalars.append(scalar)
                }
            }
        }
        return String(scalars)
    }
}
