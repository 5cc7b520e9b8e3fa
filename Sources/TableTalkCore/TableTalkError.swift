/// The one error family of TableTalk's domain. Each ``Kind`` has a stable code (its raw value) that the
/// broker puts on the wire unchanged; `Protocol/README.md` lists them all and a test checks it.
public struct TableTalkError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Int, Sendable, CaseIterable {
        // Upload 1000…1999
        case uploadNotFound = 1000, uploadTooLarge = 1001, uploadOffsetMismatch = 1002
        case uploadChecksumMismatch = 1003, uploadIncomplete = 1004, storageFull = 1005
        case notCSV = 1010, csvEncoding = 1011, csvUnclosedQuote = 1012, csvRaggedRow = 1013
        case csvEmpty = 1014, csvTooManyColumns = 1015, csvFieldTooLarge = 1016, importPathDenied = 1020
        // Query 2000…2999
        case tableNotFound = 2000, columnNotFound = 2001, sqlSyntax = 2002, sqlNotAllowed = 2003
        case queryTimeout = 2004, queryCancelled = 2005, multipleStatements = 2006, invalidPageToken = 2007
        case tableExists = 2008, typeConversion = 2009, columnNameRejected = 2010, queryTooLarge = 2011
        // Chat and history 3000…3999
        case sessionNotFound = 3000, emptyQuestion = 3001, questionTooLong = 3002, messageNotFound = 3003
        case translatorUnavailable = 3004
        // Generic
        case invalidArgument = -32602, internalFailure = -32603
    }

    public var kind: Kind
    public var message: String
    /// Machine-readable details (line numbers, column names, limits).
    public var details: [String: String]

    public init(_ kind: Kind, _ message: String, details: [String: String] = [:]) {
        self.kind = kind
        self.message = message
        self.details = details
    }

    public var code: Int { kind.rawValue }
    public var description: String { "\(kind) (\(code)): \(message)" }
}
