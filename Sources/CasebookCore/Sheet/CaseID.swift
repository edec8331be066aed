/// A case's id: its file name without `.json` (SPEC §2).
public struct CaseID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The id's text.
    public let rawValue: String

    /// The longest id accepted.
    public static let maximumLength = 48

    /// An id, or `nil` when `text` is not lower-case ASCII words joined by single `-`, at most 48 long.
    public init?(_ text: String) {
        guard Self.isValid(text) else { return nil }
        rawValue = text
    }

    /// Whether `text` is a valid id: `^[a-z0-9]+(-[a-z0-9]+)*$`, at most 48 characters.
    public static func isValid(_ text: String) -> Bool {
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.count <= maximumLength, bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else {
            return false
        }
        var previousWasDash = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): previousWasDash = false
            case UInt8(ascii: "-"):
                if previousWasDash { return false }
                previousWasDash = true
            default: return false
            }
        }
        return true
    }

    /// A fresh random id, `c-` and 10 base-36 digits: unlikely to collide with one made on another clone.
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> CaseID {
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        let suffix = String((0..<10).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
        return CaseID("c-" + suffix)!
    }

    /// The file name in the store.
    public var fileName: String { rawValue + ".json" }

    public var description: String { rawValue }

    public static func < (lhs: CaseID, rhs: CaseID) -> Bool { lhs.rawValue < rhs.rawValue }
}
