import Mustache

/// A text a template prints: `{{name}}` escapes it through the template's content type,
/// `{{{name}}}` prints it as it is, exactly as for a String.
///
/// The engine prints a String by asking, one dynamic cast each, whether it is a template, a
/// custom renderable, a lambda or an optional, and then through `String(describing:)`; this type
/// answers at the second cast with its text. Over 10,000 pages of some sixty values each, those
/// casts were a fifth of the rendering.
struct TemplateText: MustacheCustomRenderable, Sendable {
    /// The text, already made visible (`ExportText.visible`) where it comes from a case.
    let renderText: String

    /// Never Mustache's null: an empty text prints as nothing, as an empty String does.
    var isNull: Bool { false }

    init(_ text: String) {
        renderText = text
    }
}

/// The values a template (or one item of a section) looks up by name.
///
/// A struct holding the dictionary rather than the dictionary itself: the engine checks every
/// object on its stack for `MustacheParent` by dynamic cast, and a `[String: Any]` conforms only
/// conditionally (its key must be String), which costs more to confirm; a class would cost a check
/// for a boxed value on every cast instead.
struct TemplateScope: MustacheParent, @unchecked Sendable {
    // Holds only TemplateText, Bool, TemplateScope and arrays of them, made once and never changed.
    private let values: [String: Any]

    init(_ values: [String: Any]) {
        self.values = values
    }

    func child(named name: String) -> Any? {
        values[name]
    }
}
