import Testing
@testable import CasebookCore

/// A message of the test's own, in the shape every area's messages take.
private enum SampleMessage: BilingualMessage {
    case saved(title: String, count: Int)

    var japanese: MessageText {
        switch self {
        case .saved(let title, let count): "「\(title)」を保存しました（\(count) 件）。"
        }
    }

    var english: MessageText {
        switch self {
        case .saved(let title, let count): "Saved “\(title)” (\(count))."
        }
    }
}

struct UserMessageTests {
    @Test func argumentsAreSubstitutedOnceAndShowAsTyped() {
        let message = SampleMessage.saved(title: "目標100%1達成", count: 2)
        #expect(message.text(in: .japanese) == "「目標100%1達成」を保存しました（2 件）。")
        #expect(message.text(in: .english) == "Saved “目標100%1達成” (2).")
    }

    @Test func argumentsFromFilesAreMadeSafeForTheTerminal() {
        let message = SampleMessage.saved(title: "evil\u{1B}]0;PWNED\u{07}\u{202E}", count: 1)
        let text = message.text(in: .english)
        #expect(!text.unicodeScalars.contains { TerminalSafeText.isUnsafe($0) })
        #expect(text == "Saved “evil^[]0;PWNED^G<U+202E>” (1).")
    }

    @Test func nestedMessagesAndVerbatimTextAreNotEscapedAgain() {
        let inner: MessageText = "a\(verbatim: "\n")b"
        let outer: MessageText = "[\(inner)]"
        #expect(outer.string == "[a\nb]")
    }
}
