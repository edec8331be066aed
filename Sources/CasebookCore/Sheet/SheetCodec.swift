/// Why a JSON document is not a case sheet.
public struct SheetDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the document, e.g. `roles.city[2]`.
    public var path: String
    /// What was expected there.
    public var expected: Expectation

    /// What a place in the document should have held; shown in words by `SheetFormatMessage`.
    public enum Expectation: Sendable, Equatable {
        /// A string.
        case string
        /// An array of strings.
        case strings
        /// An array.
        case array
        /// An object with these keys (`or null` when it may be missing).
        case object(keys: [String], orNull: Bool = false)
        /// One of these words.
        case oneOf([String])
        /// A whole number or null.
        case wholeNumberOrNull
        /// The format's version number.
        case schemaNumber(Int)
    }

    public var description: String { SheetFormatMessage.error(self).text(in: .english) }
}

/// Converts between `CaseSheet` and the JSON document of SPEC §2.1.
public enum SheetCodec {
    /// The format version this casebook writes and fully understands.
    public static let schemaVersion = 1

    /// Every key this version knows at any depth, derived from the fields' key paths and the shapes
    /// of their values; other keys are carried over untouched on save.
    static let knownKeys: Set<String> = {
        var keys: Set<String> = ["schema", "status", "review", "state", "by", "at", "note", "hash"]
        for field in SheetField.allCases { keys.formUnion(field.description.path) }
        keys.formUnion(["era", "year", "actors", "flows", "notes", "from", "to", "label"])
        keys.formUnion(SheetSection.allCases.map(\.key))
        return keys
    }()

    /// The `schema` number of a document, or `nil` when it has none that is a whole number.
    public static func schemaVersion(of document: JSONValue) -> Int? {
        guard case .number(let n)? = document["schema"], n == n.rounded(), n >= 0, n < 1e9 else { return nil }
        return Int(n)
    }

    /// Reads a document. Missing fields take their empty values; wrong types are errors.
    public static func decode(_ document: JSONValue) throws(SheetDecodingError) -> CaseSheet {
        guard case .object = document else { throw SheetDecodingError(path: "(top)", expected: .object(keys: ["schema", "title"])) }
        guard schemaVersion(of: document) != nil else {
            throw SheetDecodingError(path: "schema", expected: .schemaNumber(schemaVersion))
        }
        var sheet = CaseSheet()
        sheet.original = document
        for field in SheetField.allCases {
            let description = field.description
            let value = try value(at: description.path, in: document)
            let decoded: FieldValue = switch description.storage {
            case .line: .line(try string(value, description.key))
            case .items: .items(try strings(value, description.key))
            case .eraYear: .eraYear(try eraYear(value, description.key))
            case .diagram: .diagram(try diagram(value, description.key))
            }
            sheet.setValue(decoded, of: field)
        }
        if let status = document["status"] {
            guard let text = status.stringValue, let value = SheetStatus(rawValue: text) else {
                throw SheetDecodingError(path: "status", expected: .oneOf(SheetStatus.allCases.map(\.rawValue)))
            }
            sheet.status = value
        }
        sheet.review = try review(document["review"])
        return sheet
    }

    /// The document for a sheet, with the unknown keys of `sheet.original` carried over.
    public static func encode(_ sheet: CaseSheet) -> JSONValue {
        var members: [JSONMember] = [JSONMember("schema", .number(Double(schemaVersion)))]
        for field in SheetField.allCases {
            let value: JSONValue = switch sheet.value(of: field) {
            case .line(let text): .string(text)
            case .items(let items): strings(items)
            case .eraYear(let started): started.map(eraYear) ?? .null
            case .diagram(let diagram): self.diagram(diagram)
            }
            insert(value, at: field.description.path[...], into: &members)
        }
        members.append(JSONMember("status", .string(sheet.status.rawValue)))
        var verdicts: [JSONMember] = []
        for section in SheetSection.allCases {
            guard let verdict = sheet.review[section] else { continue }
            verdicts.append(JSONMember(section.key, .object([
                JSONMember("state", .string(verdict.state.rawValue)),
                JSONMember("by", .string(verdict.by)),
                JSONMember("at", .string(verdict.at)),
                JSONMember("note", .string(verdict.note)),
                JSONMember("hash", .string(verdict.hash)),
            ])))
        }
        members.append(JSONMember("review", .object(verdicts)))
        let document = JSONValue.object(members)
        guard let original = sheet.original else { return document }
        return carryingUnknownKeys(into: document, from: original)
    }

