/// The fingerprint of a section's content that a review verdict records.
///
/// It hashes the canonical JSON of the section's fields, so it changes exactly
/// when what a reviewer would read changes, and not when another section does.
public enum SectionHash {
    /// The hash of `section` in `sheet`, e.g. `sha256:` followed by 16 hex digits.
    public static func of(_ section: SheetSection, in sheet: CaseSheet) -> String {
        let document = SheetCodec.encode(sheet)
        var members: [JSONMember] = []
        for field in section.fields {
            let parts = field.key.split(separator: ".").map(String.init)
            var value: JSONValue? = document
            for part in parts { value = value?[part] }
            members.append(JSONMember(field.key, value ?? .null))
        }
        let text = CanonicalJSONWriter.text(of: .object(members))
        return "sha256:" + SHA256.hex(of: Array(text.utf8)).prefix(16)
    }
}
