/// Why a byte sequence is not a JSON document casebook can read, and where: the byte offset,
/// and the line and column a person finds it at (columns count characters, from 1).
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: Sendable, Equatable {
        case byteOrderMark
        case textAfterDocument
        case unexpectedEndOfFile
        case unexpectedCharacter
        case nestedTooDeeply
        case expectedKey
        case expectedColon
        case expectedCommaOrBrace
        case expectedCommaOrBracket
        case badNumber
        case unterminatedString
        case notUTF8
        case controlCharacterInString
        case loneSurrogate
        case badEscape
        case badUnicodeEscape

        /// The reason in English words.
        public var englishWords: String {
            switch self {
            case .byteOrderMark: "byte-order mark"
            case .textAfterDocument: "unexpected text after the document"
            case .unexpectedEndOfFile: "unexpected end of file"
            case .unexpectedCharacter: "unexpected character"
            case .nestedTooDeeply: "nested too deeply"
            case .expectedKey: "expected a key"
            case .expectedColon: "expected ':'"
            case .expectedCommaOrBrace: "expected ',' or '}'"
            case .expectedCommaOrBracket: "expected ',' or ']'"
            case .badNumber: "bad number"
            case .unterminatedString: "unterminated string"
            case .notUTF8: "not valid UTF-8"
            case .controlCharacterInString: "control character in a string"
            case .loneSurrogate: "lone surrogate"
            case .badEscape: "bad escape"
            case .badUnicodeEscape: "bad \\u escape"
            }
        }
    }

    /// What was wrong.
    public var reason: Reason
    /// The byte offset at which the problem was found.
    public var offset: Int
    /// The line of `offset`, from 1.
    public var line: Int
    /// The column of `offset` in characters (Unicode scalars) from the start of its line, from 1.
    public var column: Int

    /// The error `reason` at `offset` in `bytes`, with its line and column.
    public init(_ reason: Reason, at offset: Int, in bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { JSONParseError(reason, at: offset, in: $0) }
    }

    /// The error `reason` at `offset` in `bytes`, with its line and column.
    init(_ reason: Reason, at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        self.reason = reason
        self.offset = offset
        var line = 1
        var column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        self.line = line
        self.column = column
    }

    public var description: String { "\(reason.englishWords) at line \(line), column \(column)" }
}

