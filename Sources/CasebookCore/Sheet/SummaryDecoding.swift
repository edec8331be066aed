/// A case's summary straight from its file's bytes, without making the texts a summary does not
/// show: what `list` on first use (no index) needs of each of 10,000 files.
///
/// The document is parsed with empty arrays standing in for those texts (`JSONStandIns`), which
/// refuses exactly the files a full parse refuses, and then decoded by `SheetCodec` as any
/// document is: the stood-in arrays are valid wherever they stand, so the decoding fails exactly
/// when it fails on the whole document, and gives the same values for every field it did read.
extension CaseSummary {
    /// The fields a summary is made of (`init(of:)` reads these, and the review); the texts of the
    /// others are not read to make it. A test checks that a summary made without them is the same.
    static let fields: [SheetField] = [.title, .departments, .partners, .form, .started, .domain]

    /// The arrays of a document that a summary does not need.
    static let standIns = JSONStandIns(SheetField.allCases.filter { !fields.contains($0) }.flatMap { field in
        SheetCodec.standInArrays(of: field)
    })

    /// The summary of the case file `bytes`, as `CaseSummary(of:)` of the decoded sheet gives it;
    /// `nil` when the file does not decode, or when its review has verdicts (whose flags are
    /// checked against hashes of every text), for the caller to decode it whole.
    public static func decoding(_ bytes: [UInt8]) -> CaseSummary? {
        // A file as casebook writes it is read without building a document at all.
        if let summary = CanonicalCaseScan.summary(of: bytes) { return summary }
        guard let document = try? JSONParser.parse(bytes, standingIn: standIns),
              let sheet = try? SheetCodec.decode(document), sheet.review.isEmpty else { return nil }
        return CaseSummary(of: sheet)
    }
}

extension SheetCodec {
    /// The arrays in `field`'s value that an empty array may stand in for, with what they hold:
    /// the shapes `decode` reads them with.
    static func standInArrays(of field: SheetField) -> [(path: [String], elements: JSONStandIns.Elements)] {
        let path = field.description.path
        return switch field.description.storage {
        case .line, .eraYear: []
        case .items: [(path, .strings)]
        case .diagram: [(path + ["actors"], .strings), (path + ["notes"], .strings), (path + ["flows"], .objectsOfStrings)]
        }
    }
}
