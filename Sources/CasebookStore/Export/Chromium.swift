import Foundation

/// Headless Chromium (Debian's `chromium`), run with an argument vector: it prints the export's
/// HTML to PDF, dumps the DOM of the layout probe, and takes screenshots for the tests.
///
/// Each run gets a fresh profile directory (removed afterwards), `--no-sandbox` (as root the
/// sandbox refuses to start), no GPU, and a time limit after which its whole process group is
/// killed. Chromium exits 0 even when its input file is missing and it wrote nothing, so what it
/// wrote is checked: a PDF must begin with `%PDF-`.
public struct Chromium: Sendable {
    /// The program's path.
    public let executable: String
    /// The environment it runs in.
    public let environment: [String: String]

    /// The packages that give PDF export what it needs on Debian.
    public static let packages = ["chromium", "fonts-morisawa-bizud-gothic", "fonts-ipamj-mincho"]

    /// Why a run gave nothing usable.
    public enum Failure: Error, Sendable, Equatable {
        /// It ran past its time limit (seconds) and was killed.
        case timedOut(Double)
        /// It exited non-zero; carries the status and the last lines it printed.
        case failed(status: Int32, message: String)
        /// It exited 0 but did not write what was asked (path), with what it printed.
        case wroteNothing(path: String, message: String)
    }

    /// Chromium, found as `CASEBOOK_CHROMIUM` names it, else as `chromium` or `chromium-browser`
    /// in `PATH`; `nil` when there is none.
    public static func find(environment: [String: String]) -> Chromium? {
        if let named = environment["CASEBOOK_CHROMIUM"], !named.isEmpty {
            return FileManager.default.isExecutableFile(atPath: named) ? Chromium(executable: named, environment: environment) : nil
        }
        let directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser"] {
            for directory in directories where !directory.isEmpty {
                let path = directory + "/" + name
                if FileManager.default.isExecutableFile(atPath: path) { return Chromium(executable: path, environment: environment) }
            }
        }
        return nil
    }

    /// Prints the page at `htmlPath` to `pdfPath`, A4 as the page's `@page` asks, without
    /// Chromium's own header and footer.
    public func printToPDF(htmlPath: String, pdfPath: String, timeLimit: Double = 60) throws(Failure) {
        try? FileManager.default.removeItem(atPath: pdfPath)
        let message = try run(["--no-pdf-header-footer", "--print-to-pdf=" + pdfPath, Self.fileURL(htmlPath)], timeLimit: timeLimit).message
        let start = (try? FileHandle(forReadingFrom: URL(fileURLWithPath: pdfPath)))
            .flatMap { handle in defer { try? handle.close() }; return try? handle.read(upToCount: 5) }
        guard start == Data("%PDF-".utf8) else { throw .wroteNothing(path: pdfPath, message: message) }
    }

    /// The DOM of the page at `htmlPath` after its scripts ran, laid out in a window of the given size.
    public func dumpDOM(htmlPath: String, width: Int, height: Int, timeLimit: Double = 60) throws(Failure) -> String {
        let outcome = try run(["--window-size=\(width),\(height)", "--virtual-time-budget=2000", "--dump-dom", Self.fileURL(htmlPath)],
                              timeLimit: timeLimit)
        guard outcome.output.contains("<html") else { throw .wroteNothing(path: htmlPath, message: outcome.message) }
        return outcome.output
    }

    /// A PNG of the first `width` × `height` pixels of the page at `htmlPath`.
    public func screenshot(htmlPath: String, pngPath: String, width: Int, height: Int, timeLimit: Double = 60) throws(Failure) {
        try? FileManager.default.removeItem(atPath: pngPath)
        let message = try run(["--window-size=\(width),\(height)", "--screenshot=" + pngPath, Self.fileURL(htmlPath)], timeLimit: timeLimit).message
        let start = (try? Data(contentsOf: URL(fileURLWithPath: pngPath)))?.prefix(4)
        guard start == Data([0x89, 0x50, 0x4E, 0x47]) else { throw .wroteNothing(path: pngPath, message: message) }
    }

    private func run(_ arguments: [String], timeLimit: Double) throws(Failure) -> (output: String, message: String) {
        let profile = ScratchFolder.make("chromium")
        defer { try? FileManager.default.removeItem(at: profile) }
        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
                      "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile.path]
        let outcome = ChildProcess.run(executable, common + arguments, environment: environment, timeLimit: timeLimit)
        let message = String(decoding: outcome.errorOutput, as: UTF8.self)
            .split(separator: "\n").suffix(3).joined(separator: " | ")
        if outcome.timedOut { throw .timedOut(timeLimit) }
        guard outcome.status == 0 else { throw .failed(status: outcome.status, message: message) }
        return (String(decoding: outcome.output, as: UTF8.self), message)
    }

    /// `path` as a `file://` URL, percent-encoded.
    static func fileURL(_ path: String) -> String {
        URL(fileURLWithPath: path).absoluteString
    }
}