    /// Adds to `value` the members of `original` whose keys this version does not know, recursively,
    /// keeping their order; arrays of objects are matched element by element.
    static func carryingUnknownKeys(into value: JSONValue, from original: JSONValue) -> JSONValue {
        switch (value, original) {
        case (.object(var members), .object(let originalMembers)):
            for index in members.indices {
                if let old = originalMembers.first(where: { $0.key == members[index].key }) {
                    members[index].value = carryingUnknownKeys(into: members[index].value, from: old.value)
                }
            }
            for old in originalMembers where !knownKeys.contains(old.key) && !members.contains(where: { $0.key == old.key }) {
                members.append(old)
            }
            return .object(members)
        case (.array(var elements), .array(let originalElements)) where elements.count == originalElements.count:
            for index in elements.indices {
                elements[index] = carryingUnknownKeys(into: elements[index], from: originalElements[index])
            }
            return .array(elements)
        default:
            return value
        }
    }

    // MARK: Reading pieces

    private static func string(_ value: JSONValue?, _ path: String) throws(SheetDecodingError) -> String {
        switch value {
        case nil, .null?: return ""
        case .string(let s)?: return s
        default: throw SheetDecodingError(path: path, expected: .string)
        }
    }

    private static func strings(_ value: JSONValue?, _ path: String) throws(SheetDecodingError) -> [String] {
        switch value {
        case nil, .null?: return []
        case .array(let elements)?:
            var result: [String] = []
            for (index, element) in elements.enumerated() {
                guard let s = element.stringValue else {
                    throw SheetDecodingError(path: "\(path)[\(index)]", expected: .string)
                }
                result.append(s)
            }
            return result
        default: throw SheetDecodingError(path: path, expected: .strings)
        }
    }

    /// The value at `path` in `document`, or `nil`; a step through something other than an object
    /// is an error naming the keys expected there.
    private static func value(at path: [String], in document: JSONValue) throws(SheetDecodingError) -> JSONValue? {
        var value: JSONValue? = document
        for (depth, key) in path.enumerated() {
            if depth > 0 {
                switch value {
                case nil, .null?: return nil
                case .object?: break
                default:
                    let prefix = Array(path[..<depth])
                    let children = SheetField.allCases.map(\.description.path)
                        .filter { $0.count > depth && Array($0[..<depth]) == prefix }.map { $0[depth] }
                    throw SheetDecodingError(path: prefix.joined(separator: "."),
                                             expected: .object(keys: children))
                }
            }
            value = value?[key]
        }
        return value
    }

    private static func eraYear(_ value: JSONValue?, _ path: String) throws(SheetDecodingError) -> EraYear? {
        switch value {
        case nil, .null?: return nil
        case .object?:
            guard let name = value?["era"]?.stringValue, let era = Era(rawValue: name) else {
                throw SheetDecodingError(path: "\(path).era", expected: .oneOf(Era.allCases.map(\.rawValue)))
            }
            switch value?["year"] {
            case nil, .null?: return EraYear(era: era, year: nil)
            case .number(let n)? where n == n.rounded() && abs(n) < 10_000: return EraYear(era: era, year: Int(n))
            default: throw SheetDecodingError(path: "\(path).year", expected: .wholeNumberOrNull)
            }
        default: throw SheetDecodingError(path: path, expected: .object(keys: ["era", "year"], orNull: true))
        }
    }

