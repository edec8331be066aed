/// Arrays of a document that its reader does not need, checked and passed over instead of read:
/// each stands in the parsed document as an empty array, so no string of it is made. `list` of a
/// store with no index reads 10,000 files for their summaries, and the texts were most of that.
///
/// They are named by key path (one or two keys from the top) with what the array must hold. An
/// array that holds anything else, or a string with an escape, is read in full as usual, so the
/// document is refused, or read, exactly as it is when read whole; only the stood-in arrays'
/// contents differ.
public struct JSONStandIns: Sendable {
    /// What a stood-in array must hold.
    public enum Elements: Sendable {
        /// Strings.
        case strings
        /// Objects whose keys and values are strings.
        case objectsOfStrings
    }

    private var topLevel: [String: Elements] = [:]
    private var nested: [String: [String: Elements]] = [:]

    /// Stand-ins for the arrays at `paths` (one or two keys each).
    public init(_ paths: [(path: [String], elements: Elements)]) {
        for (path, elements) in paths {
            switch path.count {
            case 1: topLevel[path[0]] = elements
            case 2: nested[path[0], default: [:]][path[1]] = elements
            default: preconditionFailure("a stand-in is one or two keys from the top: \(path)")
            }
        }
    }

    /// What the array of member `key` must hold to be stood in for, for a member of the top-level
    /// object (depth 1) or of an object that is the value of top-level member `parent` (depth 2).
    func elements(depth: Int, key: String, parent: String?) -> Elements? {
        switch depth {
        case 1: topLevel[key]
        case 2: parent.flatMap { nested[$0]?[key] }
        default: nil
        }
    }
}
