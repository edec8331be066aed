/// A text a user reads — a message, a prompt, a hint, a line of help — as a value with typed
/// arguments. Each area of casebook has its own enum of messages (`StoreMessage`, `ExportMessage`,
/// `SyncMessage`…); most are `BilingualMessage`s, which give their text in each language by one
/// exhaustive `switch` per language, so a message without a translation does not compile.
public protocol UserMessage: Sendable {
    /// The message in `language`.
    func rendered(in language: Language) -> MessageText
}

/// A message written in Japanese and in English. The pattern every area's enum follows:
///
///     public enum ExampleMessage: BilingualMessage {
///         case caseNotFound(reference: String)
///
///         public var japanese: MessageText {
///             switch self {
///             case .caseNotFound(let reference): "「\(reference)」に当たる事例がありません。"
///             }
///         }
///         public var english: MessageText {
///             switch self {
///             case .caseNotFound(let reference): "No case matches “\(reference)”."
///             }
///         }
///     }
public protocol BilingualMessage: UserMessage {
    /// The Japanese text.
    var japanese: MessageText { get }
    /// The English text.
    var english: MessageText { get }
}

extension BilingualMessage {
    /// The one place a language is chosen: a new language is a new requirement above, and every
    /// message enum then fails to compile until it is translated.
    public func rendered(in language: Language) -> MessageText {
        switch language {
        case .japanese: japanese
        case .english: english
        }
    }
}

extension UserMessage {
    /// The message in `language` as a plain string, ready to print.
    public func text(in language: Language) -> String {
        rendered(in: language).string
    }
}

/// The text of a message, made by string interpolation in one step.
///
/// Every `String` interpolated into it is treated as data from a file or a user and made safe for
/// the terminal here (SPEC §7: controls and bidirectional overrides made visible), so no caller
/// has to remember it. Substitution happens once, by interpolation: a title containing `%1` shows
/// as typed. A nested `MessageText` is already safe and is kept as it is; `verbatim:` is for text
/// the program composed itself, such as several lines joined with line breaks.
public struct MessageText: Sendable, Equatable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The finished text.
    public private(set) var string: String

    public var description: String { string }

    public init(stringLiteral value: String) {
        string = value
    }

    public init(stringInterpolation: StringInterpolation) {
        string = stringInterpolation.string
    }

    /// Text the program composed itself, kept as it is.
    public init(verbatim text: String) {
        string = text
    }

    /// Several texts joined by `separator`.
    public static func joined(_ parts: [MessageText], separator: String = "\n") -> MessageText {
        MessageText(verbatim: parts.map(\.string).joined(separator: separator))
    }

    /// The builder Swift calls for each literal part and each interpolated value.
    public struct StringInterpolation: StringInterpolationProtocol, Sendable {
        fileprivate var string = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            string.reserveCapacity(literalCapacity + interpolationCount * 8)
        }

        public mutating func appendLiteral(_ literal: String) {
            string += literal
        }

        /// A value from a file or a user: made safe for the terminal.
        public mutating func appendInterpolation(_ value: String) {
            string += TerminalSafeText.make(value)
        }

        /// A value from a file or a user: made safe for the terminal.
        public mutating func appendInterpolation(_ value: Substring) {
            string += TerminalSafeText.make(String(value))
        }

        /// A number.
        public mutating func appendInterpolation<Number: BinaryInteger>(_ value: Number) {
            string += String(value)
        }

        /// Another message's text, already safe.
        public mutating func appendInterpolation(_ text: MessageText) {
            string += text.string
        }

        /// Another message, rendered in the same language by the caller.
        public mutating func appendInterpolation(_ message: some UserMessage, in language: Language) {
            string += message.text(in: language)
        }

        /// Values from files or users joined by `separator`, each made safe.
        public mutating func appendInterpolation(_ values: [String], separator: String) {
            string += values.map(TerminalSafeText.make).joined(separator: separator)
        }

        /// Text the program composed itself (labels, option names, line breaks between lines).
        public mutating func appendInterpolation(verbatim text: String) {
            string += text
        }

        /// A count and its English noun, singular for one: `1 case`, `3 cases`.
        public mutating func appendInterpolation(_ count: Int, _ one: String, _ many: String) {
            string += "\(count) " + (count == 1 ? one : many)
        }
    }
}
