import Foundation

/// Measures the printed layout in the browser that prints it: which sheets are taller than an A4
/// page, which lines start with a character that must not start a line, which diagram labels
/// overflow their boxes.
///
/// The exported pages carry no script and forbid scripts. The probe is a separate copy of the
/// book, without that policy and with `Templates/layout-probe.js` added, which Chromium loads
/// with `--dump-dom`; the script writes its findings as JSON into the DOM it dumps. The screen
/// layout it measures is the printed one: the page is laid out at the printed text width (a
/// 794 px window is 210 mm, less the 14 mm side margins, see `sheet.css`), so its lines break
/// where the printed lines break, and a sheet fits its page when it is at most `pageHeight` tall.
public enum LayoutProbe {
    /// The height of an A4 page's text area: 297 mm less the 12 mm and 14 mm margins of `@page`, in CSS pixels.
    public static let pageHeight = (297.0 - 12 - 14) / 25.4 * 96
    /// The window the probe lays the book out in: an A4 page at 96 dpi.
    public static let windowSize = (width: 794, height: 1123)

    /// What the probe found.
    public struct Findings: Codable, Sendable, Equatable {
        /// One sheet's measurements.
        public struct Sheet: Codable, Sendable, Equatable {
            /// The case's id.
            public var id: String
            /// The sheet's title as laid out.
            public var title: String
            /// Its height in CSS pixels.
            public var height: Double
            /// Its width in CSS pixels.
            public var width: Double
        }
        /// A line that starts with a forbidden character.
        public struct LineStart: Codable, Sendable, Equatable {
            /// The case's id.
            public var id: String
            /// The character.
            public var character: String
            /// The text around it.
            public var context: String
        }
        /// A diagram label wider or taller than its box.
        public struct Overflow: Codable, Sendable, Equatable {
            /// The case's id.
            public var id: String
            /// The label.
            public var text: String
            /// The text's width as drawn, and the box's.
            public var textWidth: Double, boxWidth: Double
        }
        /// Every sheet, in order.
        public var sheets: [Sheet]
        /// Every line that starts with a forbidden character.
        public var forbiddenLineStarts: [LineStart]
        /// Every diagram label that does not fit.
        public var overflowingLabels: [Overflow]
        /// The number of lines checked (to show the check looked at something).
        public var linesChecked: Int
        /// The font the sheets' text is drawn in.
        public var font: String

        /// The sheets taller than a page.
        public var tooTall: [Sheet] { sheets.filter { $0.height > LayoutProbe.pageHeight + 0.5 } }
    }

    /// The characters a line must not start with: closing marks, 、。, the long-vowel mark and
    /// small kana (JIS X 4051's 行頭禁則), as `LineWrapper` keeps them in the terminal.
    public static let forbiddenLineStarts = "、。，．,.）)」』】〕〉》］]｝}〙〗’”・：；:;！？!?ー～ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ"

    /// The book's HTML made into the probe: the policy removed, the script added before `</body>`.
    public static func page(fromBook html: String) -> String {
        var page = html
        if let start = page.range(of: "<meta http-equiv=\"Content-Security-Policy\""),
           let end = page[start.upperBound...].firstIndex(of: ">") {
            page.removeSubrange(start.lowerBound...end)
        }
        let script = EmbeddedFiles.byName["layout-probe.js"]!
            .replacingOccurrences(of: "FORBIDDEN_LINE_STARTS", with: forbiddenLineStarts)
        if let body = page.range(of: "</body>", options: .backwards) {
            page.insert(contentsOf: "<script>\n\(script)</script>\n", at: body.lowerBound)
        }
        return page
    }

    /// The pages of a PDF that Chromium wrote: its page objects (`/Type /Page`, not `/Pages`),
    /// which Skia writes uncompressed. `nil` when there are none to count.
    ///
    /// One sheet a page means as many pages as sheets; only when the count differs does the
    /// export run the probe to name the sheets that overflowed, so a normal export costs one
    /// Chromium run.
    public static func pageCount(ofPDF bytes: [UInt8]) -> Int? {
        let needle = Array("/Type /Page".utf8)
        var count = 0
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], Array(bytes[index..<index + needle.count]) == needle {
                let next = index + needle.count < bytes.count ? bytes[index + needle.count] : 0
                if next != UInt8(ascii: "s") { count += 1 }
                index += needle.count
            } else {
                index += 1
            }
        }
        return count == 0 ? nil : count
    }

    /// Reads the findings out of the DOM Chromium dumped; `nil` when the probe did not run.
    public static func findings(inDump dump: String) -> Findings? {
        guard let start = dump.range(of: "<pre id=\"casebook-probe\">"),
              let end = dump.range(of: "</pre>", range: start.upperBound..<dump.endIndex) else { return nil }
        let json = String(dump[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&nbsp;", with: "\u{A0}")
            .replacingOccurrences(of: "&amp;", with: "&")
        return try? JSONDecoder().decode(Findings.self, from: Data(json.utf8))
    }
}
