#if canImport(Glibc)
import Glibc
#endif
import LineEditor

/// What casebook knows of the terminal it talks to: where it prints, how it asks for a line,
/// whether either end is a terminal, its width, and whether it takes colour.
public final class Terminal {
    /// Where commands print.
    public let output: TextOutput
    /// The environment variables, read once (COLUMNS, NO_COLOR, TERM).
    public let environment: [String: String]
    /// Whether standard output is a terminal.
    public let outputIsTerminal: Bool
    /// Whether standard input is a terminal.
    public let inputIsTerminal: Bool
    private var reader: LineReading?

    /// A terminal over standard input and output, or, for tests, a given output and reader.
    public init(output: TextOutput = TextOutput(), environment: [String: String], reader: LineReading? = nil,
                outputIsTerminal: Bool = isatty(1) == 1, inputIsTerminal: Bool = isatty(0) == 1) {
        self.output = output
        self.environment = environment
        self.reader = reader
        self.outputIsTerminal = outputIsTerminal
        self.inputIsTerminal = inputIsTerminal
    }

    /// Colour only on a terminal, never under NO_COLOR (SPEC §3.5; set to anything but the empty
    /// string, as no-color.org has it) nor on TERM=dumb.
    public var usesColour: Bool {
        outputIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    /// The width to lay text out in: the terminal's, else COLUMNS, else 80.
    public var width: Int {
        var size = winsize()
        if outputIsTerminal, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return 80
    }

    /// How to ask for a line: libedit on a terminal, plain lines from standard input otherwise.
    public var lineReader: LineReading {
        if let reader { return reader }
        let made: LineReading = TerminalLineReader() ?? StreamLineReader(fileDescriptor: 0)
        reader = made
        return made
    }
}
