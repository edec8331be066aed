/// A Japanese era (元号) that a sheet's starting year can be given in.
public enum Era: String, CaseIterable, Sendable {
    case showa = "昭和"
    case heisei = "平成"
    case reiwa = "令和"

    /// The Western year of the era's first year (元年).
    public var firstWesternYear: Int {
        switch self {
        case .showa: 1926
        case .heisei: 1989
        case .reiwa: 2019
        }
    }

    /// The one-letter abbreviation (`S`, `H`, `R`).
    public var letter: Character {
        switch self {
        case .showa: "S"
        case .heisei: "H"
        case .reiwa: "R"
        }
    }

    /// The last valid year number, given the current Western year for 令和 ("next year" at most).
    public func lastYear(currentWesternYear: Int) -> Int {
        switch self {
        case .showa: 63
        case .heisei: 31
        case .reiwa: currentWesternYear + 1 - Era.reiwa.firstWesternYear + 1
        }
    }
}

/// 事業実施（年度）: an era and, when known, the year in it (SPEC §1.1).
public struct EraYear: Sendable, Equatable, CustomStringConvertible {
    /// The era.
    public var era: Era
    /// The year within the era (1 is 元年), or `nil` when only the era is known.
    public var year: Int?

    /// Makes an era year without checking its range; `parse` checks.
    public init(era: Era, year: Int?) {
        self.era = era
        self.year = year
    }

    /// The Western fiscal year, when the year is known.
    public var westernYear: Int? {
        year.map { era.firstWesternYear + $0 - 1 }
    }

    /// How the sheet shows it: `昭和60年度（1985年度）`, `平成元年度（1989年度）`, `平成年度（年不明）`.
    public var displayText: String {
        guard let year, let western = westernYear else { return "\(era.rawValue)年度（年不明）" }
        let yearText = year == 1 ? "元" : String(year)
        return "\(era.rawValue)\(yearText)年度（\(western)年度）"
    }

    /// The short form a walk puts on the line for editing, e.g. `昭和60` or `平成`.
    public var editingText: String {
        guard let year else { return era.rawValue }
        // Year 1 is 元年, as it is written and shown (平成元年度).
        return era.rawValue + (year == 1 ? "元" : String(year))
    }

    /// The era year whose `editingText` is `text` (as the store's index keeps it), or `nil`
    /// when `text` is empty or not such a text. Unlike `parse`, any year the file held is taken
    /// back as it was, whatever the current year.
    public init?(editingText text: String) {
        guard let era = Era.allCases.first(where: { text.hasPrefix($0.rawValue) }) else { return nil }
        let rest = text.dropFirst(era.rawValue.count)
        if rest.isEmpty {
            self.init(era: era, year: nil)
        } else if rest == "元" {
            self.init(era: era, year: 1)
        } else if let year = Int(rest), String(year) == rest {
            self.init(era: era, year: year)
        } else {
            return nil
        }
    }

    public var description: String { displayText }

    /// Why an era-year input was refused.
    public enum ParseError: Error, Sendable, Equatable {
        /// The input is not in any accepted form.
        case unrecognised(String)
        /// The year is outside the era (e.g. 昭和64); carries the era and its last valid year.
        case outOfRange(era: Era, year: Int, lastYear: Int)
        /// A Western year before 昭和 or after next year.
        case westernYearOutOfRange(Int, lastYear: Int)
    }

    /// Reads what a person typed: `昭和60`, `S60`, `s60`, `平成元`, `令和5`, `R5`, `1985`, `平成`,
    /// full-width digits, with or without spaces and a trailing `年` or `年度` (and `～`).
    ///
    /// - Parameter currentWesternYear: bounds 令和, which is valid up to next year.
    public static func parse(_ input: String, currentWesternYear: Int) throws(ParseError) -> EraYear {
        // An IME in full-width mode types Ｈ３０ and Ｓ６０年度: full-width Latin letters count as ASCII.
        let halfWidth = String(String.UnicodeScalarView(input.withASCIIDigits().unicodeScalars.map { scalar in
            (0xFF21...0xFF3A).contains(scalar.value) || (0xFF41...0xFF5A).contains(scalar.value)
                ? Unicode.Scalar(scalar.value - 0xFEE0)! : scalar
        }))
        var text = halfWidth.filter { !$0.isWhitespace }
        for suffix in ["～", "〜", "~"] where text.hasSuffix(suffix) { text.removeLast() }
        if text.hasSuffix("年度") { text.removeLast(2) } else if text.hasSuffix("年") { text.removeLast() }
        guard !text.isEmpty else { throw .unrecognised(input) }

        if text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) {
            guard text.count <= 4, let western = Int(text) else { throw .unrecognised(input) }
            guard text.count == 4 else { throw .unrecognised(input) }
            let last = currentWesternYear + 1
            guard western >= Era.showa.firstWesternYear, western <= last else {
                throw .westernYearOutOfRange(western, lastYear: last)
            }
            let era = Era.allCases.last(where: { $0.firstWesternYear <= western })!
            return EraYear(era: era, year: western - era.firstWesternYear + 1)
        }

        var era: Era?
        var rest = Substring(text)
        for candidate in Era.allCases {
            if rest.hasPrefix(candidate.rawValue) {
                era = candidate
                rest = rest.dropFirst(candidate.rawValue.count)
                break
            }
            if let first = rest.first, first.uppercased() == String(candidate.letter), first.isASCII {
                era = candidate
                rest = rest.dropFirst()
                break
            }
        }
        guard let era else { throw .unrecognised(input) }
        if rest.isEmpty {
            // A bare letter ("S") is too little to be sure it was meant as an era.
            guard text.count > 1 else { throw .unrecognised(input) }
            return EraYear(era: era, year: nil)
        }
        let year: Int
        if rest == "元" {
            year = 1
        } else if rest.allSatisfy({ $0.isASCII && $0.isNumber }), rest.count <= 3, let number = Int(rest) {
            year = number
        } else {
            throw .unrecognised(input)
        }
        let last = era.lastYear(currentWesternYear: currentWesternYear)
        guard year >= 1, year <= last else { throw .outOfRange(era: era, year: year, lastYear: last) }
        return EraYear(era: era, year: year)
    }
}
