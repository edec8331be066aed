/// The three-way merge of the keys a case file has that this version of casebook does not know
/// (SPEC §2.1: they are kept), generically, member by member.
///
/// It walks the three documents together. Inside the objects casebook knows (the top, `roles`,
/// `diagram`, a verdict…), a known member is only descended into, since its value is decided by
/// the field merge; an unknown member is merged as a whole value: taken from the side that
/// changed it, a conflict when both changed it differently. Objects under unknown keys are merged
/// key by key in the same way, so two sides adding different keys to one unknown object both stay.
enum UnknownKeyMerge {
    /// The merge of the unknown parts.
    struct Outcome {
        /// A document holding the merged unknown members (and mine's known ones, which the codec replaces).
        var document: JSONValue
        /// Unknown members both sides changed differently; `document` holds mine's value there.
        var conflicts: [SheetMergeConflict] = []
        /// Unknown members whose value came from their side.
        var fromTheirs: [[String]] = []
    }

    /// Merges the unknown members of three encoded case documents.
    static func merge(base: JSONValue, mine: JSONValue, theirs: JSONValue) -> Outcome {
        var outcome = Outcome(document: .null)
        outcome.document = walk(base, mine, theirs, path: [], known: true, into: &outcome) ?? mine
        return outcome
    }

    /// The merged value at `path`; `known` says whether the value sits under keys casebook knows.
    private static func walk(_ base: JSONValue?, _ mine: JSONValue?, _ theirs: JSONValue?, path: [String],
                             known: Bool, into outcome: inout Outcome) -> JSONValue? {
        if case .object(let mineMembers)? = mine, case .object(let theirMembers)? = theirs {
            let baseMembers = base?.objectMembers ?? []
            var keys = mineMembers.map(\.key)
            for key in theirMembers.map(\.key) where !keys.contains(key) { keys.append(key) }
            var members: [JSONMember] = []
            for key in keys {
                let memberKnown = known && SheetCodec.knownKeys.contains(key)
                let value = walk(baseMembers.last { $0.key == key }?.value,
                                 mineMembers.last { $0.key == key }?.value,
                                 theirMembers.last { $0.key == key }?.value,
                                 path: path + [key], known: memberKnown, into: &outcome)
                if let value { members.append(JSONMember(key, value)) }
            }
            return .object(members)
        }
        if known {
            // Decided by the field merge; kept only so that unknown keys nested in it can be carried.
            return mine == base ? theirs : mine
        }
        if mine == theirs || theirs == base { return mine }
        if mine == base {
            outcome.fromTheirs.append(path)
            return theirs
        }
        outcome.conflicts.append(SheetMergeConflict(subject: .unknownKey(path), base: .json(base),
                                                    mine: .json(mine), theirs: .json(theirs)))
        return mine
    }
}
