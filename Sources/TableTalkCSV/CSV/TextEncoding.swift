/// The character encoding of a CSV file, as detected from its first bytes.
public enum TextEncoding: String, Sendable, Hashable {
    case utf8 = "utf-8"
    case utf8BOM = "utf-8-bom"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    /// Not valid UTF-8: read as Latin-1 (Windows-1252 for 0x80–0x9F) and reported as a warning.
    case latin1 = "latin-1"

}