    private static func diagram(_ value: JSONValue?, _ path: String) throws(SheetDecodingError) -> Diagram {
        switch value {
        case nil, .null?: return Diagram()
        case .object?:
            var flows: [Diagram.Flow] = []
            switch value?["flows"] {
            case nil, .null?: break
            case .array(let elements)?:
                for (index, element) in elements.enumerated() {
                    guard case .object = element else {
                        throw SheetDecodingError(path: "\(path).flows[\(index)]", expected: .object(keys: ["from", "to", "label"]))
                    }
                    flows.append(Diagram.Flow(
                        from: try string(element["from"], "\(path).flows[\(index)].from"),
                        to: try string(element["to"], "\(path).flows[\(index)].to"),
                        label: try string(element["label"], "\(path).flows[\(index)].label")))
                }
            default: throw SheetDecodingError(path: "\(path).flows", expected: .array)
            }
            return Diagram(actors: try strings(value?["actors"], "\(path).actors"), flows: flows,
                           notes: try strings(value?["notes"], "\(path).notes"))
        default: throw SheetDecodingError(path: path, expected: .object(keys: ["actors", "flows", "notes"]))
        }
    }

    private static func review(_ value: JSONValue?) throws(SheetDecodingError) -> [SheetSection: ReviewVerdict] {
        switch value {
        case nil, .null?: return [:]
        case .object(let members)?:
            var verdicts: [SheetSection: ReviewVerdict] = [:]
            for member in members {
                guard let section = SheetSection(rawValue: member.key) else { continue }
                let path = "review.\(member.key)"
                guard case .object = member.value,
                      let state = member.value["state"]?.stringValue.flatMap(ReviewVerdict.State.init(rawValue:)) else {
                    throw SheetDecodingError(path: path, expected: .object(keys: ["state", "by", "at", "note", "hash"]))
                }
                verdicts[section] = ReviewVerdict(
                    state: state,
                    by: try string(member.value["by"], "\(path).by"),
                    at: try string(member.value["at"], "\(path).at"),
                    note: try string(member.value["note"], "\(path).note"),
                    hash: try string(member.value["hash"], "\(path).hash"))
            }
            return verdicts
        default: throw SheetDecodingError(path: "review", expected: .object(keys: SheetSection.allCases.map(\.key)))
        }
    }

    // MARK: Writing pieces

    private static func strings(_ values: [String]) -> JSONValue {
        .array(values.map { .string($0) })
    }

    private static func eraYear(_ started: EraYear) -> JSONValue {
        .object([JSONMember("era", .string(started.era.rawValue)),
                 JSONMember("year", started.year.map { .number(Double($0)) } ?? .null)])
    }

    private static func diagram(_ diagram: Diagram) -> JSONValue {
        .object([
            JSONMember("actors", strings(diagram.actors)),
            JSONMember("flows", .array(diagram.flows.map { flow in
                .object([JSONMember("from", .string(flow.from)), JSONMember("to", .string(flow.to)),
                         JSONMember("label", .string(flow.label))])
            })),
            JSONMember("notes", strings(diagram.notes)),
        ])
    }

    /// Puts `value` at `path` in `members`, making the objects on the way in the order their first
    /// field comes: `roles.city` then `roles.partner` make one `roles` object holding both.
    private static func insert(_ value: JSONValue, at path: ArraySlice<String>, into members: inout [JSONMember]) {
        let key = path.first!
        guard path.count > 1 else {
            members.append(JSONMember(key, value))
            return
        }
        if let index = members.firstIndex(where: { $0.key == key }), case .object(var inner) = members[index].value {
            insert(value, at: path.dropFirst(), into: &inner)
            members[index].value = .object(inner)
        } else {
            var inner: [JSONMember] = []
            insert(value, at: path.dropFirst(), into: &inner)
            members.append(JSONMember(key, .object(inner)))
        }
    }
}
