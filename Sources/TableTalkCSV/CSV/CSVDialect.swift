/// How a CSV file is written: encoding, delimiter, escaping and whether the first row is a header.
public struct CSVDialect: Sendable, Hashable {
    public var encoding: TextEncoding
    /// One of `,` `;` `\t` `|`.
    public var delimiter: UInt8
    /// True when quotes inside quoted fields are escaped as `\"` (besides RFC 4180's `""`).
    public var backslashEscapes: Bool
    public var hasHeader: Bool

    public init(encoding: TextEncoding, delimiter: UInt8, backslashEscapes: Bool, hasHeader: Bool) {
        self.encoding = encoding
        self.delimiter = delimiter
        self.backslashEscapes = backslashEscapes
        self.hasHeader = hasHeader
    }

    /// The delimiter as the report shows it (`,` `;` `\t` `|`).
    public var delimiterName: String {
        delimiter == 0x09 ? "\\t" : String(UnicodeScalar(delimiter))
    }
}
