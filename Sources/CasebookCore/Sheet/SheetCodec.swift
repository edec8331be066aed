/// Why a JSON document is not a case sheet.
public struct SheetDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the document, e.g. `roles.city[2]`.
    public var path: String
    /// What was expected there.
    public var expected: String

    public var description: String { "\(path): expected \(expected)" }
}

/// Converts between `CaseSheet` and the JSON document of SPEC §2.1.
public enum SheetCodec {
    /// The format version this casebook writes and fully understands.
    public static let schemaVersion = 1

    /// Every key this version knows at any depth; other keys are carried over untouched on save.
    static let knownKeys: Set<String> = Set(
        ["schema", "title", "departments", "partners", "form", "started", "domain", "overview", "origin",
         "roles", "strengths", "results", "points", "diagram", "status", "review",
         "city", "partner", "era", "year", "actors", "flows", "notes", "from", "to", "label",
         "state", "by", "at", "note", "hash"] + SheetSection.allCases.map(\.key)
    )

    /// The `schema` number of a document, or `nil` when it has none that is a whole number.
    public static func schemaVersion(of document: JSONValue) -> Int? {
        guard case .number(let n)? = document["schema"], n == n.rounded(), n >= 0, n < 1e9 else { return nil }
        return Int(n)
    }

    /// Reads a document. Missing fields take their empty values; wrong types are errors.
    public static func decode(_ document: JSONValue) throws(SheetDecodingError) -> CaseSheet {
        guard case .object = document else { throw SheetDecodingError(path: "(top)", expected: "an object") }
        guard schemaVersion(of: document) != nil else {
            throw SheetDecodingError(path: "schema", expected: "a whole number (1)")
        }
        var sheet = CaseSheet()
        sheet.original = document
        sheet.title = try string(document["title"], "title")
        sheet.departments = try strings(document["departments"], "departments")
        sheet.partners = try strings(document["partners"], "partners")
        sheet.form = try string(document["form"], "form")
        sheet.started = try eraYear(document["started"])
        sheet.domain = try string(document["domain"], "domain")
        sheet.overview = try strings(document["overview"], "overview")
        sheet.origin = try strings(document["origin"], "origin")
        sheet.roles = try pair(document["roles"], "roles")
        sheet.strengths = try pair(document["strengths"], "strengths")
        sheet.results = try strings(document["results"], "results")
        sheet.points = try strings(document["points"], "points")
        sheet.diagram = try diagram(document["diagram"])
        if let status = document["status"] {
            guard let text = status.stringValue, let value = SheetStatus(rawValue: text) else {
                throw SheetDecodingError(path: "status", expected: "draft, review or approved")
            }
            sheet.status = value
        }
        sheet.review = try review(document["review"])
        return sheet
    }