/// A strict RFC 8259 parser over UTF-8 bytes.
///
/// Strictness matters: a file that is not valid UTF-8 or not valid JSON is
/// reported and left alone, never "repaired" by being read loosely and saved.
///
/// It reads the bytes through a buffer pointer, lent for the length of `parse`: every file of a
/// store is parsed on first use, and an array's bounds checks and reference counting on each byte
/// were most of the parse.
public struct JSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0
    private static let maximumDepth = 512
    /// Arrays passed over, not read (none unless asked for).
    private let standIns: JSONStandIns?
    /// The key of the top-level member whose value is being read.
    private var topLevelKey: String?

    /// Parses `bytes` as one JSON document.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        try parse(bytes, standIns: nil)
    }

    /// Parses `bytes` as one JSON document with empty arrays standing in for the arrays `standIns`
    /// names (`JSONStandIns`): the document is refused exactly when `parse(bytes)` refuses it.
    public static func parse(_ bytes: [UInt8], standingIn standIns: JSONStandIns) throws(JSONParseError) -> JSONValue {
        try parse(bytes, standIns: standIns)
    }

    private static func parse(_ bytes: [UInt8], standIns: JSONStandIns?) throws(JSONParseError) -> JSONValue {
        let result = bytes.withUnsafeBufferPointer { buffer -> Result<JSONValue, JSONParseError> in
            do throws(JSONParseError) {
                return .success(try parse(buffer, standIns: standIns))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses the bytes `bytes` points to as one JSON document.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, standIns: JSONStandIns? = nil) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: bytes, standIns: standIns)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw JSONParseError(.byteOrderMark, at: 0, in: bytes)
        }
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index != bytes.count {
            throw parser.error(.textAfterDocument)
        }
        return value
    }

    /// Parses a string as one JSON document.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, standIns: JSONStandIns?) {
        self.bytes = bytes
        self.standIns = standIns
    }

    private func error(_ reason: JSONParseError.Reason) -> JSONParseError {
        JSONParseError(reason, at: index, in: bytes)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw error(.unexpectedEndOfFile) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error(.unexpectedCharacter)
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error(.unexpectedEndOfFile) }
        let start = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != start[offset] {
            throw error(.unexpectedCharacter)
        }
        index += count
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > Self.maximumDepth { throw error(.nestedTooDeeply) }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error(.expectedKey) }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error(.expectedColon) }
            index += 1
            skipWhitespace()
            let value: JSONValue
            if let elements = standIns?.elements(depth: depth, key: key, parent: topLevelKey), passOverPlainArray(of: elements) {
                value = .array([])
            } else {
                if depth == 1, standIns != nil { topLevelKey = key }
                value = try parseValue()
            }
            // jq keeps the last of duplicate keys; so do we, in the first one's place.
            if let existing = members.firstIndex(where: { $0.key == key }) {
                members[existing].value = value
            } else {
                members.append(JSONMember(key, value))
            }
            skipWhitespace()
            guard index < bytes.count else { throw error(.unexpectedEndOfFile) }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            throw error(.expectedCommaOrBrace)
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw error(.unexpectedEndOfFile) }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
            throw error(.expectedCommaOrBracket)
        }
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error(.badNumber) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error(.badNumber) }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error(.badNumber) }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text) else { throw error(.badNumber) }
        return .number(value)
    }

    // MARK: Passing over a stood-in array

    /// Passes over the array at `index` when it holds only `elements` and every string in it is
    /// well-formed and free of escapes and control characters; otherwise leaves `index` where it
    /// was and returns false, for the array to be read in full (and refused there, if it must be).
    private mutating func passOverPlainArray(of elements: JSONStandIns.Elements) -> Bool {
        let start = index
        if passOverArray(of: elements) { return true }
        index = start
        return false
    }

    private mutating func passOverArray(of elements: JSONStandIns.Elements) -> Bool {
        passOverSequence(from: UInt8(ascii: "["), to: UInt8(ascii: "]")) { parser in
            switch elements {
            case .strings: parser.passOverPlainString()
            case .objectsOfStrings: parser.passOverObjectOfStrings()
            }
        }
    }

    private mutating func passOverObjectOfStrings() -> Bool {
        passOverSequence(from: UInt8(ascii: "{"), to: UInt8(ascii: "}")) { parser in
            guard parser.passOverPlainString() else { return false }
            parser.skipWhitespace()
            guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: ":") else { return false }
            parser.index += 1
            parser.skipWhitespace()
            return parser.passOverPlainString()
        }
    }

    /// Passes over `open`, items separated by commas, and `close`, each item passed over by `item`.
    private mutating func passOverSequence(from open: UInt8, to close: UInt8, _ item: (inout JSONParser) -> Bool) -> Bool {
        guard index < bytes.count, bytes[index] == open else { return false }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == close {
            index += 1
            return true
        }
        while true {
            skipWhitespace()
            guard item(&self) else { return false }
            skipWhitespace()
            guard index < bytes.count else { return false }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == close { index += 1; return true }
            return false
        }
    }

    private mutating func passOverPlainString() -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return false }
        guard let stop = JSONPlainString.end(in: bytes, from: index + 1) else { return false }
        index = stop + 1
        return true
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func parseString() throws(JSONParseError) -> String {
        index += 1
        // Most strings have no escapes: find the closing quote and validate the run once.
        let start = index
        let count = bytes.count
        var stop = start
        while stop < count {
            let byte = bytes[stop]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            stop += 1
        }
        guard stop < count else { throw error(.unterminatedString) }
        if bytes[stop] == UInt8(ascii: "\"") {
            index = stop + 1
            if stop == start { return "" }
            guard let run = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self) else {
                throw JSONParseError(.notUTF8, at: start, in: bytes)
            }
            return run
        }
        return try parseEscapedString(from: start)
    }

    private mutating func parseEscapedString(from start: Int) throws(JSONParseError) -> String {
        index = start
        var text = ""
        var runStart = index
        func flushRun(_ parser: JSONParser, upTo end: Int, into text: inout String) throws(JSONParseError) {
            guard runStart < end else { return }
            guard let run = String(validating: UnsafeBufferPointer(rebasing: parser.bytes[runStart..<end]), as: UTF8.self) else {
                throw JSONParseError(.notUTF8, at: runStart, in: parser.bytes)
            }
            text.append(run)
        }
        while true {
            guard index < bytes.count else { throw error(.unterminatedString) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                try flushRun(self, upTo: index, into: &text)
                index += 1
                return text
            }
            if byte < 0x20 {
                throw error(.controlCharacterInString)
            }
            if byte == UInt8(ascii: "\\") {
                try flushRun(self, upTo: index, into: &text)
                index += 1
                text.unicodeScalars.append(try parseEscape())
                runStart = index
                continue
            }
            index += 1
        }
    }

    private mutating func parseEscape() throws(JSONParseError) -> Unicode.Scalar {
        guard index < bytes.count else { throw error(.unterminatedString) }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let first = try parseHex4()
            if (0xD800...0xDBFF).contains(first) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error(.loneSurrogate)
                }
                index += 2
                let second = try parseHex4()
                guard (0xDC00...0xDFFF).contains(second) else { throw error(.loneSurrogate) }
                let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                return Unicode.Scalar(combined)!
            }
            guard let scalar = Unicode.Scalar(first) else { throw error(.loneSurrogate) }
            return scalar
        default:
            throw error(.badEscape)
        }
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error(.badUnicodeEscape) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error(.badUnicodeEscape)
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }
}
