#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Sets the process locale from the environment (`setlocale(LC_ALL, "")`) and, if
/// the character type is then not UTF-8, switches `LC_CTYPE` to `C.UTF-8`, so that
/// Japanese text is read, edited and measured (wcwidth) as UTF-8.
///
/// Call it first thing, before creating a ``TerminalLineReader``.
public func setUpUTF8Locale() {
    _ = setlocale(LC_ALL, "")
    if !currentLocaleIsUTF8() {
        if setlocale(LC_CTYPE, "C.UTF-8") == nil {
            _ = setlocale(LC_CTYPE, "en_US.UTF-8")
        }
    }
}

/// Whether the current `LC_CTYPE` uses UTF-8.
func currentLocaleIsUTF8() -> Bool {
    guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
    let name = String(cString: codeset).uppercased()
    return name == "UTF-8" || name == "UTF8"
}