    /// The document for a sheet, with the unknown keys of `sheet.original` carried over.
    public static func encode(_ sheet: CaseSheet) -> JSONValue {
        var members: [JSONMember] = [
            JSONMember("schema", .number(Double(schemaVersion))),
            JSONMember("title", .string(sheet.title)),
            JSONMember("departments", strings(sheet.departments)),
            JSONMember("partners", strings(sheet.partners)),
            JSONMember("form", .string(sheet.form)),
            JSONMember("started", sheet.started.map { started in
                .object([JSONMember("era", .string(started.era.rawValue)),
                         JSONMember("year", started.year.map { .number(Double($0)) } ?? .null)])
            } ?? .null),
            JSONMember("domain", .string(sheet.domain)),
            JSONMember("overview", strings(sheet.overview)),
            JSONMember("origin", strings(sheet.origin)),
            JSONMember("roles", pair(sheet.roles)),
            JSONMember("strengths", pair(sheet.strengths)),
            JSONMember("results", strings(sheet.results)),
            JSONMember("points", strings(sheet.points)),
            JSONMember("diagram", .object([
                JSONMember("actors", strings(sheet.diagram.actors)),
                JSONMember("flows", .array(sheet.diagram.flows.map { flow in
                    .object([JSONMember("from", .string(flow.from)), JSONMember("to", .string(flow.to)),
                             JSONMember("label", .string(flow.label))])
                })),
                JSONMember("notes", strings(sheet.diagram.notes)),
            ])),
            JSONMember("status", .string(sheet.status.rawValue)),
        ]
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
        default: throw SheetDecodingError(path: path, expected: "a string")
        }
    }

    private static func strings(_ value: JSONValue?, _ path: String) throws(SheetDecodingError) -> [String] {
        switch value {
        case nil, .null?: return []
        case .array(let elements)?:
            var result: [String] = []
            for (index, element) in elements.enumerated() {
                guard let s = element.stringValue else {
                    throw SheetDecodingError(path: "\(path)[\(index)]", expected: "a string")
                }
                result.append(s)
            }
            return result
        default: throw SheetDecodingError(path: path, expected: "an array of strings")
        }
    }

    private static func pair(_ value: JSONValue?, _ path: String) throws(SheetDecodingError) -> CaseSheet.Pair {
        switch value {
        case nil, .null?: return CaseSheet.Pair()
        case .object?:
            return CaseSheet.Pair(city: try strings(value?["city"], "\(path).city"),
                                  partner: try strings(value?["partner"], "\(path).partner"))
        default: throw SheetDecodingError(path: path, expected: "an object with city and partner")
        }
    }

    private static func eraYear(_ value: JSONValue?) throws(SheetDecodingError) -> EraYear? {
        switch value {
        case nil, .null?: return nil
        case .object?:
            guard let name = value?["era"]?.stringValue, let era = Era(rawValue: name) else {
                throw SheetDecodingError(path: "started.era", expected: "昭和, 平成 or 令和")
            }
            switch value?["year"] {
            case nil, .null?: return EraYear(era: era, year: nil)
            case .number(let n)? where n == n.rounded() && abs(n) < 10_000: return EraYear(era: era, year: Int(n))
            default: throw SheetDecodingError(path: "started.year", expected: "a whole number or null")
            }
        default: throw SheetDecodingError(path: "started", expected: "an object {era, year} or null")
        }
    }

    private static func diagram(_ value: JSONValue?) throws(SheetDecodingError) -> Diagram {
        switch value {
        case nil, .null?: return Diagram()
        case .object?:
            var flows: [Diagram.Flow] = []
            switch value?["flows"] {
            case nil, .null?: break
            case .array(let elements)?:
                for (index, element) in elements.enumerated() {
                    guard case .object = element else {
                        throw SheetDecodingError(path: "diagram.flows[\(index)]", expected: "an object {from, to, label}")
                    }
                    flows.append(Diagram.Flow(
                        from: try string(element["from"], "diagram.flows[\(index)].from"),
                        to: try string(element["to"], "diagram.flows[\(index)].to"),
                        label: try string(element["label"], "diagram.flows[\(index)].label")))
                }
            default: throw SheetDecodingError(path: "diagram.flows", expected: "an array")
            }
            return Diagram(actors: try strings(value?["actors"], "diagram.actors"), flows: flows,
                           notes: try strings(value?["notes"], "diagram.notes"))
        default: throw SheetDecodingError(path: "diagram", expected: "an object {actors, flows, notes}")
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
                    throw SheetDecodingError(path: path, expected: "an object with state ok or flagged")
                }
                verdicts[section] = ReviewVerdict(
                    state: state,
                    by: try string(member.value["by"], "\(path).by"),
                    at: try string(member.value["at"], "\(path).at"),
                    note: try string(member.value["note"], "\(path).note"),
                    hash: try string(member.value["hash"], "\(path).hash"))
            }
            return verdicts
        default: throw SheetDecodingError(path: "review", expected: "an object")
        }
    }

    // MARK: Writing pieces

    private static func strings(_ values: [String]) -> JSONValue {
        .array(values.map { .string($0) })
    }

    private static func pair(_ pair: CaseSheet.Pair) -> JSONValue {
        .object([JSONMember("city", strings(pair.city)), JSONMember("partner", strings(pair.partner))])
    }
}
