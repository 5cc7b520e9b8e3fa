/// A JSON-RPC error code. Open: the standard codes plus TableTalk's application range.
///
/// Application codes live in -32099…-32000 (server lifecycle) and 1000…4999 (capabilities); every code
/// is listed in `Protocol/README.md` and `Protocol/openrpc.json`, and a test checks they agree.
public struct ErrorCode: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public init(_ rawValue: Int) { self.rawValue = rawValue }

    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(Int.self) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
    public var description: String { String(rawValue) }

    // JSON-RPC 2.0
    public static let parseError = ErrorCode(-32700)
    public static let invalidRequest = ErrorCode(-32600)
    public static let methodNotFound = ErrorCode(-32601)
    public static let invalidParams = ErrorCode(-32602)
    public static let internalError = ErrorCode(-32603)

    // Lifecycle and transport (-32099…-32000)
    public static let serverNotInitialized = ErrorCode(-32002)
    public static let unsupportedProtocolVersion = ErrorCode(-32003)
    public static let alreadyInitialized = ErrorCode(-32004)
    public static let shuttingDown = ErrorCode(-32005)
    public static let unauthorized = ErrorCode(-32010)
    public static let frameTooLarge = ErrorCode(-32011)
    public static let rateLimited = ErrorCode(-32012)
    public static let requestCancelled = ErrorCode(-32800)
    public static let pluginUnavailable = ErrorCode(-32020)

    // Upload (1000…1999)
    public static let uploadNotFound = ErrorCode(1000)
    public static let uploadTooLarge = ErrorCode(1001)
    public static let uploadOffsetMismatch = ErrorCode(1002)
    public static let uploadChecksumMismatch = ErrorCode(1003)
    public static let uploadIncomplete = ErrorCode(1004)
    public static let storageFull = ErrorCode(1005)
    public static let notCSV = ErrorCode(1010)
    public static let csvEncoding = ErrorCode(1011)
    public static let csvUnclosedQuote = ErrorCode(1012)
    public static let csvRaggedRow = ErrorCode(1013)
    public static let csvEmpty = ErrorCode(1014)
    public static let csvTooManyColumns = ErrorCode(1015)
    public static let csvFieldTooLarge = ErrorCode(1016)
    public static let importPathDenied = ErrorCode(1020)

    // Query (2000…2999)
    public static let tableNotFound = ErrorCode(2000)
    public static let columnNotFound = ErrorCode(2001)
    public static let sqlSyntax = ErrorCode(2002)
    public static let sqlNotAllowed = ErrorCode(2003)
    public static let queryTimeout = ErrorCode(2004)
    public static let queryCancelled = ErrorCode(2005)
    public static let multipleStatements = ErrorCode(2006)
    public static let invalidPageToken = ErrorCode(2007)
    public static let tableExists = ErrorCode(2008)
    public static let typeConversion = ErrorCode(2009)
    public static let columnNameRejected = ErrorCode(2010)
    public static let queryTooLarge = ErrorCode(2011)

    // Chat and history (3000…3999)
    public static let sessionNotFound = ErrorCode(3000)
    public static let emptyQuestion = ErrorCode(3001)
    public static let questionTooLong = ErrorCode(3002)
    public static let messageNotFound = ErrorCode(3003)
    public static let translatorUnavailable = ErrorCode(3004)

    /// Every code TableTalk sends, by name (the spec and `Protocol/README.md` list exactly these).
    public static let documented: [String: ErrorCode] = [
        "parseError": .parseError,
        "invalidRequest": .invalidRequest,
        "methodNotFound": .methodNotFound,
        "invalidParams": .invalidParams,
        "internalError": .internalError,
        "serverNotInitialized": .serverNotInitialized,
        "unsupportedProtocolVersion": .unsupportedProtocolVersion,
        "alreadyInitialized": .alreadyInitialized,
        "shuttingDown": .shuttingDown,
        "unauthorized": .unauthorized,
        "frameTooLarge": .frameTooLarge,
        "rateLimited": .rateLimited,
        "requestCancelled": .requestCancelled,
        "pluginUnavailable": .pluginUnavailable,
        "uploadNotFound": .uploadNotFound,
        "uploadTooLarge": .uploadTooLarge,
        "uploadOffsetMismatch": .uploadOffsetMismatch,
        "uploadChecksumMismatch": .uploadChecksumMismatch,
        "uploadIncomplete": .uploadIncomplete,
        "storageFull": .storageFull,
        "notCSV": .notCSV,
        "csvEncoding": .csvEncoding,
        "csvUnclosedQuote": .csvUnclosedQuote,
        "csvRaggedRow": .csvRaggedRow,
        "csvEmpty": .csvEmpty,
        "csvTooManyColumns": .csvTooManyColumns,
        "csvFieldTooLarge": .csvFieldTooLarge,
        "importPathDenied": .importPathDenied,
        "tableNotFound": .tableNotFound,
        "columnNotFound": .columnNotFound,
        "sqlSyntax": .sqlSyntax,
        "sqlNotAllowed": .sqlNotAllowed,
        "queryTimeout": .queryTimeout,
        "queryCancelled": .queryCancelled,
        "multipleStatements": .multipleStatements,
        "invalidPageToken": .invalidPageToken,
        "tableExists": .tableExists,
        "typeConversion": .typeConversion,
        "columnNameRejected": .columnNameRejected,
        "queryTooLarge": .queryTooLarge,
        "sessionNotFound": .sessionNotFound,
        "emptyQuestion": .emptyQuestion,
        "questionTooLong": .questionTooLong,
        "messageNotFound": .messageNotFound,
        "translatorUnavailable": .translatorUnavailable,
    ]
}
